"""`callsim run`: a trainer's batch of scenarios, with pass/fail/error for CI."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from simulator.cli.outputs import check_writable
from simulator.cli.practice import settings_from
from simulator.config import lang_of
from simulator.display import echo
from simulator.errors import ExitCode, UsageError
from simulator.i18n import _
from simulator.runner.batch import Batch, check_pairs, load_all, run_batch, state_file
from simulator.runner.calibrate import Earlier, load_earlier
from simulator.runner.report import counts, table, write_json, write_junit
from simulator.scenarios import scenario_files

# Bounds checked before anything runs: each run is a whole call kept in memory until the
# results table, and a slip of the keyboard should not run for a week.
MAX_REPEAT = 1000
MAX_JOBS = 64


def _batch(args: argparse.Namespace, repeat: int) -> tuple[Batch, int, str]:
    """Resolve the scenarios, check the backend, run them; returns the batch and counts."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from simulator.repl.io import no_color
    from simulator.runner.preflight import preflight

    files = scenario_files(args.paths, lang_of(args))
    if not files:
        where = " ".join(args.paths) or _("the shipped set or your scenarios folder")
        raise UsageError(_("no scenario files found in {where}").format(where=where))
    settings = settings_from(args)
    seed = 0 if args.seed is None else args.seed
    preflight(settings)
    err = Console(stderr=True, no_color=no_color())
    batch = load_all(files)
    for problem in batch.broken:
        echo(problem, err=True, one_line=True)
    state = state_file(files, settings, seed, repeat)
    total = len(batch.scenarios) * repeat
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as progress:
        running = _("running on {backend}").format(backend=settings.backend)
        task = progress.add_task(running, total=total)

        def done(result: object) -> None:
            progress.advance(task)

        try:
            asyncio.run(
                run_batch(
                    batch,
                    settings,
                    jobs=args.jobs,
                    repeat=repeat,
                    seed=seed,
                    state=state,
                    resume=args.resume,
                    on_done=done,
                )
            )
        except KeyboardInterrupt:
            batch.interrupted = True
    return batch, total, settings.backend


def run(args: argparse.Namespace) -> int:
    """Load, preflight, run concurrently with a progress bar, print the table, write reports."""
    from rich.console import Console

    from simulator.repl.io import no_color

    for flag, value, most in (
        ("--jobs", args.jobs, MAX_JOBS),
        ("--repeat", args.repeat, MAX_REPEAT),
        ("--calibrate", args.calibrate, MAX_REPEAT),
    ):
        if value is not None and not 1 <= value <= most:
            raise UsageError(
                _("{flag}: expected a whole number from 1 to {most}, got {value}").format(
                    flag=flag, most=most, value=value
                )
            )
    check_writable("--json", args.json)
    check_writable("--junit", args.junit)
    if args.margin < 0:
        raise UsageError(
            _("--margin: expected 0 or more points, got {got}").format(got=f"{args.margin:g}")
        )
    repeat = args.calibrate or args.repeat
    if args.merge and not args.calibrate:
        raise UsageError(_("--merge: only with --calibrate N"))
    # Checked before the batch: a bad file must not cost the whole run.
    earlier = [load_earlier(Path(name)) for name in args.merge or []]
    batch, total, backend = _batch(args, repeat)
    # Piped output (CI logs) gets a wide table rather than an 80-column squeeze.
    console = Console(no_color=no_color(), width=None if sys.stdout.isatty() else 160)
    err = Console(stderr=True, no_color=no_color())
    if args.calibrate:
        return _calibration(args, batch, earlier)
    check_pairs(batch.results)
    # The reports CI reads are written before anything is drawn, so no display trouble
    # can cost a finished batch its results.
    if args.json:
        write_json(batch.results, batch.broken, Path(args.json))
    if args.junit:
        write_junit(batch.results, batch.broken, Path(args.junit))
    console.print(table(batch.results))
    if batch.skipped:
        skipped = _("{n} run(s) already finished earlier were skipped (--resume)")
        console.print(skipped.format(n=batch.skipped))
    n = counts(batch.results, batch.broken)
    line = _("{passed} passed, {failed} failed").format(passed=n["passed"], failed=n["failed"])
    errors = _(", {n} errors").format(n=n["errors"])
    console.print(line + (errors if n["errors"] else ""))
    if batch.interrupted:
        stopped = _("interrupted: {n} of {total} finished and saved; rerun with --resume")
        err.print(stopped.format(n=len(batch.results), total=total))
        return ExitCode.INTERRUPTED
    if n["errors"]:
        err.print(
            _(
                "{n} run(s) errored: the {backend} backend failed mid-call, so those "
                "calls went on with authored lines and were not scored as pass or fail"
            ).format(n=n["errors"], backend=backend)
        )
        return ExitCode.RUN_ERRORS
    return ExitCode.FAILED if n["failed"] else ExitCode.OK


def _calibration(args: argparse.Namespace, batch: Batch, earlier: list[dict[str, Earlier]]) -> int:
    """Print observed ranges and suggested expectations; optionally as JSON."""
    import json

    from simulator.runner.calibrate import expectations, merge, observe, pair_gaps, render

    observed = observe(batch.results)
    for one in earlier:
        merge(observed, one)
    scenarios = {s.id: s for s, _ in batch.scenarios}
    # Scenario ids and files may come from --merge JSON or odd file names: filtered.
    for line in render(observed, args.margin, scenarios).split("\n"):
        echo(line)  # line by line: the display limit is per line, not per report
    for line in pair_gaps(batch.results):
        echo(line, one_line=True)
    if args.json:
        data = {
            o.scenario: {
                "file": o.file,
                "runs": o.runs,
                "errors": o.errors,
                "outcomes": sorted(o.outcomes),
                "observed": {k: [min(v), max(v)] for k, v in o.values.items()},
                "suggested": (
                    expectations(o, args.margin, scenarios.get(o.scenario)) if o.values else None
                ),
            }
            for o in observed
        }
        Path(args.json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    if batch.interrupted:
        return ExitCode.INTERRUPTED
    return ExitCode.RUN_ERRORS if any(o.errors for o in observed) else ExitCode.OK
