"""An exclusive, non-blocking lock on a side file: a second process gets a clear refusal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.errors import UsageError

try:  # POSIX advisory locks; elsewhere nothing is locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextmanager
def exclusive(path: Path, busy: str) -> Iterator[None]:
    """Hold `path` locked for the block; raise UsageError(`busy`) if another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                raise UsageError(busy) from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock
