"""Subcommands beyond practice and personas, declared apart to keep main.py short."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from simulator.i18n import N_, _

FlagAdder = Callable[[argparse.ArgumentParser], None]


def _last_may_be_a_run(p: argparse.ArgumentParser) -> None:
    """--include-runs for a command taking a call id, where `last` skips batch runs."""
    p.add_argument(
        "--include-runs",
        action="store_true",
        help=_("with `last`: the latest call even if it is a scenario batch run"),
    )


# Kept here, not in run_cmd, so building the parser imports nothing heavy.
RUN_EXIT_CODES = N_("""\
exit codes:
  0  every run passed (with --calibrate: the runs finished)
  1  a run missed its expectations, or a scenario file is broken
  2  bad arguments (e.g. an unknown scenario id)
  3  invalid data (config file)
  4  the backend is unavailable: the preflight request failed (unreachable server,
     rejected model or key); nothing was run
  5  the backend failed during a run: that run is an error, not a pass or fail
  130 interrupted (rerun with --resume)""")


def lang_flag(p: argparse.ArgumentParser) -> None:
    """--lang: the language of the call and its screens (the `lang` setting otherwise)."""
    p.add_argument("--lang", choices=("en", "id"), help=_("en (English) or id (Bahasa Indonesia)"))


def add_more(sub: Any, backend_flags: FlagAdder) -> None:
    """Register the evaluator, runner and review subcommands."""
    p = sub.add_parser("score-items", help=_("score benchmark items (JSONL) with the referee"))
    p.add_argument("infile", help=_("items JSONL: item_id, context [{speaker, text}], text"))
    p.set_defaults(run="simulator.cli.score_cmd:score_items")

    p = sub.add_parser(
        "score", help=_("re-score a saved call (referee; --judge adds the LLM judge)")
    )
    p.add_argument("call", help=_("call id or transcript path"))
    p.add_argument("--judge", action="store_true", help=_("also run the LLM judge"))
    _last_may_be_a_run(p)
    p.add_argument("--judge-method", choices=("json_schema", "function_calling", "json_mode"))
    backend_flags(p)
    p.set_defaults(run="simulator.cli.score_cmd:score_call")

    p = sub.add_parser(
        "run",
        help=_("run training scenarios in batch, with pass/fail"),
        epilog=_(RUN_EXIT_CODES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("scenario files, folders or ids (default: every scenario, shipped and yours)"),
    )
    p.add_argument("--jobs", type=int, default=2, help=_("scenarios run at once (default 2)"))
    p.add_argument("--repeat", type=int, default=1, help=_("runs per scenario"))
    p.add_argument("--json", metavar="OUT", help=_("write results as JSON"))
    p.add_argument("--junit", metavar="OUT", help=_("write results as JUnit XML"))
    p.add_argument(
        "--resume", action="store_true", help=_("skip runs an interrupted batch finished")
    )
    p.add_argument(
        "--calibrate",
        type=int,
        metavar="N",
        help=_(
            "run each scenario N times (seeds SEED..SEED+N-1), print observed ranges per skill "
            "and suggested expectations; never fails on the current ones"
        ),
    )
    p.add_argument(
        "--merge",
        action="append",
        metavar="JSON",
        help=_(
            "with --calibrate: widen the ranges with an earlier --calibrate --json "
            "(e.g. another backend), so one suggestion holds on both"
        ),
    )
    p.add_argument(
        "--margin",
        type=float,
        default=5.0,
        help=_("with --calibrate: points added either side of the observed range (default 5)"),
    )
    p.add_argument("--difficulty", help=argparse.SUPPRESS)
    lang_flag(p)
    backend_flags(p)
    p.set_defaults(run="simulator.cli.run_cmd:run")

    ps = sub.add_parser("scenarios", help=_("list or show training scenarios (shipped and yours)"))
    ssub = ps.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("list", help=_("every scenario"))
    lang_flag(p)
    p.set_defaults(run="simulator.cli.scenarios_cmd:list_")
    p = ssub.add_parser("show", help=_("one scenario: brief, expectations, trainee side"))
    p.add_argument("name", help=_("scenario id or file"))
    lang_flag(p)
    p.set_defaults(run="simulator.cli.scenarios_cmd:show")

    p = sub.add_parser("history", help=_("past calls and batch runs (whole ids; --json, --csv)"))
    p.add_argument("--persona")
    p.add_argument("--since", metavar="DATE", help=_("e.g. 2026-11-01"))
    p.add_argument("--trainee", metavar="NAME", help=_("one trainee's calls"))
    p.add_argument("--kind", choices=("practice", "run"), help=_("practice calls or batch runs"))
    p.add_argument("--limit", type=int, metavar="N", help=_("only the latest N"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=_("JSON on stdout"))
    out.add_argument("--csv", action="store_true", help=_("CSV on stdout"))
    p.set_defaults(run="simulator.cli.history_cmd:history")

    p = sub.add_parser("review", help=_("a call's annotated transcript in the terminal"))
    p.add_argument("call", help=_("call id (or unique prefix, or transcript path)"))
    _last_may_be_a_run(p)
    p.set_defaults(run="simulator.cli.review_cmd:review")

    p = sub.add_parser("delete", help=_("delete a call's transcript (asks first on a terminal)"))
    p.add_argument("call", help=_("the whole call id (see `callsim history`), or `last`"))
    p.add_argument("--yes", action="store_true", help=_("delete without asking (for scripts)"))
    _last_may_be_a_run(p)
    p.set_defaults(run="simulator.cli.delete_cmd:delete")

    p = sub.add_parser("report", help=_("self-contained HTML or Markdown report of a call"))
    p.add_argument("call", nargs="?", help=_("call id"))
    p.add_argument("--html", metavar="OUT")
    p.add_argument("--md", metavar="OUT")
    p.add_argument(
        "--progress", action="store_true", help=_("the progress chart instead of one call")
    )
    p.add_argument("--persona", help=_("with --progress or --cohort: one persona only"))
    p.add_argument("--trainee", metavar="NAME", help=_("with --progress: one trainee's calls"))
    p.add_argument(
        "--cohort", action="store_true", help=_("trainee-by-skill table of every trainee's calls")
    )
    p.add_argument("--since", metavar="DATE", help=_("with --cohort: calls from this date"))
    p.add_argument(
        "--include-runs",
        action="store_true",
        help=_("with --progress: scenario batch runs too; with `last`: the latest call, runs too"),
    )
    p.set_defaults(run="simulator.cli.review_cmd:report")

    p = sub.add_parser("export", help=_("write calls into one archive (.tar.gz) for a trainer"))
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("--since", metavar="DATE", help=_("calls from this date, e.g. 2026-11-01"))
    p.add_argument("--trainee", metavar="NAME", help=_("one trainee's calls"))
    p.add_argument("--kind", choices=("practice", "run"), help=_("practice calls or batch runs"))
    p.add_argument("--force", action="store_true", help=_("replace ARCHIVE if it exists"))
    p.set_defaults(run="simulator.cli.cohort_cmd:export")

    p = sub.add_parser(
        "import", help=_("add the calls from an archive (validated; duplicates skipped)")
    )
    p.add_argument("archive", metavar="ARCHIVE")
    p.set_defaults(run="simulator.cli.cohort_cmd:import_")

    p = sub.add_parser("progress", help=_("per-skill trend across your practice calls"))
    p.add_argument("--persona")
    p.add_argument("--trainee", metavar="NAME", help=_("one trainee's calls (any case)"))
    p.add_argument("--include-runs", action="store_true", help=_("scenario batch runs too"))
    p.set_defaults(run="simulator.cli.progress_cmd:progress")

    p = sub.add_parser("compare", help=_("two attempts side by side"))
    p.add_argument("first")
    p.add_argument("second")
    _last_may_be_a_run(p)
    p.set_defaults(run="simulator.cli.review_cmd:compare")
