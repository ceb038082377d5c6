"""Any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp server) via LangChain."""

from __future__ import annotations

import ipaddress
import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import urlsplit

from simulator.backends import ActorRequest, ChatMessage
from simulator.backends.cleaning import clean_stream
from simulator.backends.errors import (
    BackendAuthError,
    BackendRateLimited,
    BackendRequestError,
    BackendTimeout,
    BackendUnavailable,
)
from simulator.backends.http_guard import (
    OPENAI_ORIGIN,
    GuardedTransport,
    neutralise_sdk_environment,
    origin_of,
    redact,
    redacting,
)
from simulator.backends.prompting import chat_messages
from simulator.config import Settings
from simulator.display import printable
from simulator.errors import BackendError, UsageError
from simulator.i18n import _

OPENAI_HOSTS = {"api.openai.com"}
OPENAI_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
NO_KEY = "no-key-needed"
STRUCTURED_METHODS = ("json_schema", "function_calling", "json_mode")
LINE_TOKENS = 80
REPLY_TOKENS = 800  # room for the judge's JSON
# A persona line is ~80 tokens; a server that ignores max_tokens is cut off here.
MAX_LINE_CHARS = 8000
MAX_LINE_CHUNKS = 2000
MAX_BYTES = {LINE_TOKENS: 512 * 1024, REPLY_TOKENS: 1024 * 1024}
# Three tries in all for a 429, 5xx or refused connection, within the request's budget.
ATTEMPTS = 3
BACKOFF_S = 0.5
MAX_RETRY_AFTER_S = 5.0
# After a definitive failure, later requests fail at once for a while instead of each
# waiting out its own timeout (an automatic trainee asks once per turn).
DOWN_FOR_S = 60.0

T = TypeVar("T")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_url(settings: Settings) -> str:
    """The base URL, always explicit so no SDK falls back to OPENAI_BASE_URL or friends."""
    url = settings.base_url or OPENAI_URL
    parts = urlsplit(url)
    if "@" in parts.netloc:
        # Never echoed: the URL holds a password. The guard would drop it anyway.
        raise UsageError(
            _(
                "--base-url: credentials in the URL are not supported (they would be shown and "
                "logged); put the server's key in a variable and name it with --api-key-env"
            )
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            _("--base-url: expected http(s)://HOST[:PORT]/PATH, got {got!r}").format(got=url[:80])
        )
    return url


def resolve_api_key(settings: Settings) -> str:
    """The key to send: OPENAI_API_KEY only to https://api.openai.com, unless the user names one."""
    url = server_url(settings)
    scheme, host, _port = origin_of(url)
    name = settings.api_key_env
    if name:
        if name == "OPENAI_API_KEY" and origin_of(url) != OPENAI_ORIGIN:
            raise UsageError(
                _(
                    "--api-key-env OPENAI_API_KEY: the OpenAI key is only ever sent to "
                    "https://api.openai.com; put this server's key in another variable"
                )
            )
        value = os.environ.get(name)
        if not value:
            empty = _("--api-key-env: environment variable {name} is empty")
            raise UsageError(empty.format(name=name))
        if value == os.environ.get("OPENAI_API_KEY") and origin_of(url) != OPENAI_ORIGIN:
            raise UsageError(
                _(
                    "--api-key-env {name}: it holds the OpenAI key, which is only "
                    "ever sent to https://api.openai.com; use this server's own key"
                ).format(name=name)
            )
        if scheme != "https" and not _is_loopback(host):
            raise UsageError(
                _(
                    "--base-url: a key would cross the network in clear to {host}; use https "
                    "(plain http is allowed for loopback servers only)"
                ).format(host=host)
            )
        return value
    if host in OPENAI_HOSTS:
        if scheme != "https":
            raise UsageError("--base-url: api.openai.com must be reached over https")
        value = os.environ.get("OPENAI_API_KEY")
        if not value:
            raise UsageError(
                "the openai backend needs OPENAI_API_KEY (or --base-url for a local server)"
            )
        return value
    # A custom server never receives the OpenAI key by default: it may not be OpenAI's to see.
    return NO_KEY


