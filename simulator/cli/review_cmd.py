"""`callsim history | review | report | progress | compare`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from simulator.errors import ExitCode, UsageError


def _console() -> object:
    from rich.console import Console

    from simulator.repl.io import no_color

    return Console(no_color=no_color(), width=None if sys.stdout.isatty() else 140)


def _since(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError as exc:
        raise UsageError(f"--since: expected a date like 2026-11-01, got {text!r}") from exc


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def review(args: argparse.Namespace) -> int:
    """The annotated transcript in the terminal."""
    from simulator.review.terminal import render
    from simulator.review.view import load_view

    render(load_view(args.call), _console())  # type: ignore[arg-type]
    return ExitCode.OK


def report(args: argparse.Namespace) -> int:
    """Self-contained HTML and/or Markdown for one call, the progress chart, or the cohort."""
    if args.cohort:
        from simulator.cli.cohort_cmd import cohort_report

        return cohort_report(args)
    if args.progress:
        if not args.html:
            raise UsageError("--progress: expected --html OUT for the chart")
        from simulator.review.html import progress_html
        from simulator.review.index import CallIndex
        from simulator.review.trends import skill_series

        rows = CallIndex.open().calls(persona=args.persona)
        labels = [datetime.fromtimestamp(r.started_at).strftime("%m-%d") for r in rows]
        who = args.persona or "all personas"
        Path(args.html).write_text(
            progress_html(f"Progress: {who}", labels, skill_series(rows)), encoding="utf-8"
        )
        print(f"wrote {args.html}")
        return ExitCode.OK
    if not args.call:
        raise UsageError("report: expected a call id (or --progress)")
    if not args.html and not args.md:
        raise UsageError("report: expected --html OUT and/or --md OUT")
    from simulator.review.html import report_html
    from simulator.review.markdown import report_md
    from simulator.review.view import load_view

    view = load_view(args.call)
    for problem in view.transcript.problems:
        print(problem, file=sys.stderr)
    if args.html:
        Path(args.html).write_text(report_html(view), encoding="utf-8")
        print(f"wrote {args.html}")
    if args.md:
        Path(args.md).write_text(report_md(view), encoding="utf-8")
        print(f"wrote {args.md}")
    return ExitCode.OK


def progress(args: argparse.Namespace) -> int:
    """Per skill, a sparkline across calls and the trend."""
    from rich.table import Table

    from simulator.review.index import CallIndex
    from simulator.review.trends import skill_series, sparkline, trend

    rows = CallIndex.open().calls(persona=args.persona)
    console = _console()
    if not rows:
        console.print("no calls yet")  # type: ignore[attr-defined]
        return ExitCode.OK
    table = Table(
        "skill",
        "calls (oldest → newest)",
        "latest",
        "trend",
        title=f"Progress over {len(rows)} calls",
    )
    for skill, values in skill_series(rows).items():
        table.add_row(skill, sparkline(values), _fmt(values[-1]), trend(values))
    overall = [r.overall for r in rows]
    table.add_row("overall", sparkline(overall), _fmt(overall[-1]), trend(overall))
    console.print(table)  # type: ignore[attr-defined]
    return ExitCode.OK


def compare(args: argparse.Namespace) -> int:
    """Two attempts side by side, per skill, with the turns that made the difference."""
    from rich.table import Table

    from simulator.review.trends import compare as diff
    from simulator.review.view import load_view

    a, b = load_view(args.first), load_view(args.second)
    if a.transcript.header.persona != b.transcript.header.persona:
        print(
            f"note: different personas ({a.transcript.header.persona} vs {b.transcript.header.persona})",
            file=sys.stderr,
        )
    table = Table(
        "skill",
        f"A {a.when}",
        f"B {b.when}",
        "change",
        "the turns that made the difference",
        title=f"A {a.id}  vs  B {b.id}",
    )
    for d in diff(a, b):
        change = "-" if d.a is None or d.b is None else f"{d.b - d.a:+.0f}"
        table.add_row(
            d.skill, _fmt(d.a), _fmt(d.b), change, f"better: {d.better_turn}\nworse: {d.worse_turn}"
        )
    sa, sb = a.summary, b.summary
    if sa and sb:
        table.add_row(
            "overall",
            _fmt(sa.overall),
            _fmt(sb.overall),
            "",
            f"outcomes: {sa.outcome.value} vs {sb.outcome.value}",
        )
    _console().print(table)  # type: ignore[attr-defined]
    return ExitCode.OK
