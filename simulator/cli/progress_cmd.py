"""`callsim progress` and `report --progress`: coached calls' trends, exam calls apart."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from simulator.cli.outputs import write_out
from simulator.display import cell, echo
from simulator.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from simulator.review.index import CallRow

# A sparkline wider than this would wrap; older calls are summarised by the trend.
SPARK_CALLS = 40


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def _runs_hint(args: argparse.Namespace) -> str:
    return "" if args.include_runs else " (practice calls only; --include-runs adds batch runs)"


def chosen_rows(args: argparse.Namespace) -> list[CallRow]:
    """The calls progress looks at: practice calls (runs if asked), one persona or trainee."""
    from simulator.cli.review_cmd import _open_index
    from simulator.review.progress import practice_only
    from simulator.review.standing import one_trainee

    rows = practice_only(_open_index().calls(persona=args.persona), args.include_runs)
    if getattr(args, "trainee", None):
        rows = one_trainee(rows, args.trainee)
    return rows


def _who(args: argparse.Namespace, rows: list[CallRow]) -> str:
    """The page's subject: the trainee as their calls spell the name, and the client."""
    from simulator.review.standing import shown_name

    parts = []
    if getattr(args, "trainee", None):
        parts.append(shown_name([r.trainee for r in rows if r.trainee]) or args.trainee)
    parts.append(args.persona or "all clients")
    return ", ".join(parts)


def progress_report(args: argparse.Namespace) -> int:
    """`report --progress --html OUT`: the charts page."""
    from simulator.cli.outputs import check_writable
    from simulator.review.html import progress_html

    if not args.html:
        raise UsageError("--progress: expected --html OUT for the chart")
    check_writable("--html", args.html)
    rows = chosen_rows(args)
    if not rows:
        raise UsageError("--progress: no calls to chart yet" + _runs_hint(args))
    html = progress_html(f"Progress: {_who(args, rows)}", rows, args.include_runs)
    write_out("--html", args.html, html)
    return ExitCode.OK


def progress(args: argparse.Namespace) -> int:
    """Per skill: a sparkline, the latest score, the mean of 5 and the trend; exams apart."""
    from rich.table import Table

    from simulator.cli.review_cmd import _console
    from simulator.review.standing import (
        COLUMNS,
        TREND_NOTE,
        WINDOW,
        latest,
        left_out_note,
        recent_mean,
        select,
        trend,
        values,
    )
    from simulator.review.trends import sparkline

    rows = chosen_rows(args)
    console: Any = _console()
    if not rows:
        console.print("no calls yet" + _runs_hint(args))
        return ExitCode.OK
    sel = select(rows)
    counted = sel.coached
    kind = "coached calls" if args.include_runs else "coached practice calls"
    if counted:
        shown_calls = min(len(counted), SPARK_CALLS)
        table = Table(
            "skill",
            f"last {shown_calls} calls (oldest → newest)",
            "latest",
            f"mean of last {WINDOW}",
            "trend",
            title=cell(f"Progress over {len(counted)} {kind}: {_who(args, rows)}"),
            caption=TREND_NOTE + "; scores 0-100" + _runs_hint(args),
        )
        for skill in COLUMNS:
            table.add_row(
                skill,
                sparkline(values(counted, skill)[-SPARK_CALLS:]),
                _fmt(latest(counted, skill)),
                _fmt(recent_mean(counted, skill, WINDOW)),
                trend(counted, skill).text,
            )
        console.print(table)
    else:
        console.print(f"no {kind} with a trend to show yet")
    if sel.exam:
        console.print(exam_table(sel.exam))
    note = left_out_note(sel)
    if note:
        echo(note)
    return ExitCode.OK


def exam_table(exams: list[CallRow]) -> Any:
    """Exam calls, newest first: kept out of the coached trends, shown on their own."""
    from rich.table import Table

    from simulator.cli.history_cmd import OUTCOMES
    from simulator.review.standing import COLUMNS
    from simulator.transcript import safe_time

    n = len(exams)
    table = Table(
        "when", "client", "difficulty", "outcome", *COLUMNS, "id",
        title=f"Exam call{'s' if n != 1 else ''} ({n}), not in the trends above",
    )  # fmt: skip
    for r in reversed(exams):
        when = datetime.fromtimestamp(safe_time(r.started_at)).strftime("%Y-%m-%d %H:%M")
        table.add_row(
            when,
            cell(r.persona),
            r.difficulty,
            OUTCOMES.get(r.outcome, r.outcome.replace("_", " ")),
            *(_fmt(getattr(r, k)) for k in COLUMNS),
            cell(r.id),
        )
    return table
