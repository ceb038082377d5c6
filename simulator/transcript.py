"""Transcripts as JSONL: appended, flushed and fsynced every turn; read back tolerantly."""

from __future__ import annotations

import errno
import glob
import json
import math
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.config import data_dir
from simulator.errors import CallsimError, DataError, ExitCode, NotFoundError, UsageError
from simulator.i18n import _
from simulator.models import LATEST_TIME, CallHeader, Turn, Verdict, is_call_id
from simulator.safe_files import NoSuchFile, capped, parse_json, read_bytes
from simulator.validation_words import pydantic_message
from simulator.vocabulary import Outcome

try:  # POSIX advisory locks; elsewhere a transcript is simply not locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024


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

    def __init__(self, path: Path, *, existing: bool = False) -> None:
        self.path = path
        self._fd: int | None = None
        # `existing`: a call being resumed, scored again or deleted; if the file went away
        # meanwhile (a `delete` racing a `--resume`), an empty one must not appear instead.
        create = 0 if existing else os.O_CREAT
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # O_NOFOLLOW: a link planted in transcripts/ must not redirect a resumed call's
            # turns to a file outside the data folder. O_RDWR lets the torn-tail check
            # read through this same fd instead of reopening the name.
            flags = os.O_RDWR | os.O_APPEND | create | getattr(os, "O_NOFOLLOW", 0)
            self._fd = os.open(path, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                why = _("{path}: is a symbolic link; refused")
            elif exc.errno == errno.ENOENT and existing:
                why = _("{path}: the call is gone (deleted meanwhile?)")
            else:
                why = _("{path}: cannot open for writing ({why})")
            raise TranscriptSaveError(why.format(path=path, why=_why(exc))) from exc
        if fcntl is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                self.close()
                raise CallOpenElsewhere(
                    _(
                        "call {id} is open elsewhere (another callsim process is "
                        "writing it); finish that one first"
                    ).format(id=path.stem)
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
            raise TranscriptSaveError(_("{path}: the transcript is closed").format(path=self.path))
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
            why = _("{path}: could not save ({why})").format(path=self.path, why=_why(exc))
            raise TranscriptSaveError(why) from exc

    def _tail_is_torn(self) -> bool:
        """Whether the file ends mid-line (a crash or a full disk cut the last append)."""
        assert self._fd is not None
        size = os.fstat(self._fd).st_size
        if size == 0:
            return False
        return os.pread(self._fd, 1, size - 1) != b"\n"

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
    problems: list[str] = field(default_factory=list)  # the first few, then a count
    bad_lines: int = 0  # every line skipped, including those not listed in problems
    ended_at: float | None = None
    unscored: dict[str, Any] | None = None  # trainee text saved, but killed before scoring
    # Set while the call's last event is a pause (/pause, /quit, Ctrl-D): stopped on
    # purpose, to be continued with `practice --resume`; any later event clears it.
    paused_at: float | None = None
    elapsed: float | None = None  # call time (seconds) recorded at the latest pause

    @property
    def paused(self) -> bool:
        """Stopped by the trainee to continue later (not ended, not merely cut off)."""
        return self.paused_at is not None and self.outcome == Outcome.CONTINUING

    @property
    def id(self) -> str:
        """The call id."""
        return self.header.id


def _apply(tr: Transcript, record: dict[str, Any]) -> None:
    kind = record.get("type")
    if kind == "pause":
        _pause(tr, record)
        return
    if kind != "note":
        tr.paused_at = None  # the call went on after the pause
    if kind == "turn":
        turn = Turn.model_validate(record)
        tr.turns.append(turn)
        if turn.speaker == "trainee":
            tr.unscored = None
    elif kind == "said":
        if not isinstance(record.get("text"), str):
            raise ValueError(_("a 'said' record needs text"))
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
    elif kind != "note":
        # Cut short: a linked non-transcript file must not be echoed line by line.
        raise ValueError(_("unknown record type {kind!r}").format(kind=str(kind)[:20]))


def _pause(tr: Transcript, record: dict[str, Any]) -> None:
    """A pause marker: when, and the call time so far (older markers have only `at`)."""
    at = float(record.get("at", 0.0))
    tr.paused_at = at if 0 < at < LATEST_TIME else 0.0
    elapsed = record.get("elapsed")
    if isinstance(elapsed, int | float) and 0 <= elapsed < LATEST_TIME:
        tr.elapsed = float(elapsed)


def parse_line(line: str) -> dict[str, Any]:
    """One JSONL record: an object, only finite numbers, nesting within reason."""
    record = parse_json(line)
    if not isinstance(record, dict):
        raise ValueError(_("expected a JSON object"))
    return record


def _read(path: Path) -> bytes:
    """A transcript's bytes; FIFOs, devices, directories and huge files are refused."""
    try:
        return read_bytes(path, MAX_TRANSCRIPT_BYTES)
    except NoSuchFile as exc:
        raise NotFoundError(_("{path}: no such transcript").format(path=path)) from exc


def parse_header(path: Path | str, first: str | bytes) -> CallHeader:
    """A transcript's first line as a header, or a one-line DataError naming the field."""
    bad = _("{path}: line 1: not a valid call header ({why})")
    try:
        text = first.decode("utf-8") if isinstance(first, bytes) else first
        return CallHeader.model_validate(parse_line(text))
    except ValueError as exc:  # ValidationError and UnicodeDecodeError included
        raise DataError(bad.format(path=path, why=_short(exc))) from exc


def read_transcript(path: Path) -> Transcript:
    """Read a transcript; bad lines are reported by number and the rest is still read."""
    # split on b"\n", not splitlines(): a turn may hold U+2028 or U+0085, which JSON leaves
    # unescaped and splitlines() would treat as line ends, losing the turn.
    raw = _read(path).split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    if not raw:
        raise DataError(_("{path}: line 1: empty transcript (no header)").format(path=path))
    tr = Transcript(path=path, header=parse_header(path, raw[0]))
    problems: list[str] = []
    for number, data in enumerate(raw[1:], start=2):
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError:
            # Kept, not skipped: a stray byte must not cost the trainee a turn.
            line = data.decode("utf-8", errors="replace")
            bad = _("{path}: line {n}: not UTF-8 text (bad bytes shown as \ufffd)")
            problems.append(bad.format(path=path, n=number))
        if not line.strip():
            continue
        try:
            _apply(tr, parse_line(line))
        except (ValueError, KeyError, TypeError, OverflowError, ValidationError) as exc:
            last = number == len(raw)
            why = (
                _("truncated (half-written last line)")
                if last
                else _("invalid ({why})").format(why=_short(exc))
            )
            problems.append(
                _("{path}: line {n}: {why}; skipped").format(path=path, n=number, why=why)
            )
            tr.bad_lines += 1
    tr.problems = capped(problems, str(path))
    return tr


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {pydantic_message(dict(first))}"
    return str(exc)[:120]


def find_transcript(call_id: str, *, allow_path: bool = True) -> Path:
    """Resolve a call id (or a unique prefix, or a path) to its transcript file.

    An id never leaves the transcripts folder. A path (it has a separator or ends in
    .jsonl) is read as the user asked, unless `allow_path` is off (for writing).
    """
    found = _locate(call_id, allow_path)
    if not allow_path and found.is_symlink():
        # The writer refuses it too (O_NOFOLLOW); saying so here gives the reason up front.
        raise UsageError(
            _("{path}: is a symbolic link; a call is only resumed in place").format(path=found)
        )
    return found


def _locate(call_id: str, allow_path: bool) -> Path:
    """The transcript file a call id, prefix or path names."""
    folder = transcripts_dir()
    looks_like_path = "/" in call_id or os.sep in call_id or call_id.endswith(".jsonl")
    if looks_like_path:
        as_path = Path(call_id).expanduser()
        inside = as_path.resolve().parent == folder.resolve()
        if not allow_path and not inside:
            raise UsageError(
                _("expected a call id (see `callsim history`), not a path outside {folder}").format(
                    folder=folder
                )
            )
        if not as_path.is_file():
            raise NotFoundError(_("{id}: no such transcript file").format(id=call_id))
        return as_path
    if not is_call_id(call_id):
        raise UsageError(
            _(
                "{id!r} is not a call id: ids are letters, digits, '-', '_' and '.' "
                "(see `callsim history`)"
            ).format(id=call_id[:60])
        )
    exact = folder / f"{call_id}.jsonl"
    if exact.is_file():
        return exact
    pattern = glob.escape(call_id) + "*.jsonl"
    matches = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFoundError(
            _("call id {id!r} is ambiguous ({n} calls match)").format(id=call_id, n=len(matches))
        )
    raise NotFoundError(
        _("no call with id {id!r} in {folder} (see `callsim history`)").format(
            id=call_id, folder=folder
        )
    )


def safe_time(value: float) -> float:
    """A timestamp fit for display: damaged values become 0 (1970) instead of raising."""
    return value if math.isfinite(value) and 0 <= value < LATEST_TIME else 0.0
