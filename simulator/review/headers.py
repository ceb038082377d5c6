"""Call headers read cheaply (first line only): who held a call, what kind, and when."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from simulator.errors import NotFoundError
from simulator.models import CallHeader
from simulator.transcript import transcripts_dir


@lru_cache(maxsize=4096)
def _header(path: Path, mtime: float) -> CallHeader | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return CallHeader.model_validate_json(fh.readline())
    except (OSError, ValidationError, json.JSONDecodeError):
        return None


def read_header(path: Path) -> CallHeader | None:
    """The header of one transcript, or None when it is missing or damaged."""
    try:
        return _header(path, path.stat().st_mtime)
    except OSError:
        return None


def is_batch(header: CallHeader) -> bool:
    """A scenario batch run rather than a trainee's practice call."""
    # Transcripts written before the `kind` field existed are told apart by their id.
    return header.kind == "run" or header.id.startswith("run-")


def all_headers() -> list[tuple[Path, CallHeader]]:
    """Every readable call, oldest first."""
    folder = transcripts_dir()
    found = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        header = read_header(path)
        if header is not None:
            found.append((path, header))
    return sorted(found, key=lambda ph: (ph[1].started_at, ph[1].id))


def latest_id(practice_only: bool = False) -> str:
    """The id of the most recent call (`last` on the command line)."""
    calls = [h for _, h in all_headers() if not (practice_only and is_batch(h))]
    if not calls:
        kind = "practice call" if practice_only else "call"
        raise NotFoundError(f"`last`: no {kind} saved yet in {transcripts_dir()}")
    return calls[-1].id
