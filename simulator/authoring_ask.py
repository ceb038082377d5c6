"""`callsim personas new`, asked: each answer until usable, in the client's voice, and
only the answers validation rejects asked again."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.authoring import Answers, answer_problem, build, problems_of, question
from simulator.authoring_voice import first_person, third_person
from simulator.display import echo
from simulator.i18n import _
from simulator.validation_words import pydantic_message

# The answers the client speaks word for word: they must be in the client's voice.
SPOKEN = frozenset(
    [
        "opening_line",
        "budget",
        "deadline",
        "decision",
        "pain",
        "today",
        "past",
        "success",
        "team",
        "worry",
        "pressure_line",
        "objection_line",
        "softening_line",
    ]
)
# Rounds of re-asking what the validator faults before the file is kept as a draft.
FIX_ROUNDS = 3
Say = Callable[[str], None]


def ask(read: Callable[[str], str], say: Say = echo) -> Answers:
    """Ask each question in turn; Enter (or the end of input) keeps the default."""
    values: dict[str, Any] = {}
    for name in Answers.model_fields:
        try:
            got = ask_one(name, values, read, say)
        except EOFError:
            break
        if got is not None:
            values[name] = got
    return Answers.model_validate(values)


def ask_one(
    name: str,
    values: dict[str, Any],
    read: Callable[[str], str],
    say: Say,
    enter: str | None = None,
) -> str | None:
    """One answer, asked until it is usable; None keeps the default (or what `enter` says
    Enter does). EOFError passes up."""
    field = Answers.model_fields[name]
    default = field.default if name != "title" else _("(from the id)")
    prompt = f"{question(name)} [{enter or default}]: "
    while True:
        try:
            got = read(prompt).strip()
        except UnicodeDecodeError:  # a strict stdin: the line is gone, ask again
            got = "\udcff"
        if not got:
            return None
        why = answer_problem(got)
        if not why:
            try:
                Answers.model_validate({**values, name: got})
            except ValidationError as exc:
                why = pydantic_message(dict(exc.errors()[0]))
        if why:
            say(_("  {name}: {why}; try again").format(name=name, why=why))
            continue
        if name not in SPOKEN:
            return got
        client = str(values.get("name") or Answers.model_fields["name"].default)
        voiced = in_voice(name, got, client, read, say)
        if voiced is not None:
            return voiced
        prompt = _("  {name}, as the client would say it (I, we, my, our): ").format(name=name)


def in_voice(name: str, text: str, client: str, read: Callable[[str], str], say: Say) -> str | None:
    """The answer in the client's own voice: as given, or rewritten with the author's
    consent; None when it must be asked again."""
    why = third_person(text, client)
    if not why:
        return text
    say(
        _(
            "  {name}: {why}. The client says this word for word, so write it in their voice."
        ).format(name=name, why=why)
    )
    rewritten = first_person(text, client)
    if rewritten == text or third_person(rewritten, client):
        return None
    say(_('  in their voice: "{line}"').format(line=rewritten))
    try:
        other = read(_("  Enter takes that, or type your own: ")).strip()
    except EOFError:
        return rewritten
    except UnicodeDecodeError:
        return None
    if not other:
        return rewritten
    if answer_problem(other) or third_person(other, client):
        return None
    return other


def at_fault(
    problems: list[str], data: dict[str, Any], answers: Answers, path: Path
) -> dict[str, str]:
    """The answers the validator's problems come from, each with what is wrong and expected."""
    given = {k: v for k, v in answers.model_dump().items() if isinstance(v, str) and v.strip()}
    faults: dict[str, str] = {}
    for problem in problems:
        where, _, why = problem.removeprefix(f"{path}: ").partition(": ")
        if where == "id":
            faults.setdefault("id", why)
            continue
        text = _at(data, where)
        field = next((k for k, v in given.items() if text and v.strip() in text), None)
        if field is None:
            return {}  # a problem no answer explains: the draft is kept for hand editing
        faults.setdefault(field, why)
    return faults


def _at(data: Any, where: str) -> str:
    """The text at a validator's location, e.g. lines.topics.today[0] or opening_line."""
    node = data
    for part in re.findall(r"[^.\[\]]+", where):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return ""
    if isinstance(node, dict):
        node = node.get("say", "")
    return node if isinstance(node, str) else ""


def settle(answers: Answers, path: Path, read: Callable[[str], str], say: Say = echo) -> Answers:
    """Re-ask only the answers the validator rejects, naming the field and the expectation;
    what is still wrong after that (or not the author's answer) is saved as a draft."""
    for _round in range(FIX_ROUNDS):
        problems = problems_of(build(answers), path)
        faults = at_fault(problems, build(answers), answers, path) if problems else {}
        if not faults:
            return answers
        values = answers.model_dump()
        almost = _("Almost: {n} answer(s) to change before the client can be used.")
        say(almost.format(n=len(faults)))
        for name, why in faults.items():
            say(f"  {name}: {why}")
            keep = _("Enter keeps it, saved as a draft")
            try:
                got = ask_one(name, values, read, say, enter=keep)
            except EOFError:
                return answers
            if got is None:
                return answers  # Enter: keep it; the file is saved as a draft to edit
            values[name] = got
        answers = Answers.model_validate(values)
    return answers
