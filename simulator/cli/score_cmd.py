"""`callsim score-items` (benchmark items) and `callsim score` (a saved call)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.engine.call import MAX_TURN_CHARS
from simulator.errors import CallsimError, ExitCode
from simulator.evaluation.words import skill_word, width
from simulator.i18n import _, use_lang
from simulator.models import SKILLS, Persona, Turn
from simulator.referee import ContextTurn, default_referee
from simulator.safe_files import parse_json, read_lines, shown

SPEAKERS = {"SELF": "self", "PARTNER": "partner"}


# A benchmark item may be longer than a live turn (held-out corpora hold a few 4,001-character
# posts); past this it is a paste accident, reported as a bad line.
MAX_ITEM_CHARS = 20_000
# A line is read in full before it is parsed: past this it cannot be an item.
MAX_LINE_BYTES = 4 * MAX_ITEM_CHARS


def _item(line: str) -> dict[str, Any]:
    """One benchmark item from its JSON line, or ValueError naming the field that is wrong."""
    item = parse_json(line)
    string = _("{field}: expected a string, got {got}")
    over = _("{field}: over {n} characters")
    limit = f"{MAX_ITEM_CHARS:,}"
    if not isinstance(item, dict):
        raise ValueError(_("expected a JSON object with item_id, text and context"))
    if not isinstance(item.get("item_id"), str):
        raise ValueError(string.format(field="item_id", got=shown(item.get("item_id"))))
    if not isinstance(item.get("text"), str):
        raise ValueError(string.format(field="text", got=shown(item.get("text"))))
    if len(item["text"]) > MAX_ITEM_CHARS:
        raise ValueError(over.format(field="text", n=limit))
    context = item.get("context")
    if context is None:
        context = item["context"] = []
    if not isinstance(context, list):
        raise ValueError(
            _("context: expected a list of turns, got {got}").format(got=shown(context))
        )
    for n, turn in enumerate(context):
        if not isinstance(turn, dict):
            raise ValueError(
                _("context[{n}]: expected an object with speaker and text").format(n=n)
            )
        if turn.get("speaker") not in SPEAKERS:
            raise ValueError(_("context[{n}].speaker: expected SELF or PARTNER").format(n=n))
        if not isinstance(turn.get("text"), str):
            raise ValueError(string.format(field=f"context[{n}].text", got=shown(turn.get("text"))))
        if len(turn["text"]) > MAX_ITEM_CHARS:
            raise ValueError(over.format(field=f"context[{n}].text", n=limit))
    return item


def read_items(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, item) per line, or (line number, what is wrong with it)."""
    for number, line, why in read_lines(path, MAX_LINE_BYTES):
        if line is None:
            yield number, why
        elif line.strip():
            try:
                yield number, _item(line)
            except ValueError as exc:
                yield number, str(exc)


def score_items(args: argparse.Namespace) -> int:
    """Write one JSON line of skill scores (0-4 or null) per item; a bad line is reported on
    stderr with its number, gets a row with its error, and the rest is still scored."""
    path = Path(args.infile)
    referee = default_referee()
    out = sys.stdout
    bad = 0
    for number, item in read_items(path):
        if isinstance(item, str):
            bad += 1
            sys.stderr.write(
                _("{path}: line {n}: {why}").format(path=path, n=number, why=item) + "\n"
            )
            out.write(json.dumps({"item_id": None, "line": number, "error": item}) + "\n")
            continue
        context = [ContextTurn(SPEAKERS[t["speaker"]], t["text"]) for t in item["context"]]
        ev = referee.evaluate(item["text"], context)
        row = {"item_id": item["item_id"], **{k: ev.skills[k].score for k in SKILLS}}
        out.write(json.dumps(row) + "\n")
    if bad:
        unscored = _("{path}: {n} line(s) could not be scored").format(path=path, n=bad)
        sys.stderr.write(unscored + "\n")
        return ExitCode.DATA
    return ExitCode.OK


def rescore(turns: list[Turn], persona: Persona) -> list[Turn]:
    """Re-run the referee over every trainee turn (state stays as it was recorded)."""
    referee = default_referee()
    out: list[Turn] = []
    context: list[ContextTurn] = []
    for t in turns:
        # A hand-edited turn past the live cap keeps its recorded scores: no unbounded scoring.
        if t.speaker == "trainee" and len(t.text) <= MAX_TURN_CHARS:
            ev = referee.evaluate(t.text, context, persona=persona, timing=t.timing)
            t = t.model_copy(update={"evaluation": ev})
        out.append(t)
        context.append(ContextTurn("self" if t.speaker == "trainee" else "partner", t.text))
    return out


def score_call(args: argparse.Namespace) -> int:
    """Re-score a saved call with the referee, and the judge with --judge."""
    from simulator.cli.practice import settings_from
    from simulator.evaluation.summary import summarise
    from simulator.personas import get_persona
    from simulator.repl.io import PlainIO
    from simulator.repl.render import render_review
    from simulator.transcript import TranscriptWriter, find_transcript, read_transcript

    path = find_transcript(args.call)
    tr = read_transcript(path)
    use_lang(tr.header.lang)  # a call's scores speak the call's language, as its review does
    io = PlainIO()
    for problem in tr.problems:
        io.say(problem, "yellow")
    persona = get_persona(tr.header.persona, tr.header.lang)
    turns = rescore(tr.turns, persona)
    summary = summarise(turns, persona, tr.outcome, tr.verdict, difficulty=tr.header.difficulty)
    render_review(io, summary, turns)
    writer = TranscriptWriter(path, existing=True)
    writer.append(
        {
            "type": "review",
            "source": "referee",
            "skills": summary.skills,
            "overall": summary.overall,
        }
    )
    if args.judge:
        from simulator.backends import create_backend
        from simulator.evaluation.judge import judge_call

        settings = settings_from(args)
        try:
            backend = create_backend(settings)
            result = judge_call(backend, turns, persona)
            model = backend.model
        except CallsimError as exc:
            from simulator.evaluation.judge import JudgeResult

            result, model = (
                JudgeResult(
                    ok=False,
                    note=_("judge unavailable ({why}); referee scores only").format(why=exc),
                ),
                "-",
            )
        writer.append(result.record(model))
        render_judge(io, summary.skills, result)
    io.say(_("Scored: {path}").format(path=path), "dim")
    return ExitCode.OK


def render_judge(io: Any, referee: dict[str, float | None], result: Any) -> None:
    """The judge's scores beside the referee's, and its moments."""
    if not result.ok:
        io.say(result.note, "yellow")
        return
    io.say(_("Judge vs referee"), "bold")
    names = [skill_word(k) for k in SKILLS]
    wide = width(names)
    line = _("  {skill} judge {judge:3d}   referee {referee}")
    for skill, name in zip(SKILLS, names, strict=True):
        ref = referee.get(skill)
        shown_ref = "-" if ref is None else f"{ref:.0f}"
        io.say(line.format(skill=name.ljust(wide), judge=result.skills[skill], referee=shown_ref))
        io.say(f"    {result.reasoning[skill]}", "dim")
    said = _('  you said "{said}"  ->  try instead: {line}  (why: {why})')
    for m in result.moments:
        io.say(said.format(said=m.you_said, line=m.try_instead, why=m.why))
    if result.note:
        io.say(f"  {result.note}", "dim")
