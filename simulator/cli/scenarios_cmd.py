"""`callsim scenarios list|show`: the shipped set and the user's own, by id."""

from __future__ import annotations

import argparse
import sys

from simulator.config import lang_of
from simulator.display import cell, echo, printable
from simulator.errors import DataError, ExitCode
from simulator.scenarios import find_scenario, load_scenario, scenario_dirs, scenario_paths
from simulator.shipped import user_dir


def list_(args: argparse.Namespace) -> int:
    """Every scenario: id, persona, difficulty, trainee side, where it comes from."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from simulator.repl.io import no_color

    table = Table("id", "persona", "difficulty", "trainee", "targets", "from", title="Scenarios")
    table.columns[0].no_wrap = True
    lang = lang_of(args)
    own = user_dir("scenarios") if lang == "en" else user_dir("scenarios") / lang
    for sid, path in scenario_paths(lang).items():
        source = "yours" if path.parent == own else "shipped"
        try:
            s = load_scenario(path)
        except DataError as exc:
            table.add_row(cell(sid), Text("invalid", "red"), cell(exc.problems[0]), "", "", source)
            continue
        side = "script" if s.script else f"policy ({s.policy.kind})" if s.policy else "-"
        row = (sid, s.persona, s.difficulty.value, side, ", ".join(s.targets), source)
        table.add_row(*(cell(c) for c in row))
    Console(no_color=no_color(), width=None if sys.stdout.isatty() else 160).print(table)
    echo("looked in: " + ", ".join(str(d) for d in scenario_dirs(lang)))
    return ExitCode.OK


def show(args: argparse.Namespace) -> int:
    """One scenario: brief, persona, targets, expectations and the trainee side."""
    path = find_scenario(args.name, lang_of(args))
    s = load_scenario(path)
    echo(f"{s.title} ({s.id})", one_line=True)
    echo(f"persona: {s.persona}  difficulty: {s.difficulty.value}  role: {s.role}")
    if s.pair:
        echo(f"pair: {s.pair}")
    echo(s.brief_text())
    echo("targets: " + ", ".join(s.targets))
    exp = s.expect
    if exp.outcome:
        echo("expected outcome: " + " or ".join(o.value for o in exp.outcome))
    for skill, (low, high) in exp.skills.items():
        echo(f"expected {skill}: {low:g}-{high:g}")
    if exp.overall is not None:
        echo(f"expected overall: {exp.overall[0]:g}-{exp.overall[1]:g}")
    if s.script:
        echo(f"script ({len(s.script)} turns):")
        for turn in s.script:
            think = f" [think {turn.think_s:g}s]" if turn.think_s is not None else ""
            # Filtered before the indent is added: one_line would strip the indent.
            echo("  - " + printable(turn.text + think, one_line=True))
    elif s.policy:
        how = f"policy ({s.policy.kind}, up to {s.policy.max_turns} turns)"
        echo(f"{how}: {s.policy.style}", one_line=True)
    echo(f"file: {path}", one_line=True)
    return ExitCode.OK
