"""Transcripts as JSONL: appended, flushed and fsynced every turn; read back tolerantly."""

from __future__ import annotations

import glob
import json
import math
import os
import re
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.config import data_dir
from simulator.errors import CallsimError, DataError, ExitCode, NotFoundError, UsageError
from simulator.models import CallHeader, Turn, Verdict
from simulator.vocabulary import Outcome

try:  # POSIX advisory locks; elsewhere a transcript is simply not locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# An id is a file name stem, never a path: no separators, no "..", no glob characters.
CALL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")
MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024
# Unix seconds from 1970 to 2286: anything else in a header is damage, not a date.
LATEST_TIME = 1e10


class TranscriptSaveError(CallsimError):
    """A transcript could not be written (disk full, read-only, gone)."""

    exit_code = ExitCode.DATA


class CallOpenElsewhere(CallsimError):
    """Another process is writing this call."""

    exit_code = ExitCode.USAGE


def transcripts_dir() -> Path:
    """Folder holding every call's JSONL file."""
    return data_dir() / "transcripts"


def new_call_id(persona: str) -> str:
    """A sortable, unique id: date-time, persona, random suffix."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{persona}-{secrets.token_hex(2)}"


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class TranscriptWriter:
    """Appends one JSON object per line and fsyncs, so a killed process loses nothing.

    The writer holds an exclusive lock on the file for its lifetime: a second process
    resuming the same call is refused instead of interleaving turns.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as exc:
            raise TranscriptSaveError(f"{path}: cannot open for writing ({_why(exc)})") from exc
        if fcntl is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                self.close()
                raise CallOpenElsewhere(
                    f"call {path.stem} is open elsewhere (another callsim process is "
                    "writing it); finish that one first"
                ) from exc

    def is_empty(self) -> bool:
        """True when nothing (not even a header) has been written yet."""
        return self._fd is None or os.fstat(self._fd).st_size == 0

    def append(self, record: dict[str, Any]) -> None:
        """Write one record durably, always starting on a fresh line."""
        self.append_many([record])

    def append_many(self, records: list[dict[str, Any]]) -> None:
        """Write records durably; on failure raise TranscriptSaveError naming the cause."""
        if self._fd is None:
            raise TranscriptSaveError(f"{self.path}: the transcript is closed")
        data = "".join(
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
        ).encode("utf-8")
        try:
            if self._tail_is_torn():
                data = b"\n" + data
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            raise TranscriptSaveError(f"{self.path}: could not save ({_why(exc)})") from exc

    def _tail_is_torn(self) -> bool:
        """Whether the file ends mid-line (a crash or a full disk cut the last append)."""
        assert self._fd is not None
        size = os.fstat(self._fd).st_size
        if size == 0:
            return False
        reader = os.open(self.path, os.O_RDONLY)
        try:
            return os.pread(reader, 1, size - 1) != b"\n"
        finally:
            os.close(reader)

    def close(self) -> None:
        """Release the file and its lock."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __del__(self) -> None:
        self.close()


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
    unscored: dict[str, Any] | None = None  # trainee text saved, but killed before scoring

    @property
    def id(self) -> str:
        """The call id."""
        return self.header.id


def _apply(tr: Transcript, record: dict[str, Any]) -> None:
    kind = record.get("type")
    if kind == "turn":
        turn = Turn.model_validate(record)
        tr.turns.append(turn)
        if turn.speaker == "trainee":
            tr.unscored = None
    elif kind == "said":
        if not isinstance(record.get("text"), str):
            raise ValueError("a 'said' record needs text")
        tr.unscored = record
    elif kind == "rewind":
        keep = int(record["keep"])
        tr.turns = [t for t in tr.turns if t.index < keep]
        tr.rewinds += 1
        tr.outcome = Outcome.CONTINUING
        tr.unscored = None
    elif kind == "verdict":
        tr.verdict = Verdict.model_validate(
            {k: v for k, v in record.items() if k in ("verdict", "reason")}
        )
    elif kind == "end":
        tr.outcome = Outcome(record["outcome"])
        at = float(record.get("at", 0.0))
        tr.ended_at = at if 0 < at < LATEST_TIME else None
    elif kind == "review":
        tr.reviews.append(record)
    elif kind not in ("pause", "note"):
        raise ValueError(f"unknown record type {str(kind)[:40]!r}")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number a transcript may hold")


def parse_line(line: str) -> dict[str, Any]:
    """One JSONL record: an object, no NaN or Infinity, nesting within reason."""
    try:
        record = json.loads(line, parse_constant=_no_constants)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    return record


def _read_regular(path: Path) -> str:
    """The file's text; FIFOs, devices, directories and huge files are refused, not hung on."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not block; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise NotFoundError(f"{path}: no such transcript") from exc
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({_why(exc)})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError(f"{path}: not a regular file; skipped")
        if info.st_size > MAX_TRANSCRIPT_BYTES:
            raise DataError(f"{path}: {info.st_size} bytes is too large for a transcript")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({_why(exc)})") from exc
    finally:
        os.close(fd)
    return data.decode("utf-8", errors="replace")


