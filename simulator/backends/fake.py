"""A deterministic fake for tests, registered through the same path as real backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from simulator.backends import ActorRequest, ChatMessage
from simulator.config import Settings
from simulator.errors import BackendError


class FakeBackend:
    """Replays queued lines (or a canned reply); can be told to fail."""

    name = "fake"
    model = "fake"

    def __init__(self, settings: Settings | None = None, lines: list[str] | None = None) -> None:
        self.settings = settings
        self.lines = list(lines or [])
        self.completions: list[str] = []
        self.requests: list[ActorRequest] = []
        self.prompts: list[list[ChatMessage]] = []
        self.fail_after: int | None = None

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Yield the next queued line in two chunks, or the authored example."""
        self.requests.append(request)
        if self.fail_after is not None and len(self.requests) > self.fail_after:
            raise BackendError("fake backend: connection refused")
        line = self.lines.pop(0) if self.lines else f"Fine. {request.example}"
        half = len(line) // 2
        yield line[:half]
        yield line[half:]

    def complete(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None) -> str:
        """Pop a queued completion."""
        self.prompts.append(messages)
        if not self.completions:
            raise BackendError("fake backend: no completion queued")
        return self.completions.pop(0)
