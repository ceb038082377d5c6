"""One small request before a batch on a remote backend, so a dead server fails fast."""

from __future__ import annotations

from simulator.config import Settings
from simulator.errors import BackendError

# Backends that talk to a server; the others run in-process and need no check.
REMOTE_BACKENDS = ("openai",)


class BackendUnavailable(BackendError):
    """The server is unreachable, or rejects the model or the key."""


def _where(settings: Settings) -> str:
    return settings.base_url or "https://api.openai.com/v1"


def preflight(settings: Settings) -> None:
    """Ask for one token; raise BackendUnavailable with one line saying what is wrong."""
    if settings.backend not in REMOTE_BACKENDS:
        return
    import openai

    from simulator.backends.openai_chat import DEFAULT_MODEL, resolve_api_key

    model = settings.model or DEFAULT_MODEL
    client = openai.OpenAI(
        base_url=settings.base_url,
        api_key=resolve_api_key(settings),
        timeout=min(settings.timeout_s, 30.0),
        max_retries=0,
    )
    where = _where(settings)
    try:
        client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "Say OK."}], max_tokens=1
        )
    except openai.APITimeoutError as exc:
        raise BackendUnavailable(f"{where}: no answer within {client.timeout}s") from exc
    except openai.APIConnectionError as exc:
        raise BackendUnavailable(f"{where}: unreachable ({exc.__cause__ or exc})") from exc
    except openai.AuthenticationError as exc:
        raise BackendUnavailable(
            f"{where}: the key was rejected (HTTP {exc.status_code}); check --api-key-env"
        ) from exc
    except (openai.NotFoundError, openai.BadRequestError) as exc:
        raise BackendUnavailable(
            f"{where}: model {model!r} rejected (HTTP {exc.status_code}); check --model"
        ) from exc
    except openai.APIStatusError as exc:
        raise BackendUnavailable(f"{where}: server error (HTTP {exc.status_code})") from exc
    finally:
        client.close()
