"""The last hop before the network: one host only, credentials only where they belong, bounded replies.

The OpenAI SDK and LangChain read many environment variables (OPENAI_BASE_URL,
OPENAI_API_BASE, OPENAI_CUSTOM_HEADERS, OPENAI_ORG_ID, LANGSMITH_GATEWAY, ...). Rather
than chase each one, every request passes through this transport, which knows the one
origin callsim was told to talk to and which key (if any) that origin may see.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx2

from simulator.backends.errors import BackendRefused, BackendReplyTooLarge, BackendTimeout

# Headers that carry identity or credentials; only the key's own origin may receive them.
CREDENTIAL_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "api-key",
        "x-api-key",
        "openai-organization",
        "openai-project",
        "cookie",
    }
)
IDENTITY = frozenset({"openai-organization", "openai-project"})
# LangChain's tracing client has its own HTTP client and would ship every turn and the
# persona's prompt to LANGSMITH_ENDPOINT; these prefixes switch it on or point it away.
TRACING_PREFIXES = ("LANGSMITH_", "LANGCHAIN_")
OPENAI_ORIGIN = ("https", "api.openai.com", 443)
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) with the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 0)


def neutralise_sdk_environment() -> list[str]:
    """Remove the tracing variables from this process; returns the names removed."""
    removed = [name for name in os.environ if name.upper().startswith(TRACING_PREFIXES)]
    for name in removed:
        del os.environ[name]
    return removed


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret (4 characters or more) replaced by ***."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


def _partial(text: str, secrets: list[str]) -> int:
    """How many characters at the end of `text` could be the start of a secret."""
    longest = 0
    for secret in secrets:
        for size in range(min(len(secret) - 1, len(text)), longest, -1):
            if secret.startswith(text[-size:]):
                longest = size
                break
    return longest


def redacting(chunks: Iterator[str], secrets: list[str]) -> Iterator[str]:
    """A stream with secrets replaced, even when one arrives split across chunks.

    Only a tail that could begin a secret is held back, so an ordinary line still streams
    word by word; what is held is given out (redacted) even if the stream fails.
    """
    secrets = [s for s in secrets if len(s) >= 4]
    pending = ""
    try:
        for chunk in chunks:
            pending = redact(pending + chunk, secrets)
            cut = len(pending) - _partial(pending, secrets)
            if cut > 0:
                yield pending[:cut]
                pending = pending[cut:]
    except Exception:
        if pending:  # the line so far is kept (cut off), so show all of it
            yield redact(pending, secrets)
        raise
    if pending:
        yield redact(pending, secrets)


class BoundedStream(httpx2.SyncByteStream):
    """A response body that stops at a byte cap and at the request's total deadline."""

    def __init__(
        self, inner: httpx2.SyncByteStream, deadline: float, max_bytes: int, url: str
    ) -> None:
        self.inner = inner
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.url = url

    def __iter__(self) -> Iterator[bytes]:
        """Yield the body; a trickle past the deadline or a flood past the cap is cut."""
        seen = 0
        for part in self.inner:
            seen += len(part)
            if seen > self.max_bytes:
                raise BackendReplyTooLarge(
                    f"{self.url}: reply larger than {self.max_bytes:,} bytes; stopped reading"
                )
            if time.monotonic() > self.deadline:
                raise BackendTimeout(f"{self.url}: reply still arriving at the time limit")
            yield part

    def close(self) -> None:
        """Release the connection."""
        self.inner.close()


class GuardedTransport(httpx2.BaseTransport):
    """Sends only to `origin`; credential headers only when `key` is meant for it."""

    def __init__(
        self,
        origin: tuple[str, str, int],
        key: str | None,
        total_s: float,
        max_bytes: int,
        inner: httpx2.BaseTransport | None = None,
    ) -> None:
        self.origin = origin
        self.key = key
        self.total_s = total_s
        self.max_bytes = max_bytes
        # An environment proxy only for https (a CONNECT tunnel sees no headers); over plain
        # http it would read the key and every turn in clear.
        self.inner = inner or httpx2.HTTPTransport(trust_env=origin[0] == "https")

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Check the destination, fix the credentials, bound the reply."""
        url = str(request.url)
        if origin_of(url) != self.origin:
            scheme, host, port = self.origin
            raise BackendRefused(
                f"refused to send a request to {request.url.host}: callsim is configured for "
                f"{scheme}://{host}:{port} only (check OPENAI_BASE_URL / OPENAI_API_BASE)"
            )
        self._credentials(request)
        deadline = time.monotonic() + self.total_s
        response = self.inner.handle_request(request)
        if isinstance(response.stream, httpx2.SyncByteStream):
            response.stream = BoundedStream(response.stream, deadline, self.max_bytes, url)
        return response

    def _credentials(self, request: httpx2.Request) -> None:
        identity_ok = self.origin == OPENAI_ORIGIN  # OPENAI_ORG_ID/PROJECT_ID are OpenAI's
        for name in list(request.headers):
            lowered = name.lower()
            if lowered in CREDENTIAL_HEADERS and not (identity_ok and lowered in IDENTITY):
                del request.headers[name]
        # Belt and braces: the OpenAI key must not ride along in any other header either.
        openai_key = os.environ.get("OPENAI_API_KEY", "")
        if len(openai_key) >= 8 and self.origin != OPENAI_ORIGIN:
            for name, value in list(request.headers.items()):
                if openai_key in value:
                    del request.headers[name]
        if self.key:
            request.headers["Authorization"] = f"Bearer {self.key}"

    def close(self) -> None:
        """Close the connection pool."""
        self.inner.close()
