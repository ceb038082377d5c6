"""`callsim run`: a trainer's batch of scenarios, with pass/fail for CI."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from simulator.cli.practice import settings_from
from simulator.errors import ExitCode, UsageError
from simulator.runner.batch import check_pairs, load_all, run_batch, state_file
from simulator.runner.report import table, write_json, write_junit
from simulator.scenarios import scenario_files


def run(args: argparse.Namespace) -> int:
    """Load, run concurrently with a progress bar, print the table, write reports."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from simulator.repl.io import no_color

    if args.jobs < 1 or args.repeat < 1:
        raise UsageError("--jobs and --repeat: expected whole numbers of at least 1")
    files = scenario_files(args.paths)
    if not files:
        raise UsageError(f"no scenario files found in {' '.join(args.paths)}")
    missing = [f for f in files if not f.exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such scenario file")
    settings = settings_from(args)
    seed = 0 if args.seed is None else args.seed
    # Piped output (CI logs) gets a wide table rather than an 80-column squeeze.
    console = Console(no_color=no_color(), width=None if sys.stdout.isatty() else 160)
    err = Console(stderr=True, no_color=no_color())
    batch = load_all(files)
    for problem in batch.broken:
        print(problem, file=sys.stderr)
    state = state_file(files, settings, seed, args.repeat)
    total = len(batch.scenarios) * args.repeat
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as progress:
        task = progress.add_task(f"running on {settings.backend}", total=total)

        def done(result: object) -> None:
            progress.advance(task)

        try:
            asyncio.run(
                run_batch(
                    batch,
                    settings,
                    jobs=args.jobs,
                    repeat=args.repeat,
                    seed=seed,
                    state=state,
                    resume=args.resume,
                    on_done=done,
                )
            )
        except KeyboardInterrupt:
            batch.interrupted = True
    check_pairs(batch.results)
    console.print(table(batch.results))
    if batch.skipped:
        console.print(f"{batch.skipped} run(s) already finished earlier were skipped (--resume)")
    if args.json:
        write_json(batch.results, batch.broken, Path(args.json))
    if args.junit:
        write_junit(batch.results, batch.broken, Path(args.junit))
    failed = sum(not r.passed for r in batch.results) + len(batch.broken)
    console.print(
        f"{len(batch.results) - sum(not r.passed for r in batch.results)} passed, {failed} failed"
    )
    if batch.interrupted:
        err.print(
            f"interrupted: {len(batch.results)} of {total} finished and saved; rerun with --resume"
        )
        return ExitCode.INTERRUPTED
    return ExitCode.FAILED if failed else ExitCode.OK
