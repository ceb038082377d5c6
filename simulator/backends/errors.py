"""Typed backend failures, so callers can tell a dead server from a refused key or a bad reply."""

from __future__ import annotations

from simulator.errors import BackendError


class BackendUnavailable(BackendError):
    """The server could not be reached or kept failing (connection, reset, 5xx) after retries."""

    retryable = True


class BackendRateLimited(BackendUnavailable):
    """The server kept answering 429 Too Many Requests."""


class BackendTimeout(BackendUnavailable):
    """A request took longer than its total time budget (a hang or a trickle)."""


class BackendAuthError(BackendError):
    """The server refused the credentials (401/403)."""

    retryable = False


class BackendRequestError(BackendError):
    """The server rejected the request itself (400, 404 model not found, 422)."""

    retryable = False


class BackendReplyTooLarge(BackendError):
    """A reply exceeded the size a persona line or a judge review can need."""

    retryable = False


class BackendRefused(BackendError):
    """callsim refused to send a request (another host than configured, say)."""

    retryable = False
