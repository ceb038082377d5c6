"""Honest batches: a dead or failing server is an error, never a pass or fail on authored lines."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from simulator.errors import ExitCode
from tests.conftest import ROOT, callsim

SCENARIO = str(ROOT / "scenarios" / "pit-bull-good-rep.yaml")
COMPLETION = {
    "id": "c1",
    "object": "chat.completion",
    "created": 0,
    "model": "m",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "OK"}, "finish_reason": "stop"}
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


class Server:
    """A loopback OpenAI-compatible server whose answers follow a script of modes."""

    def __init__(self, modes: list[str]) -> None:
        self.modes = modes  # one per request; the last repeats: ok, 404, 500 or hang
        self.requests = 0
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                mode = outer.modes[min(outer.requests, len(outer.modes) - 1)]
                outer.requests += 1
                if mode == "hang":
                    outer.stop.wait(5)  # bounded, so the server always stops by itself
                    return
                status, body = {
                    "ok": (200, COMPLETION),
                    "404": (404, {"error": {"message": "model 'nope' not found"}}),
                    "500": (500, {"error": {"message": "boom"}}),
                }[mode]
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    s = Server(request.param)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_TIMEOUT_S", "1")


def run_on(url: str, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    proc = callsim(
        "run", SCENARIO, "--backend", "openai", "--base-url", url, "--model", "m",
        "--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "j.xml"), *extra,
    )  # fmt: skip
    return proc.returncode, proc.stdout, proc.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_preflight_refused_connection_is_one_line_and_exit_4(tmp_path: Path) -> None:
    code, out, err = run_on(f"http://127.0.0.1:{free_port()}/v1", tmp_path)
    assert code == ExitCode.BACKEND == 4
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "unreachable" in lines[0] and "Traceback" not in err
    assert "passed" not in out and not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("server", [["404"]], indirect=True)
def test_preflight_rejected_model_names_the_model(server: Server, tmp_path: Path) -> None:
    code, _, err = run_on(server.url, tmp_path)
    assert code == 4 and "model 'm' rejected (HTTP 404)" in err
    assert server.requests == 1  # one small request, then nothing


@pytest.mark.parametrize("server", [["500"]], indirect=True)
def test_preflight_server_error_stops_the_batch(server: Server, tmp_path: Path) -> None:
    code, _, err = run_on(server.url, tmp_path)
    assert code == 4 and "server error (HTTP 500)" in err


@pytest.mark.parametrize("server", [["ok", "500"], ["ok", "hang"]], indirect=True)
def test_backend_failing_mid_run_is_an_error_not_a_result(server: Server, tmp_path: Path) -> None:
    started = time.monotonic()
    code, out, err = run_on(server.url, tmp_path)
    assert code == ExitCode.RUN_ERRORS == 5, (out, err)
    assert time.monotonic() - started < 60
    data = json.loads((tmp_path / "r.json").read_text())
    assert (data["passed"], data["failed"], data["errors"]) == (0, 0, 1)
    (result,) = data["results"]
    assert result["status"] == "error" and not result["passed"] and result["error"]
    suite = ET.parse(tmp_path / "j.xml").getroot()
    assert (suite.get("errors"), suite.get("failures")) == ("1", "0")
    case = next(suite.iter("testcase"))
    assert case.find("error") is not None and case.find("failure") is None
    assert "ERROR" in out and "0 passed, 0 failed, 1 errors" in out
    assert "backend failed mid-call" in err
