"""Subcommands beyond practice and personas, declared apart to keep main.py short."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

FlagAdder = Callable[[argparse.ArgumentParser], None]


def add_more(sub: Any, backend_flags: FlagAdder) -> None:
    """Register the evaluator, runner and review subcommands."""
    p = sub.add_parser("score-items", help="score benchmark items (JSONL) with the referee")
    p.add_argument("infile", help="items JSONL: item_id, context [{speaker, text}], text")
    p.set_defaults(run="simulator.cli.score_cmd:score_items")

    p = sub.add_parser("score", help="re-score a saved call (referee; --judge adds the LLM judge)")
    p.add_argument("call", help="call id or transcript path")
    p.add_argument("--judge", action="store_true", help="also run the LLM judge")
    p.add_argument("--judge-method", choices=("json_schema", "function_calling", "json_mode"))
    backend_flags(p)
    p.set_defaults(run="simulator.cli.score_cmd:score_call")

    p = sub.add_parser("run", help="run training scenarios in batch, with pass/fail")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument("--jobs", type=int, default=2, help="scenarios run at once (default 2)")
    p.add_argument("--repeat", type=int, default=1, help="runs per scenario")
    p.add_argument("--json", metavar="OUT", help="write results as JSON")
    p.add_argument("--junit", metavar="OUT", help="write results as JUnit XML")
    p.add_argument("--resume", action="store_true", help="skip runs an interrupted batch finished")
    p.add_argument("--difficulty", help=argparse.SUPPRESS)
    backend_flags(p)
    p.set_defaults(run="simulator.cli.run_cmd:run")

    p = sub.add_parser("history", help="past calls and batch runs")
    p.add_argument("--persona")
    p.add_argument("--since", metavar="DATE", help="e.g. 2026-11-01")
    p.set_defaults(run="simulator.cli.review_cmd:history")

    p = sub.add_parser("review", help="a call's annotated transcript in the terminal")
    p.add_argument("call", help="call id (or unique prefix, or transcript path)")
    p.set_defaults(run="simulator.cli.review_cmd:review")

    p = sub.add_parser("report", help="self-contained HTML or Markdown report of a call")
    p.add_argument("call", nargs="?", help="call id")
    p.add_argument("--html", metavar="OUT")
    p.add_argument("--md", metavar="OUT")
    p.add_argument("--progress", action="store_true", help="the progress chart instead of one call")
    p.add_argument("--persona", help="with --progress: one persona only")
    p.set_defaults(run="simulator.cli.review_cmd:report")

    p = sub.add_parser("progress", help="per-skill trend across calls")
    p.add_argument("--persona")
    p.set_defaults(run="simulator.cli.review_cmd:progress")

    p = sub.add_parser("compare", help="two attempts side by side")
    p.add_argument("first")
    p.add_argument("second")
    p.set_defaults(run="simulator.cli.review_cmd:compare")
