"""A cohort: the trainee's name, `callsim export|import`, and `callsim report --cohort`."""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path

from simulator.config import config_path
from simulator.display import echo
from simulator.errors import ExitCode, UsageError

NAME_WORDS = 5  # "Mary-Ann de la Cruz" fits; "Hi, thanks for making time today" does not


def ask_trainee_once() -> str | None:
    """On a first interactive call, ask the trainee's name and keep it in the config file."""
    try:
        name = input("Your name, for your trainer's cohort report (Enter to skip): ").strip()
    except EOFError:
        return None
    path = config_path()
    if len(name.split()) > NAME_WORDS or any(c in name for c in "?!"):
        # A trainee who starts the call at this prompt must not be named by their first line.
        print(f"(That looks like a sentence, not a name: not saved. Set `trainee` in {path} or")
        print(" pass --trainee NAME. The call starts now: say it again.)")
        return None
    line = f"trainee = {json.dumps(name, ensure_ascii=False)}\n"
    # Settings are flat (no tables), so an appended key always lands at the top level.
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = old + ("" if not old or old.endswith("\n") else "\n") + line
    try:
        tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        return name or None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
    where = f"saved in {path}" if name else f"skipped; set `trainee` in {path} any time"
    print(f"({where}; --trainee NAME overrides it)")
    return name or None


def export(args: argparse.Namespace) -> int:
    """Write calls (all, or from --since, or one trainee's) into one archive."""
    from simulator.archive import export_calls
    from simulator.cli.history_cmd import since_timestamp
    from simulator.review.headers import all_headers, is_batch

    since = since_timestamp(args.since)
    chosen = []
    for path, header in all_headers():
        if since is not None and header.started_at < since:
            continue
        if args.trainee and (header.trainee or "").lower() != args.trainee.lower():
            continue
        if args.kind and ("run" if is_batch(header) else "practice") != args.kind:
            continue
        chosen.append(path)
    if not chosen:
        raise UsageError("export: no calls match; see `callsim history`")
    count = export_calls(Path(args.archive), chosen, force=args.force)
    print(f"exported {count} call(s) to {args.archive}")
    return ExitCode.OK


def import_(args: argparse.Namespace) -> int:
    """Add the calls in an archive; one line per damaged member, duplicates skipped."""
    from simulator.archive import import_calls
    from simulator.review.index import CallIndex

    report = import_calls(Path(args.archive))
    # Member names come from whoever made the archive: filtered like any other data.
    for line in report.damaged:
        echo(f"damaged: {line}", err=True, one_line=True)
    for line in report.notes:
        echo(f"note: {line}", err=True, one_line=True)
    if report.imported:
        CallIndex.open()  # brings the history index up to date
    print(
        f"imported {len(report.imported)} call(s); {len(report.duplicates)} already present "
        f"(skipped, never overwritten); {len(report.damaged)} damaged"
    )
    return ExitCode.DATA if report.damaged else ExitCode.OK


def cohort_report(args: argparse.Namespace) -> int:
    """Trainee-by-skill table as HTML and/or Markdown; batch runs in their own table."""
    from simulator.cli.history_cmd import since_timestamp
    from simulator.review.cohort import build, markdown, page
    from simulator.review.index import CallIndex

    if not args.html and not args.md:
        raise UsageError("--cohort: expected --html OUT and/or --md OUT")
    rows = CallIndex.open().calls(persona=args.persona, since=since_timestamp(args.since))
    cohort = build(rows)
    title = "Cohort report" + (f" since {args.since}" if args.since else "")
    if args.html:
        Path(args.html).write_text(page(cohort, title), encoding="utf-8")
        print(f"wrote {args.html}")
    if args.md:
        Path(args.md).write_text(markdown(cohort, title), encoding="utf-8")
        print(f"wrote {args.md}")
    print(f"{len(cohort.trainees)} trainee(s), {len(cohort.scenarios)} scenario(s) with batch runs")
    return ExitCode.OK
