"""`callsim scenarios list|show`: the shipped set and the user's own, by id."""

from __future__ import annotations

import argparse
import sys

from simulator.config import lang_of
from simulator.display import cell, echo, printable
from simulator.errors import DataError, ExitCode
from simulator.evaluation.words import difficulty_word, outcome_word, skill_word
from simulator.i18n import _, current_lang
from simulator.scenarios import find_scenario, load_scenario, scenario_dirs, scenario_paths
from simulator.shipped import user_dir


def list_(args: argparse.Namespace) -> int:
    """Every scenario: id, persona, difficulty, trainee side, where it comes from."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from simulator.repl.io import no_color

    table = Table(
        "id",
        _("persona"),
        _("difficulty"),
        _("trainee"),
        _("targets"),
        _("from"),
        title=_("Scenarios"),
    )
    table.columns[0].no_wrap = True
    lang = lang_of(args)
    own = user_dir("scenarios") if lang == "en" else user_dir("scenarios") / lang
    for sid, path in scenario_paths(lang).items():
        source = _("yours") if path.parent == own else _("shipped")
        try:
            s = load_scenario(path)
        except DataError as exc:
            table.add_row(
                cell(sid), Text(_("invalid"), "red"), cell(exc.problems[0]), "", "", source
            )
            continue
        side = (
            _("script")
            if s.script
            else _("policy ({kind})").format(kind=s.policy.kind)
            if s.policy
            else "-"
        )
        targets = ", ".join(skill_word(t) for t in s.targets)
        row = (sid, s.persona, difficulty_word(s.difficulty.value), side, targets, source)
        table.add_row(*(cell(c) for c in row))
    Console(no_color=no_color(), width=None if sys.stdout.isatty() else 160).print(table)
    echo(_("looked in: ") + ", ".join(str(d) for d in scenario_dirs(lang)))
    return ExitCode.OK


def show(args: argparse.Namespace) -> int:
    """One scenario: brief, persona, targets, expectations and the trainee side."""
    path = find_scenario(args.name, lang_of(args))
    s = load_scenario(path)
    echo(f"{s.title} ({s.id})", one_line=True)
    level = difficulty_word(s.difficulty.value)
    echo(
        _("persona: {persona}  difficulty: {level}  role: {role}").format(
            persona=s.persona, level=level, role=s.role
        )
    )
    if s.pair:
        echo(_("pair: {pair}").format(pair=s.pair))
    echo(s.brief_text())
    echo(_("targets: ") + ", ".join(skill_word(t) for t in s.targets))
    exp = s.expect
    if exp.outcome:
        words = [o.value if current_lang() == "en" else outcome_word(o) for o in exp.outcome]
        echo(_("expected outcome: ") + _(" or ").join(words))
    for skill, (low, high) in exp.skills.items():
        expected = _("expected {skill}: {low:g}-{high:g}")
        echo(expected.format(skill=skill_word(skill), low=low, high=high))
    if exp.overall is not None:
        low, high = exp.overall
        echo(_("expected overall: {low:g}-{high:g}").format(low=low, high=high))
    if s.script:
        echo(_("script ({n} turns):").format(n=len(s.script)))
        for turn in s.script:
            think = _(" [think {s:g}s]").format(s=turn.think_s) if turn.think_s is not None else ""
            # Filtered before the indent is added: one_line would strip the indent.
            echo("  - " + printable(turn.text + think, one_line=True))
    elif s.policy:
        how = _("policy ({kind}, up to {n} turns)").format(kind=s.policy.kind, n=s.policy.max_turns)
        echo(f"{how}: {s.policy.style}", one_line=True)
    echo(_("file: {path}").format(path=path), one_line=True)
    return ExitCode.OK
