"""`callsim history`: past calls and batch runs, with whole ids, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from simulator.display import cell, csv_cell
from simulator.errors import ExitCode, UsageError
from simulator.evaluation.words import difficulty_word, skill_word
from simulator.i18n import N_, _
from simulator.models import SKILLS

OUTCOMES = {
    "next_step_agreed": N_("next step"),
    "hung_up": N_("hung up"),
    "trainee_ended": N_("ended"),
    "paused": N_("paused"),
    "continuing": N_("continuing"),
}
# The table's headings (JSON and CSV keep the field names).
HEADINGS = {
    "date": N_("date"),
    "trainee": N_("trainee"),
    "mode": N_("mode"),
    "persona": N_("persona"),
    "difficulty": N_("difficulty"),
    "scenario": N_("scenario"),
    "outcome": N_("outcome"),
    "overall": N_("overall"),
}
# Columns dropped first when the terminal is narrow; the id is never dropped nor cut.
# Columns shown only when some row has a value (a solo user has no trainee names).
OPTIONAL = ("trainee", "mode", "scenario")
DROP_ORDER = ("difficulty", "persona", "scenario", "date", "trainee", *SKILLS, "outcome", "mode")


@dataclass
class HistoryRow:
    """One call as history reports it."""

    id: str
    date: str
    kind: str
    mode: str  # "coached" or "exam": exam calls are judged apart
    trainee: str | None
    persona: str
    difficulty: str
    scenario: str | None
    outcome: str
    empathy: float | None
    boundary: float | None
    pacing: float | None
    winwin: float | None
    overall: float | None


def since_timestamp(text: str | None) -> float | None:
    """--since DATE as a timestamp."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError as exc:
        raise UsageError(
            _("--since: expected a date like 2026-11-01, got {got!r}").format(got=text)
        ) from exc


def collect(args: argparse.Namespace) -> list[HistoryRow]:
    """Index rows joined with their headers, filtered and limited as asked."""
    from simulator.cli.review_cmd import _open_index as open_index
    from simulator.transcript import safe_time

    rows = open_index().calls(persona=args.persona, since=since_timestamp(args.since))
    out = []
    for r in rows:
        if args.trainee and (r.trainee or "").casefold() != args.trainee.casefold():
            continue
        if args.kind and r.kind != args.kind:
            continue
        when = datetime.fromtimestamp(safe_time(r.started_at)).strftime("%Y-%m-%d %H:%M")
        out.append(
            HistoryRow(
                r.id, when, r.kind, r.mode, r.trainee, r.persona, r.difficulty, r.scenario,
                r.outcome, r.empathy, r.boundary, r.pacing, r.winwin, r.overall,
            )
        )  # fmt: skip
    if args.limit is not None:
        if args.limit < 1:
            raise UsageError(
                _("--limit: expected a whole number of at least 1, got {got}").format(
                    got=args.limit
                )
            )
        out = out[-args.limit :]
    return out


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def cells(row: HistoryRow) -> dict[str, str]:
    """The text of each column for one row."""
    return {
        "date": row.date,
        "id": row.id,
        "trainee": row.trainee or "",
        # Flagged only when it matters: most calls are coached, an exam call stands out.
        "mode": _("EXAM") if row.mode == "exam" else "",
        "persona": row.persona,
        "difficulty": difficulty_word(row.difficulty),
        "scenario": row.scenario or "",
        "outcome": _(OUTCOMES[row.outcome])
        if row.outcome in OUTCOMES
        else row.outcome.replace("_", " "),
        **{k: _fmt(getattr(row, k)) for k in SKILLS},
        "overall": _fmt(row.overall),
    }


def terminal_width() -> int | None:
    """The width to fit on a terminal; piped output is never cut (None)."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else None


def _table(texts: list[dict[str, str]], names: list[str]) -> Any:
    from rich import box
    from rich.table import Table

    title = _("Calls ({n})").format(n=len(texts))
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for name in names:
        right = name in (*SKILLS, "overall")
        heading = _(HEADINGS[name]) if name in HEADINGS else skill_word(name)
        table.add_column(heading, no_wrap=True, justify="right" if right else "left")
    for t in texts:
        table.add_row(*(cell(t[n]) for n in names))
    return table


def _rendered_width(table: Any) -> int:
    """How wide the table really draws when given all the room it wants."""
    from rich.console import Console

    probe = Console(width=1000, file=io.StringIO(), no_color=True)
    return int(probe.measure(table).maximum)


def fit_columns(texts: list[dict[str, str]], width: int | None) -> list[str]:
    """The columns that fit in `width`, dropping the least needed first; never the id."""
    names = list(texts[0])
    for optional in OPTIONAL:
        if not any(t[optional] for t in texts):
            names.remove(optional)
    dropped: list[str] = []
    for name in DROP_ORDER:
        if width is None or _rendered_width(_table(texts, names)) <= width:
            break
        if name in names:
            names.remove(name)
            dropped.append(name)
    # Give back what fits again, most wanted first: at 140 columns dropping the scenario
    # alone leaves room for the client, which the order above had already dropped.
    for name in reversed(dropped):
        trial = [n for n in texts[0] if n in names or n == name]
        if width is not None and _rendered_width(_table(texts, trial)) <= width:
            names = trial
    return names


def print_table(rows: list[HistoryRow]) -> None:
    """A table that keeps every id whole, dropping columns to fit the terminal."""
    from rich.console import Console

    from simulator.repl.io import no_color

    texts = [cells(r) for r in rows]
    width = terminal_width()
    names = fit_columns(texts, width)
    table = _table(texts, names)
    full = _rendered_width(table)
    console = Console(no_color=no_color(), width=max(width or full, full), soft_wrap=False)
    console.print(table)
    hidden = [
        n for n in texts[0] if n not in names and (n not in OPTIONAL or any(t[n] for t in texts))
    ]
    if hidden:
        narrow = _("(narrow terminal: {n} columns hidden; see --json or --csv)")
        console.print(narrow.format(n=len(hidden)))


def history(args: argparse.Namespace) -> int:
    """Past calls and batch runs, newest last."""
    rows = collect(args)
    if args.json:
        json.dump([asdict(r) for r in rows], sys.stdout, indent=2)
        print()
        return ExitCode.OK
    if args.csv:
        fields = list(HistoryRow.__dataclass_fields__)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: csv_cell(v) for k, v in asdict(r).items()})
        return ExitCode.OK
    if not rows:
        print(_("no calls yet: start one with `callsim practice`"))
        return ExitCode.OK
    print_table(rows)
    return ExitCode.OK
