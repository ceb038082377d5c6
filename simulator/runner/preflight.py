"""One small request before a batch on a remote backend, so a dead server fails fast.

It goes through the backend's own guarded transport, like every other request: the same
one origin, the same key rules, no proxy in clear, no redirect followed, a bounded reply.
"""

from __future__ import annotations

from simulator.config import Settings
from simulator.errors import BackendError

# Backends that talk to a server; the others run in-process and need no check.
REMOTE_BACKENDS = ("openai",)
PREFLIGHT_S = 30.0


class BackendUnavailable(BackendError):
    """The server is unreachable, or rejects the model or the key."""


def _reason(exc: BaseException, where: str, model: str, total: float) -> str:
    """One line saying what went wrong, from the first link of the chain that knows."""
    import openai

    from simulator.backends.openai_chat import _chain

    for link in _chain(exc):
        if isinstance(link, BackendError):  # the guard's own: refused, too large, too slow
            return str(link)
        if isinstance(link, openai.APITimeoutError):
            return f"{where}: no answer within {total:g}s"
        if isinstance(link, openai.APIConnectionError):
            cause = next((c for c in _chain(link) if c is not link), link)
            return f"{where}: unreachable ({type(cause).__name__}: {cause})"
        if isinstance(link, openai.AuthenticationError | openai.PermissionDeniedError):
            return f"{where}: the key was rejected (HTTP {link.status_code}); check --api-key-env"
        if isinstance(link, openai.NotFoundError | openai.BadRequestError):
            return f"{where}: model {model!r} rejected (HTTP {link.status_code}); check --model"
        if isinstance(link, openai.APIStatusError):
            if 300 <= link.status_code < 400:
                return f"{where}: redirected (HTTP {link.status_code}); redirects are not followed"
            return f"{where}: server error (HTTP {link.status_code})"
    return f"{where}: not an OpenAI-compatible reply ({type(exc).__name__})"


def preflight(settings: Settings) -> None:
    """Ask for one token; raise BackendUnavailable with one line saying what is wrong."""
    if settings.backend not in REMOTE_BACKENDS:
        return
    from simulator.backends.openai_chat import OpenAIBackend, server_url

    backend = OpenAIBackend(settings)  # refuses unsafe key routes before anything is sent
    total = min(settings.timeout_s, PREFLIGHT_S)
    try:
        backend.ping(total)
    except Exception as exc:  # the SDK raises many types; _reason names the one that matters
        where = server_url(settings)
        raise BackendUnavailable(backend._redact(_reason(exc, where, backend.model, total))) from (
            None
        )
