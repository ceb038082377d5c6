"""A loopback OpenAI-compatible server that misbehaves on purpose, and stops by itself."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Text a hostile server (or model) might put in a persona line or an error message.
NASTY = "Sure [/bold] [red]x[/] \x1b]0;pwned\x07\x1b[2J\x9b31m<img src=x onerror=alert(1)>"
# The server never lives longer than this, whatever a test does.
LIFETIME_S = 30.0


@dataclass
class Seen:
    """What the server received: one entry per request."""

    headers: list[dict[str, str]] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def _chunk(text: str) -> bytes:
    data = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}],
    }
    return b"data: " + json.dumps(data).encode() + b"\n\n"


def _reply(text: str) -> bytes:
    return json.dumps(
        {
            "id": "r1",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
    ).encode()


class Hostile(ThreadingHTTPServer):
    """Behaviour is switched per test: ok, 500, 429, hang, reset, trickle, huge, flood, nasty,
    fails_later."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"
        self.text = "Go on then, tell me more."
        self.seen = Seen()
        self.redirect_to = ""  # for mode "redirect"
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        """The base URL a backend should use."""
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def start(self) -> Hostile:
        """Serve in a daemon thread; a timer stops it after LIFETIME_S come what may."""
        threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        timer = threading.Timer(LIFETIME_S, self.stop)
        timer.daemon = True
        timer.start()
        return self

    def stop(self) -> None:
        """Release hanging handlers and stop serving."""
        if not self.stopping.is_set():
            self.stopping.set()
            self.shutdown()
            self.server_close()


class Handler(BaseHTTPRequestHandler):
    """One request, answered according to the server's mode."""

    server: Hostile

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_POST(self) -> None:
        """Chat completions, streamed or not."""
        # Headers first: a capture server (a proxy, a tracing endpoint) may get any body.
        self.server.seen.headers.append({k.lower(): v for k, v in self.headers.items()})
        self.server.seen.paths.append(self.path)
        length = int(self.headers.get("content-length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = {}
        self.server.seen.bodies.append(body if isinstance(body, dict) else {})
        getattr(self, "mode_" + self.server.mode)(bool(body.get("stream")))

    def do_GET(self) -> None:
        """Model list (a preflight might ask)."""
        self.server.seen.headers.append({k.lower(): v for k, v in self.headers.items()})
        self.server.seen.paths.append(self.path)
        self._send(200, json.dumps({"object": "list", "data": [{"id": "m"}]}).encode())

    def do_CONNECT(self) -> None:
        """A proxy tunnel request: recorded, then refused."""
        self.server.seen.headers.append({k.lower(): v for k, v in self.headers.items()})
        self.server.seen.paths.append(self.path)
        self._send(502, b"{}")

    def _send(self, status: int, data: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()

    def _stream(self, pieces: list[str]) -> None:
        self._start_stream()
        for piece in pieces:
            self.wfile.write(_chunk(piece))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def mode_ok(self, stream: bool) -> None:
        """A well-behaved reply."""
        if stream:
            self._stream(self.server.text.split(" "))
            return
        self._send(200, _reply(self.server.text))

    def mode_nasty(self, stream: bool) -> None:
        """Markup, escape codes and HTML in the persona's words."""
        self.server.text = NASTY
        self.mode_ok(stream)

    def mode_500(self, stream: bool) -> None:
        """An internal error whose message carries markup and escape codes."""
        error = {"error": {"message": f"boom {NASTY}", "type": "server_error"}}
        self._send(500, json.dumps(error).encode())

    def mode_429(self, stream: bool) -> None:
        """Rate limited, retry at once."""
        error = {"error": {"message": "slow down", "type": "rate_limit"}}
        self._send(429, json.dumps(error).encode(), {"retry-after": "0"})

    def mode_hang(self, stream: bool) -> None:
        """Accept and never answer (until the server stops)."""
        self.server.stopping.wait(LIFETIME_S)

    def mode_reset(self, stream: bool) -> None:
        """Start a line, then reset the connection."""
        if stream:
            self._start_stream()
            self.wfile.write(_chunk("Well, I "))
            self.wfile.flush()
            time.sleep(0.05)
        linger = struct.pack("ii", 1, 0)  # RST instead of FIN
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        self.connection.close()

    def mode_trickle(self, stream: bool) -> None:
        """Keep-alive comments forever: every read succeeds, the reply never ends."""
        self._start_stream()
        try:
            while not self.server.stopping.wait(0.1):
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except OSError:
            return  # the client gave up, as it should

    def mode_huge(self, stream: bool) -> None:
        """One enormous line with no sentence end."""
        text = "blah " * 400_000  # 2 MB
        if stream:
            try:
                self._stream([text])
            except OSError:
                return
            return
        try:
            self._send(200, _reply(text))
        except OSError:
            return

    def mode_flood(self, stream: bool) -> None:
        """A hundred thousand one-character chunks."""
        self._start_stream()
        try:
            for _ in range(100_000):
                self.wfile.write(_chunk("a"))
            self.wfile.write(b"data: [DONE]\n\n")
        except OSError:
            return

    def mode_redirect(self, stream: bool) -> None:
        """Send the client elsewhere (another port: a different origin)."""
        self._send(307, b"{}", {"location": self.server.redirect_to})

    def mode_badjson(self, stream: bool) -> None:
        """A 200 whose body is not JSON."""
        self._send(200, b"{this is not json")

    def mode_empty(self, stream: bool) -> None:
        """A well-formed reply with no words in it (streamed: one chunk with empty content)."""
        if stream:
            self._stream([""])
            return
        self._send(200, _reply(""))

    def mode_lines_empty(self, stream: bool) -> None:
        """Answers a preflight, then every persona line is empty."""
        self.mode_empty(stream) if stream else self.mode_ok(stream)

    def mode_lines_huge(self, stream: bool) -> None:
        """Answers a preflight, then every persona line is far too long."""
        self._stream(["blah " * 3000]) if stream else self.mode_ok(stream)

    def mode_lines_nochoices(self, stream: bool) -> None:
        """Answers a preflight, then every streamed line has no choices."""
        if not stream:
            self.mode_ok(stream)
            return
        self._start_stream()
        data = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m"}
        self.wfile.write(b"data: " + json.dumps({**data, "choices": []}).encode() + b"\n\n")
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def mode_fails_later(self, stream: bool) -> None:
        """The first request (a preflight) succeeds; every later one is a 500 holding markup."""
        if len(self.server.seen.bodies) <= 1:
            self.mode_ok(stream)
            return
        error = {"error": {"message": "upstream [/] gone [bold]", "type": "server_error"}}
        self._send(500, json.dumps(error).encode())
