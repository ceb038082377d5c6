"""Does `callsim run --jobs 4` finish a batch faster than `--jobs 1` against a local server?

Usage: python bench/runner_jobs.py [--servers N] [--scenarios N]
Starts N llama_cpp.server processes on loopback serving the bundled SmolLM2 model (one
thread each) behind a small proxy that keeps each conversation on one server (so its
prompt-prefix cache stays warm), standing in for a multi-slot server (vLLM, llama.cpp's
llama-server --parallel, a balanced pool), then times the same batch at --jobs 1
and --jobs 4 on the openai backend and prints the ratio. With --servers 1 the server
handles one request at a time, so the ratio shows how much the runner itself overlaps.
Everything stays on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from simulator.backends.local import bundled_model_path

ROOT = Path(__file__).resolve().parent.parent
BASE_PORT = 8820


def start_servers(n: int) -> list[subprocess.Popen[bytes]]:
    procs = []
    for i in range(n):
        cmd = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(bundled_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(BASE_PORT + 1 + i),
            "--n_threads",
            "1",
            # Prompt reading would otherwise use every core in every server and thrash.
            "--n_threads_batch",
            "1",
            "--n_ctx",
            "2048",
            "--model_alias",
            "smollm2",
            # By default this server aborts a running stream when another request arrives.
            "--interrupt_requests",
            "False",
        ]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for i in range(n):
        for _ in range(120):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", BASE_PORT + 1 + i, timeout=1)
                conn.request("GET", "/v1/models")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
    return procs


def proxy(n: int) -> ThreadingHTTPServer:
    ports = itertools.cycle(range(BASE_PORT + 1, BASE_PORT + 1 + n))
    lock = threading.Lock()
    # Sticky by conversation: llama.cpp reuses the cached prompt prefix of the last request,
    # so a call that keeps its server skips re-reading its whole history every turn.
    sticky: dict[str, int] = {}

    def route(body: bytes) -> int:
        try:
            messages = json.loads(body or b"{}").get("messages", [])
            key = "|".join(str(m.get("content", ""))[:300] for m in messages[:2])
        except (ValueError, AttributeError):
            key = ""
        with lock:
            if key not in sticky:
                sticky[key] = next(ports)
            return sticky[key]

    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0) or 0))
            port = route(body)
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            headers = {
                k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
            }
            conn.request(self.command, self.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            self.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(k, v)
            self.send_header("connection", "close")
            self.end_headers()
            try:
                while chunk := resp.read1(4096):
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, http.client.IncompleteRead):
                pass  # the client stopped reading: its line check had what it needed
            finally:
                conn.close()
                if os.environ.get("BENCH_TRACE"):
                    print(
                        f"{port} {t0:.2f} {time.perf_counter() - t0:.2f}s {len(body)}b",
                        file=sys.stderr,
                    )

        do_GET = do_POST = _forward

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", BASE_PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_run(files: list[str], jobs: int, home: str) -> float:
    env = {**os.environ, "CALLSIM_HOME": home}
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator.cli.main",
            "run",
            *files,
            "--backend",
            "openai",
            "--base-url",
            f"http://127.0.0.1:{BASE_PORT}/v1",
            "--model",
            "smollm2",
            "--jobs",
            str(jobs),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=900,
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--servers", type=int, default=4)
    ap.add_argument("--scenarios", type=int, default=8)
    args = ap.parse_args()
    files = sorted(
        str(p) for p in (ROOT / "scenarios").glob("*.yaml") if "policy" not in p.read_text()
    )
    files = files[: args.scenarios]
    procs = start_servers(args.servers)
    server = proxy(args.servers)
    try:
        with tempfile.TemporaryDirectory() as home:
            one = timed_run(files, 1, home)
            four = timed_run(files, 4, home)
    finally:
        server.shutdown()
        for p in procs:
            p.terminate()
    print(f"{len(files)} scenarios, {args.servers} server process(es) on loopback")
    print(f"--jobs 1: {one:.1f} s   --jobs 4: {four:.1f} s   speed-up: {one / four:.2f}x")


if __name__ == "__main__":
    main()
