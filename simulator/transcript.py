"""Transcripts as JSONL: appended, flushed and fsynced every turn; read back tolerantly."""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.config import data_dir
from simulator.errors import DataError, NotFoundError
from simulator.models import CallHeader, Outcome, Turn, Verdict


def transcripts_dir() -> Path:
    """Folder holding every call's JSONL file."""
    return data_dir() / "transcripts"


def new_call_id(persona: str) -> str:
    """A sortable, unique id: date-time, persona, random suffix."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{persona}-{secrets.token_hex(2)}"


class TranscriptWriter:
    """Appends one JSON object per line and fsyncs, so a killed process loses nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def append(self, record: dict[str, Any]) -> None:
        """Write one record durably."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())


@dataclass
class Transcript:
    """A call as read back: header, the turns still standing, and the call's events."""

    path: Path
    header: CallHeader
    turns: list[Turn] = field(default_factory=list)
    rewinds: int = 0
    verdict: Verdict | None = None
    outcome: Outcome = Outcome.CONTINUING
    reviews: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ended_at: float | None = None

    @property
    def id(self) -> str:
        """The call id."""
        return self.header.id


def _apply(tr: Transcript, record: dict[str, Any]) -> None:
    kind = record.get("type")
    if kind == "turn":
        tr.turns.append(Turn.model_validate(record))
    elif kind == "rewind":
        keep = int(record["keep"])
        tr.turns = [t for t in tr.turns if t.index < keep]
        tr.rewinds += 1
        tr.outcome = Outcome.CONTINUING
    elif kind == "verdict":
        tr.verdict = Verdict.model_validate(
            {k: v for k, v in record.items() if k in ("verdict", "reason")}
        )
    elif kind == "end":
        tr.outcome = Outcome(record["outcome"])
        tr.ended_at = float(record.get("at", 0.0)) or None
    elif kind == "review":
        tr.reviews.append(record)
    elif kind not in ("pause", "note"):
        raise ValueError(f"unknown record type {kind!r}")


def read_transcript(path: Path) -> Transcript:
    """Read a transcript; bad lines are reported by number and the rest is still read."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError as exc:
        raise NotFoundError(f"{path}: no such transcript") from exc
    if not raw:
        raise DataError(f"{path}: line 1: empty transcript (no header)")
    try:
        header = CallHeader.model_validate_json(raw[0])
    except ValidationError as exc:
        raise DataError(
            f"{path}: line 1: not a valid call header ({exc.errors()[0]['msg']})"
        ) from exc
    tr = Transcript(path=path, header=header)
    for number, line in enumerate(raw[1:], start=2):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
            _apply(tr, record)
        except (ValueError, KeyError, TypeError, ValidationError) as exc:
            last = number == len(raw)
            why = "truncated (half-written last line)" if last else f"invalid ({exc})"
            tr.problems.append(f"{path}: line {number}: {why}; skipped")
    return tr


def find_transcript(call_id: str) -> Path:
    """Resolve a call id (or a unique prefix, or a path) to its transcript file."""
    as_path = Path(call_id)
    if as_path.suffix == ".jsonl" and as_path.exists():
        return as_path
    folder = transcripts_dir()
    exact = folder / f"{call_id}.jsonl"
    if exact.exists():
        return exact
    matches = sorted(folder.glob(f"{call_id}*.jsonl")) if folder.is_dir() else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFoundError(f"call id {call_id!r} is ambiguous ({len(matches)} calls match)")
    raise NotFoundError(f"no call with id {call_id!r} in {folder} (see `callsim history`)")
