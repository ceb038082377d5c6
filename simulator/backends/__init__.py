"""Model backends behind one small interface, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from simulator.config import Settings
from simulator.errors import UsageError
from simulator.i18n import _
from simulator.models import Persona
from simulator.vocabulary import Beat, Difficulty


@dataclass(frozen=True)
class ChatMessage:
    """One chat message for capable models (judge, automatic trainee, chat-format actor)."""

    role: str
    content: str


@dataclass
class ActorRequest:
    """Everything the actor needs for one persona line; the director decides the content."""

    persona: Persona
    difficulty: Difficulty
    beat: Beat
    direction: str
    note: str
    example: str
    history: list[tuple[str, str]] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # trainee -> client examples
    seed: int = 0
    max_tokens: int = 60


class Backend(Protocol):
    """A model that yields text chunks. Nothing else: no state, no scores, no facts."""

    name: str
    model: str

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Yield the persona's next line in chunks."""
        ...

    def complete(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None) -> str:
        """Answer a chat prompt (JSON when a schema is given) in one piece."""
        ...


Factory = Callable[[Settings], Backend]
_REGISTRY: dict[str, str | Factory] = {
    "local": "simulator.backends.local:LocalBackend",
    "openai": "simulator.backends.openai_chat:OpenAIBackend",
    "scripted": "simulator.backends.scripted:ScriptedBackend",
    "fake": "simulator.backends.fake:FakeBackend",
}


def register(name: str, factory: str | Factory) -> None:
    """Register a backend by import path ("module:Class") or factory."""
    _REGISTRY[name] = factory


def backend_names() -> list[str]:
    """Names a user can pass to --backend."""
    return sorted(_REGISTRY)


def create_backend(settings: Settings) -> Backend:
    """Build the configured backend; imports are lazy so --help stays instant."""
    entry = _REGISTRY.get(settings.backend)
    if entry is None:
        known = ", ".join(backend_names())
        raise UsageError(
            _("--backend: expected one of {choices}, got {got!r}").format(
                choices=known, got=settings.backend
            )
        )
    if isinstance(entry, str):
        import importlib

        module_name, _sep, attr = entry.partition(":")
        factory: Factory = getattr(importlib.import_module(module_name), attr)
    else:
        factory = entry
    return factory(settings)
