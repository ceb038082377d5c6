"""`callsim scenarios list|show`: the shipped set and the user's own, by id."""

from __future__ import annotations

import argparse
import sys

from simulator.errors import DataError, ExitCode
from simulator.scenarios import find_scenario, load_scenario, scenario_dirs, scenario_paths
from simulator.shipped import user_dir


def list_(args: argparse.Namespace) -> int:
    """Every scenario: id, persona, difficulty, trainee side, where it comes from."""
    from rich.console import Console
    from rich.table import Table

    from simulator.repl.io import no_color

    own = user_dir("scenarios")
    table = Table("id", "persona", "difficulty", "trainee", "targets", "from", title="Scenarios")
    table.columns[0].no_wrap = True
    for sid, path in scenario_paths().items():
        source = "yours" if path.parent == own else "shipped"
        try:
            s = load_scenario(path)
        except DataError as exc:
            table.add_row(sid, "[red]invalid[/red]", exc.problems[0], "", "", source)
            continue
        side = "script" if s.script else f"policy ({s.policy.kind})" if s.policy else "-"
        table.add_row(sid, s.persona, s.difficulty.value, side, ", ".join(s.targets), source)
    Console(no_color=no_color(), width=None if sys.stdout.isatty() else 160).print(table)
    print("looked in: " + ", ".join(str(d) for d in scenario_dirs()))
    return ExitCode.OK


def show(args: argparse.Namespace) -> int:
    """One scenario: brief, persona, targets, expectations and the trainee side."""
    path = find_scenario(args.name)
    s = load_scenario(path)
    print(f"{s.title} ({s.id})")
    print(f"persona: {s.persona}  difficulty: {s.difficulty.value}  role: {s.role}")
    if s.pair:
        print(f"pair: {s.pair}")
    print(s.brief_text())
    print("targets: " + ", ".join(s.targets))
    exp = s.expect
    if exp.outcome:
        print("expected outcome: " + " or ".join(o.value for o in exp.outcome))
    for skill, (low, high) in exp.skills.items():
        print(f"expected {skill}: {low:g}-{high:g}")
    if exp.overall is not None:
        print(f"expected overall: {exp.overall[0]:g}-{exp.overall[1]:g}")
    if s.script:
        print(f"script ({len(s.script)} turns):")
        for turn in s.script:
            think = f" [think {turn.think_s:g}s]" if turn.think_s is not None else ""
            print(f"  - {turn.text}{think}")
    elif s.policy:
        print(f"policy ({s.policy.kind}, up to {s.policy.max_turns} turns): {s.policy.style}")
    print(f"file: {path}")
    return ExitCode.OK