def _to_langchain(messages: list[ChatMessage]) -> list[tuple[str, str]]:
    return [(m.role if m.role != "assistant" else "ai", m.content) for m in messages]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    value = getattr(response, "headers", {}).get("retry-after") if response is not None else None
    try:
        return min(MAX_RETRY_AFTER_S, max(0.0, float(value))) if value else None
    except ValueError:
        return None


class OpenAIBackend:
    """Chat-format prompting through LangChain's ChatOpenAI, behind a guarded transport."""

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.model or DEFAULT_MODEL
        if settings.judge_method not in STRUCTURED_METHODS:
            raise UsageError(
                _("judge_method: expected one of {choices}, got {got!r}").format(
                    choices=", ".join(STRUCTURED_METHODS), got=settings.judge_method
                )
            )
        self.url = server_url(settings)
        self._key = resolve_api_key(settings)
        neutralise_sdk_environment()
        self._clients: dict[int, Any] = {}
        self._down_until = 0.0
        self._down: BackendError | None = None

    @property
    def where(self) -> str:
        """The server, for messages."""
        return self.settings.base_url or "OpenAI"

    def client(self, max_tokens: int) -> Any:
        """The LangChain chat model for a reply length, built on first use."""
        if max_tokens not in self._clients:
            self._clients[max_tokens] = self._build(max_tokens, self.settings.timeout_s)
        return self._clients[max_tokens]

    def _build(self, max_tokens: int, total: float) -> Any:
        """A chat model whose every request goes through the guarded transport."""
        import httpx2
        from langchain_openai import ChatOpenAI
        from pydantic import SecretStr

        key = None if self._key == NO_KEY else self._key
        transport = GuardedTransport(
            origin_of(self.url), key, total, MAX_BYTES.get(max_tokens, MAX_BYTES[REPLY_TOKENS])
        )
        timeout = httpx2.Timeout(total, connect=min(10.0, total))
        http = httpx2.Client(transport=transport, timeout=timeout, follow_redirects=False)
        options: dict[str, Any] = {"max_tokens": max_tokens}  # an alias the stubs do not list
        return ChatOpenAI(
            model=self.model,
            base_url=self.url,
            api_key=SecretStr(self._key),
            temperature=self.settings.temperature,
            timeout=timeout,
            max_retries=0,  # retries are ours: bounded, typed, within one budget
            http_client=http,
            **options,
        )

    def ping(self, total_s: float) -> None:
        """One one-token request, not retried, within `total_s`; raises what the SDK raised."""
        self._build(1, total_s).invoke([("user", "Say OK.")])

    # --- errors ----------------------------------------------------------------------------
    def secrets(self) -> list[str]:
        """The keys this process holds, for redaction."""
        return [k for k in (self._key, os.environ.get("OPENAI_API_KEY", "")) if k and k != NO_KEY]

    def _redact(self, text: str) -> str:
        return printable(redact(text, self.secrets()), one_line=True, limit=240)

    def _typed(self, exc: BaseException) -> BackendError:
        """One typed, one-line, key-free error for any failure below us."""
        for link in _chain(exc):
            if isinstance(link, BackendError):
                return type(link)(self._redact(str(link)))
        import openai

        status = getattr(exc, "status_code", None)
        detail = self._redact(f"{type(exc).__name__}: {exc}")
        where = self.where
        if isinstance(exc, openai.APITimeoutError):
            late = _("{where}: no reply within {seconds}s")
            return BackendTimeout(late.format(where=where, seconds=f"{self.settings.timeout_s:g}"))
        if isinstance(exc, openai.APIConnectionError):
            cause = next((c for c in _chain(exc) if c is not exc), exc)
            reason = self._redact(f"{type(cause).__name__}: {cause}")
            away = _("{where}: cannot reach the server ({why})")
            return BackendUnavailable(away.format(where=where, why=reason))
        if status == 429:
            limited = _("{where}: rate limited (429) {detail}")
            return BackendRateLimited(limited.format(where=where, detail=detail))
        if status in (401, 403):
            return BackendAuthError(
                _(
                    "{where}: the server refused the credentials ({status}); "
                    "check --api-key-env or OPENAI_API_KEY"
                ).format(where=where, status=status)
            )
        if isinstance(status, int) and status >= 500:
            failed = _("{where}: server error ({status}) {detail}")
            return BackendUnavailable(failed.format(where=where, status=status, detail=detail))
        if isinstance(status, int):
            rejected = _("{where}: request rejected ({status}) {detail}")
            return BackendRequestError(rejected.format(where=where, status=status, detail=detail))
        return BackendError(f"{where}: {detail}")

    def _call(self, attempt: Callable[[], T], *, may_retry: Callable[[], bool]) -> T:
        """Run `attempt` with bounded retries inside one time budget; typed errors out."""
        now = time.monotonic()
        if self._down is not None and now < self._down_until:
            raise type(self._down)(f"{self._down} (not retried for {DOWN_FOR_S:g}s)")
        deadline = now + self.settings.timeout_s
        for number in range(ATTEMPTS):
            try:
                result = attempt()
            except Exception as exc:  # the SDK raises many transport types; _typed sorts them
                error = self._typed(exc)
                wait = _retry_after(exc) or BACKOFF_S * 2**number
                retry = (
                    getattr(error, "retryable", False)
                    and not isinstance(error, BackendTimeout)
                    and number + 1 < ATTEMPTS
                    and time.monotonic() + wait < deadline
                    and may_retry()
                )
                if not retry:
                    if isinstance(error, BackendUnavailable | BackendAuthError):
                        self._down, self._down_until = error, time.monotonic() + DOWN_FOR_S
                    raise error from exc
                time.sleep(wait)
            else:
                self._down = None
                return result
        raise AssertionError("unreachable")  # pragma: no cover

    # --- the interface ---------------------------------------------------------------------
    @property
    def tiny(self) -> bool:
        """Unless configured as capable, the engine speaks fact reveals in authored words."""
        return not self.settings.capable

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Stream the persona's line, cleaned: one line, no labels, lead-ins or notes."""
        ident = request.persona.identity
        names = {ident.name, ident.name.split()[0]}
        # A model that echoes a key (from a prompt injection, say) must not show or save it.
        yield from clean_stream(redacting(self._raw_line(request), self.secrets()), names)

    def _raw_line(self, request: ActorRequest) -> Iterator[str]:
        """The server's reply as it streams; bounded in size, chunks and time."""
        messages = _to_langchain(chat_messages(request))
        shown: list[str] = []

        def attempt() -> Iterator[Any]:
            # The first chunk proves the server is up; only then do we start yielding.
            stream = iter(self.client(LINE_TOKENS).stream(messages, seed=request.seed))
            first = next(stream, None)
            return _prepend(first, stream)

        chunks = self._call(attempt, may_retry=lambda: not shown)
        size = 0
        try:
            for count, chunk in enumerate(chunks):
                text = chunk.content if isinstance(chunk.content, str) else ""
                size += len(text)
                if count >= MAX_LINE_CHUNKS or size > MAX_LINE_CHARS:
                    break  # a server ignoring max_tokens; the line check trims what came
                if text:
                    shown.append(text)
                    yield text
        except Exception as exc:
            raise self._typed(exc) from exc
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    def complete(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None) -> str:
        """One reply; with a schema, structured output by the configured method."""
        prompt = _to_langchain(messages)

        def attempt() -> str:
            if schema is None:
                return str(self.client(REPLY_TOKENS).invoke(prompt).content)
            structured = self.client(REPLY_TOKENS).with_structured_output(
                schema, method=self.settings.judge_method, include_raw=False
            )
            return json.dumps(structured.invoke(prompt))

        return redact(self._call(attempt, may_retry=lambda: True), self.secrets())


def _prepend(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if first is not None:
        yield first
    yield from rest