def _header(path: Path, first: str) -> CallHeader:
    try:
        header = CallHeader.model_validate(parse_line(first))
    except ValidationError as exc:
        raise DataError(
            f"{path}: line 1: not a valid call header ({exc.errors()[0]['msg']})"
        ) from exc
    except ValueError as exc:
        raise DataError(f"{path}: line 1: not a valid call header ({exc})") from exc
    if not 0 <= header.started_at < LATEST_TIME:
        raise DataError(f"{path}: line 1: started_at is not a plausible Unix time")
    return header


def read_transcript(path: Path) -> Transcript:
    """Read a transcript; bad lines are reported by number and the rest is still read."""
    # split("\n"), not splitlines(): a turn may hold U+2028 or U+0085, which JSON leaves
    # unescaped and splitlines() would treat as line ends, losing the turn.
    raw = _read_regular(path).split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    if not raw:
        raise DataError(f"{path}: line 1: empty transcript (no header)")
    tr = Transcript(path=path, header=_header(path, raw[0]))
    for number, line in enumerate(raw[1:], start=2):
        if not line.strip():
            continue
        try:
            _apply(tr, parse_line(line))
        except (ValueError, KeyError, TypeError, OverflowError, ValidationError) as exc:
            last = number == len(raw)
            why = "truncated (half-written last line)" if last else f"invalid ({_short(exc)})"
            tr.problems.append(f"{path}: line {number}: {why}; skipped")
    return tr


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(exc)[:120]


def find_transcript(call_id: str, *, allow_path: bool = True) -> Path:
    """Resolve a call id (or a unique prefix, or a path) to its transcript file.

    An id never leaves the transcripts folder. A path (it has a separator or ends in
    .jsonl) is read as the user asked, unless `allow_path` is off (for writing).
    """
    folder = transcripts_dir()
    looks_like_path = "/" in call_id or os.sep in call_id or call_id.endswith(".jsonl")
    if looks_like_path:
        as_path = Path(call_id).expanduser()
        inside = as_path.resolve().parent == folder.resolve()
        if not allow_path and not inside:
            raise UsageError(
                f"expected a call id (see `callsim history`), not a path outside {folder}"
            )
        if not as_path.is_file():
            raise NotFoundError(f"{call_id}: no such transcript file")
        return as_path
    if not CALL_ID.match(call_id) or ".." in call_id:
        raise UsageError(
            f"{call_id[:60]!r} is not a call id: ids are letters, digits, '-', '_' and '.' "
            "(see `callsim history`)"
        )
    exact = folder / f"{call_id}.jsonl"
    if exact.is_file():
        return exact
    pattern = glob.escape(call_id) + "*.jsonl"
    matches = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFoundError(f"call id {call_id!r} is ambiguous ({len(matches)} calls match)")
    raise NotFoundError(f"no call with id {call_id!r} in {folder} (see `callsim history`)")


def safe_time(value: float) -> float:
    """A timestamp fit for display: damaged values become 0 (1970) instead of raising."""
    return value if math.isfinite(value) and 0 <= value < LATEST_TIME else 0.0
