"""The history index: SQLite beside the JSONL transcripts, rebuilt from them when needed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from simulator.config import data_dir
from simulator.errors import CallsimError
from simulator.evaluation.rubric import load_rubric
from simulator.evaluation.summary import call_scores
from simulator.i18n import _
from simulator.review.headers import is_batch
from simulator.transcript import read_transcript, transcripts_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    mtime REAL NOT NULL,
    started_at REAL NOT NULL,
    persona TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    scenario TEXT,
    backend TEXT NOT NULL,
    outcome TEXT NOT NULL,
    trainee_turns INTEGER NOT NULL,
    empathy REAL, boundary REAL, pacing REAL, winwin REAL, overall REAL,
    mode TEXT NOT NULL,
    kind TEXT NOT NULL,
    trainee TEXT
);
CREATE INDEX IF NOT EXISTS calls_persona ON calls(persona, started_at);
"""
COLUMNS = [
    "id",
    "path",
    "mtime",
    "started_at",
    "persona",
    "difficulty",
    "scenario",
    "backend",
    "outcome",
    "trainee_turns",
    "empathy",
    "boundary",
    "pacing",
    "winwin",
    "overall",
    "mode",
    "kind",
    "trainee",
]
# Bumped whenever the columns change: an index written by an older callsim is rebuilt
# from the transcripts instead of being read with columns it does not have.
INDEX_VERSION = 3
PAUSED = "paused"  # the outcome shown for a call stopped to continue later
# Outcomes of calls that have not ended: never averaged, listed as unfinished.
UNFINISHED = frozenset({"continuing", PAUSED})


@dataclass
class CallRow:
    """One call as the history shows it."""

    id: str
    path: str
    mtime: float
    started_at: float
    persona: str
    difficulty: str
    scenario: str | None
    backend: str
    outcome: str
    trainee_turns: int
    empathy: float | None
    boundary: float | None
    pacing: float | None
    winwin: float | None
    overall: float | None
    mode: str = "coached"  # "exam" calls are shown apart from coached practice
    kind: str = "practice"  # "run" for a scenario batch run
    trainee: str | None = None

    @property
    def is_exam(self) -> bool:
        """Held in exam mode (no live scores, no rewinds)."""
        return self.mode == "exam"


def index_path() -> Path:
    """Where the index lives."""
    return data_dir() / "index.sqlite"


# How long to wait for another process's write lock before reading the files directly.
BUSY_WAIT_S = 10.0
CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def _connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_WAIT_S)
    if conn.execute("PRAGMA user_version").fetchone()[0] != INDEX_VERSION:
        # Only a cache: an old layout is dropped and refilled from the transcripts.
        conn.executescript(f"DROP TABLE IF EXISTS calls; PRAGMA user_version = {INDEX_VERSION};")
    conn.executescript(SCHEMA)
    conn.execute("SELECT count(*) FROM calls").fetchone()
    return conn


def _corrupt(exc: sqlite3.Error) -> bool:
    """Real damage (rebuild) as opposed to busy, read-only or unreachable (work around)."""
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return str(name).startswith(CORRUPT)
    return not isinstance(exc, sqlite3.OperationalError)


class CallIndex:
    """A cache of call-level facts; the transcripts are always the source of truth."""

    def __init__(self, conn: sqlite3.Connection, note: str = "") -> None:
        self.conn = conn
        self.note = note  # why this is a temporary in-memory index, if it is one
        self.problems: list[str] = []  # transcripts skipped while syncing, one line each

    @classmethod
    def open(cls, sync: bool = True) -> CallIndex:
        """Open the index, rebuilding it only if corrupt; then catch up with the files.

        A busy (locked by another process) or read-only index is never deleted: the
        history is read straight from the transcripts into memory instead.
        """
        path = index_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                index = cls(_connect(path))
            except sqlite3.DatabaseError as exc:
                if not _corrupt(exc):
                    raise
                path.unlink(missing_ok=True)
                index = cls(_connect(path))
            if sync:
                index.sync()
        except (sqlite3.Error, OSError) as exc:
            why = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) else str(exc)
            note = _("index unavailable ({why}); read the files").format(why=why)
            index = cls(_connect(":memory:"), note=note)
            if sync:
                index.sync()
        return index

    def sync(self) -> int:
        """Index new or changed transcripts and forget deleted ones; returns how many changed."""
        known = dict(self.conn.execute("SELECT path, mtime FROM calls").fetchall())
        folder = transcripts_dir()
        try:
            files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
        except OSError as exc:
            self.problems.append(
                _("{path}: cannot list ({why})").format(path=folder, why=exc.strerror)
            )
            files = []
        changed = 0
        for file in files:
            try:
                mtime = file.stat().st_mtime
            except OSError as exc:  # a dangling symlink, say
                known.pop(str(file), None)
                self.problems.append(
                    _("{path}: skipped ({why})").format(path=file, why=exc.strerror)
                )
                continue
            if known.pop(str(file), None) != mtime:
                changed += int(self.upsert_path(file))
        for gone in known:
            self.conn.execute("DELETE FROM calls WHERE path = ?", (gone,))
        self.conn.commit()
        return changed

    def upsert_path(self, path: Path) -> bool:
        """(Re)index one transcript; unreadable ones are skipped and reported, not fatal."""
        try:
            tr = read_transcript(path)
            mtime = path.stat().st_mtime
        except (CallsimError, OSError) as exc:
            self.problems.append(str(exc).splitlines()[0])
            return False
        scores, overall = call_scores(tr.turns, load_rubric())
        h = tr.header
        row = CallRow(
            id=h.id,
            path=str(path),
            mtime=mtime,
            started_at=h.started_at,
            persona=h.persona,
            difficulty=h.difficulty.value,
            scenario=h.scenario,
            backend=h.backend,
            # A paused call is still going; history says so rather than "continuing".
            outcome=PAUSED if tr.paused else tr.outcome.value,
            trainee_turns=sum(1 for t in tr.turns if t.speaker == "trainee"),
            empathy=scores["empathy"],
            boundary=scores["boundary"],
            pacing=scores["pacing"],
            winwin=scores["winwin"],
            overall=overall,
            mode=h.mode,
            kind="run" if is_batch(h) else "practice",
            trainee=h.trainee,
        )
        marks = ",".join("?" for _ in COLUMNS)
        values = tuple(getattr(row, c) for c in COLUMNS)
        self.conn.execute(
            f"INSERT OR REPLACE INTO calls ({','.join(COLUMNS)}) VALUES ({marks})", values
        )
        self.conn.commit()
        return True

    def calls(self, persona: str | None = None, since: float | None = None) -> list[CallRow]:
        """Calls, oldest first, optionally for one persona and from a date."""
        query = f"SELECT {','.join(COLUMNS)} FROM calls WHERE 1=1"
        args: list[object] = []
        if persona:
            query += " AND persona = ?"
            args.append(persona)
        if since is not None:
            query += " AND started_at >= ?"
            args.append(since)
        rows = self.conn.execute(query + " ORDER BY started_at, id", args).fetchall()
        return [CallRow(*r) for r in rows]

    def forget(self, call_id: str) -> None:
        """Drop one call's row (its transcript was deleted)."""
        self.conn.execute("DELETE FROM calls WHERE id = ?", (call_id,))
        self.conn.commit()
