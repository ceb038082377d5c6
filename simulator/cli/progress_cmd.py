"""`callsim progress` and `report --progress`: coached calls' trends, exam calls apart."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from simulator.cli.outputs import write_out
from simulator.display import cell, echo
from simulator.errors import ExitCode, UsageError
from simulator.evaluation.words import difficulty_word, skill_word
from simulator.i18n import _, ngettext

if TYPE_CHECKING:
    from simulator.review.index import CallRow

# A sparkline wider than this would wrap; older calls are summarised by the trend.
SPARK_CALLS = 40


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def _runs_hint(args: argparse.Namespace) -> str:
    return "" if args.include_runs else _(" (practice calls only; --include-runs adds batch runs)")


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
    parts.append(args.persona or _("all clients"))
    return ", ".join(parts)


def progress_report(args: argparse.Namespace) -> int:
    """`report --progress --html OUT`: the charts page."""
    from simulator.cli.outputs import check_writable
    from simulator.review.html import progress_html

    if not args.html:
        raise UsageError(_("--progress: expected --html OUT for the chart"))
    check_writable("--html", args.html)
    rows = chosen_rows(args)
    if not rows:
        raise UsageError(_("--progress: no calls to chart yet") + _runs_hint(args))
    title = _("Progress: {who}").format(who=_who(args, rows))
    html = progress_html(title, rows, args.include_runs)
    write_out("--html", args.html, html)
    return ExitCode.OK


def progress(args: argparse.Namespace) -> int:
    """Per skill: a sparkline, the latest score, the mean of 5 and the trend; exams apart."""
    from rich.table import Table

    from simulator.cli.review_cmd import _console
    from simulator.review.standing import (
        COLUMNS,
        WINDOW,
        latest,
        left_out_note,
        recent_mean,
        select,
        trend,
        trend_note,
        values,
    )
    from simulator.review.trends import sparkline

    rows = chosen_rows(args)
    console: Any = _console()
    if not rows:
        console.print(_("no calls yet") + _runs_hint(args))
        return ExitCode.OK
    sel = select(rows)
    counted = sel.coached
    kind = _("coached calls") if args.include_runs else _("coached practice calls")
    if counted:
        shown_calls = min(len(counted), SPARK_CALLS)
        over = _("Progress over {n} {kind}: {who}")
        table = Table(
            _("skill"),
            _("last {n} calls (oldest → newest)").format(n=shown_calls),
            _("latest"),
            _("mean of last {n}").format(n=WINDOW),
            _("trend"),
            title=cell(over.format(n=len(counted), kind=kind, who=_who(args, rows))),
            caption=trend_note() + _("; scores 0-100") + _runs_hint(args),
        )
        for skill in COLUMNS:
            table.add_row(
                _("overall") if skill == "overall" else skill_word(skill),
                sparkline(values(counted, skill)[-SPARK_CALLS:]),
                _fmt(latest(counted, skill)),
                _fmt(recent_mean(counted, skill, WINDOW)),
                trend(counted, skill).text,
            )
        console.print(table)
    else:
        console.print(_("no {kind} with a trend to show yet").format(kind=kind))
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
    title = ngettext(
        "Exam call ({n}), not in the trends above", "Exam calls ({n}), not in the trends above", n
    ).format(n=n)
    table = Table(
        _("when"), _("client"), _("difficulty"), _("outcome"),
        *(_("overall") if k == "overall" else skill_word(k) for k in COLUMNS), "id",
        title=title,
    )  # fmt: skip
    for r in reversed(exams):
        when = datetime.fromtimestamp(safe_time(r.started_at)).strftime("%Y-%m-%d %H:%M")
        table.add_row(
            when,
            cell(r.persona),
            difficulty_word(r.difficulty),
            _(OUTCOMES[r.outcome]) if r.outcome in OUTCOMES else r.outcome.replace("_", " "),
            *(_fmt(getattr(r, k)) for k in COLUMNS),
            cell(r.id),
        )
    return table
