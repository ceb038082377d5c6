"""`callsim history | review | report | progress | compare`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.cli.outputs import write_out
from simulator.display import cell, echo, plain
from simulator.errors import ExitCode, UsageError
from simulator.evaluation.words import outcome_word, skill_word
from simulator.i18n import _, current_lang, use_lang
from simulator.transcript import safe_time
from simulator.vocabulary import Outcome

if TYPE_CHECKING:
    from simulator.review.index import CallIndex


def _console() -> object:
    from rich.console import Console

    from simulator.repl.io import no_color

    return Console(no_color=no_color(), width=None if sys.stdout.isatty() else 140)


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def _outcome(outcome: Outcome) -> str:
    """An outcome as saved (next_step_agreed) in English, in words elsewhere."""
    return outcome.value if current_lang() == "en" else outcome_word(outcome)


def _date(ts: float, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return datetime.fromtimestamp(safe_time(ts)).strftime(fmt)


def _open_index() -> CallIndex:
    """The history index; skipped files and a fallback are reported on stderr, one line each."""
    from simulator.review.index import CallIndex

    index = CallIndex.open()
    for line in ([index.note] if index.note else []) + index.problems:
        echo(_("callsim: note: {line}").format(line=line), err=True, one_line=True)
    return index


def review(args: argparse.Namespace) -> int:
    """The annotated transcript in the terminal."""
    from simulator.review.terminal import render
    from simulator.review.view import load_view

    view = load_view(args.call)
    use_lang(view.lang)  # a call's review speaks the call's language
    render(view, _console())  # type: ignore[arg-type]
    return ExitCode.OK


def report(args: argparse.Namespace) -> int:
    """Self-contained HTML and/or Markdown for one call, the progress chart, or the cohort."""
    if args.cohort:
        from simulator.cli.cohort_cmd import cohort_report

        return cohort_report(args)
    if args.progress:
        from simulator.cli.progress_cmd import progress_report

        return progress_report(args)
    if not args.call:
        raise UsageError(_("report: expected a call id (or --progress)"))
    if not args.html and not args.md:
        raise UsageError(_("report: expected --html OUT and/or --md OUT"))
    from simulator.review.html import report_html
    from simulator.review.markdown import report_md
    from simulator.review.view import load_view

    view = load_view(args.call)
    use_lang(view.lang)  # a call's report speaks the call's language
    for problem in view.transcript.problems:
        echo(problem, err=True, one_line=True)
    if args.html:
        write_out("--html", args.html, report_html(view))
    if args.md:
        write_out("--md", args.md, report_md(view))
    return ExitCode.OK


def compare(args: argparse.Namespace) -> int:
    """Two attempts side by side, per skill, with the turns that made the difference."""
    from rich.table import Table

    from simulator.review.trends import compare as diff
    from simulator.review.view import load_view

    a, b = load_view(args.first), load_view(args.second)
    if a.id == b.id:
        raise UsageError(
            _(
                "compare: {first} and {second} are the same call ({id}); "
                "give two different calls, e.g. an earlier id and `last`"
            ).format(first=args.first, second=args.second, id=a.id)
        )
    table = Table(
        _("skill"),
        f"A {a.when}",
        f"B {b.when}",
        _("change"),
        _("the turns that made the difference"),
        title=cell(_("A {a}  vs  B {b}").format(a=a.id, b=b.id)),
    )
    for d in diff(a, b):
        change = "-" if d.a is None or d.b is None else f"{d.b - d.a:+.0f}"
        better = _("better: {turn}").format(turn=d.better_turn)
        worse = _("worse: {turn}").format(turn=d.worse_turn)
        table.add_row(
            skill_word(d.skill), _fmt(d.a), _fmt(d.b), change, plain(better) + "\n" + plain(worse)
        )
    sa, sb = a.summary, b.summary
    if sa and sb:
        outcomes = _("outcomes: {a} vs {b}").format(a=_outcome(sa.outcome), b=_outcome(sb.outcome))
        table.add_row(_("overall"), _fmt(sa.overall), _fmt(sb.overall), "", cell(outcomes))
    _console().print(table)  # type: ignore[attr-defined]
    if a.transcript.header.persona != b.transcript.header.persona:
        # After the table, on its own line: stderr before a buffered table ran into its border.
        sys.stdout.flush()
        who = _("{a} vs {b}").format(a=a.transcript.header.persona, b=b.transcript.header.persona)
        echo(_("note: different personas ({who})").format(who=who), err=True, one_line=True)
    return ExitCode.OK
