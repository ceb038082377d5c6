"""No model at all: the director's beat rendered from the persona's authored lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from simulator.backends import ActorRequest, ChatMessage
from simulator.config import Settings
from simulator.errors import BackendError
from simulator.i18n import _


class ScriptedBackend:
    """Deterministic: speaks the director's chosen authored line."""

    name = "scripted"
    model = "authored-lines"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Yield the authored example word by word, as if streamed."""
        words = request.example.split(" ")
        for i, word in enumerate(words):
            yield word if i == 0 else " " + word

    def complete(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None) -> str:
        """The scripted backend has no model to judge or role-play the trainee with."""
        raise BackendError(_("the scripted backend has no model for free-form completion"))
