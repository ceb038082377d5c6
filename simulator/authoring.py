"""`callsim personas new`: a persona from a few answers (or a drafted description), validated."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ConfigDict, Field, ValidationError, field_validator

from simulator.errors import DataError
from simulator.loading import validation_problems
from simulator.models import Persona, Slug, Strict
from simulator.personas import semantic_problems

# A persona file is capped at 1 MB when loaded; no single answer comes near that.
MAX_ANSWER_CHARS = 2000


class Answers(Strict):
    """What the trainer is asked; each description is the prompt, each default sensible."""

    # The same limit for a drafted answer (--from): no field may make the file unloadable.
    model_config = ConfigDict(extra="forbid", str_max_length=MAX_ANSWER_CHARS)

    id: Slug = Field("my-client", description="Short id for the file (lowercase-with-dashes)")
    title: str = Field("", description="Title (e.g. The Cautious CFO)")
    category: Literal["breed", "difficult", "good-fit"] = Field(
        "difficult", description="Kind of client: breed, difficult or good-fit"
    )
    name: str = Field("Alex Morgan", description="Client's name")
    role: str = Field("Operations Director", description="Their role")
    company: str = Field("Northwind Ltd", description="Their company")
    industry: str = Field("logistics", description="Industry")
    about_company: str = Field(
        "a mid-sized distributor moving off spreadsheets", description="The company in a phrase"
    )
    wants: str = Field(
        "A reliable partner for a new system, at a price their boss will accept.",
        description="What they want from you",
    )
    speaking_style: str = Field(
        "Brisk and polite, asks direct questions, keeps answers short.",
        description="How they speak",
    )
    opening_line: str = Field(
        "Thanks for taking the call. Tell me quickly why I should pick you.",
        description="Their opening line",
    )
    budget: str = Field(
        "They have 20,000 set aside but will open by asking for less.",
        description="Hidden fact: budget",
    )
    deadline: str = Field(
        "They need it live before the end of next quarter.", description="Hidden fact: deadline"
    )
    decision: str = Field(
        "The finance director signs anything over 10,000.", description="Hidden fact: who decides"
    )
    pain: str = Field(
        "Manual re-keying loses them about one order a day.", description="Hidden fact: real pain"
    )
    fit: Literal["fit", "no-fit", "unsure"] = Field(
        "unsure", description="Worth taking as a client: fit, no-fit or unsure"
    )
    fit_why: str = Field(
        "Open to a fair deal, but tests whether you will discount.", description="Why"
    )
    pressure_line: str = Field(
        "Your price is higher than I hoped. What can you do about that?",
        description="A line they use to push you",
    )
    objection_line: str = Field(
        "I'm not sure we need all of that.", description="An objection they raise"
    )
    softening_line: str = Field(
        "Okay, that's fair. I appreciate the straight answer.",
        description="A line when you win them over",
    )

    @field_validator("*", mode="after")
    @classmethod
    def _writable(cls, value: Any) -> Any:
        """Refuse text a UTF-8 persona file cannot hold (a drafted answer included)."""
        if isinstance(value, str) and (why := answer_problem(value)):
            raise ValueError(why)
        return value


FACT_KINDS = {
    "budget": (["budget", "spend", "invest", "range", "afford", "cost"], 45),
    "deadline": (["deadline", "timeline", "when", "date", "launch", "live"], 30),
    "decision": (["decide", "decision", "approve", "sign", "who else", "involved"], 35),
    "pain": (["problem", "pain", "why", "challenge", "going on", "stuck", "happen"], 25),
}
START = {  # a good-fit client starts warmer; a difficult one cooler
    "good-fit": (50, 80, 55),
    "breed": (40, 65, 50),
    "difficult": (30, 55, 45),
}
NUMBER_RE = re.compile(r"\d[\d,.]*\s?(?:k|m|%|percent)?", re.IGNORECASE)


def _tells(fact: str) -> list[str]:
    """Figures in a fact: authored lines that contain them would give it away."""
    return sorted({m.group(0).strip().rstrip(".,") for m in NUMBER_RE.finditer(fact)})


def build(a: Answers) -> dict[str, Any]:
    """The persona file's content from the answers, with everything else defaulted."""
    facts = []
    for kind, (asked_by, min_trust) in FACT_KINDS.items():
        fact: str = getattr(a, kind)
        facts.append(
            {"id": kind, "kind": kind, "fact": fact, "reveal_line": fact, "asked_by": asked_by}
            | {"tells": _tells(fact), "min_trust": min_trust}
        )
    trust, patience, interest = START[a.category]

    def start(delta: int) -> dict[str, int]:
        values = {"trust": trust, "patience": patience, "interest": interest}
        return {k: max(5, min(95, v + delta)) for k, v in values.items()}

    return {
        "schema_version": 1,
        "id": a.id,
        "title": a.title or a.id.replace("-", " ").title(),
        "category": a.category,
        "summary": a.wants,
        "identity": {
            "name": a.name,
            "role": a.role,
            "company": a.company,
            "industry": a.industry,
            "about_company": a.about_company,
        },
        "wants": a.wants,
        "speaking_style": a.speaking_style,
        "opening_line": a.opening_line,
        "hidden_facts": facts,
        "triggers": [
            {"signal": "open_question", "trust": 4, "interest": 3, "why": "good questions"},
            {"signal": "acknowledgement", "trust": 4, "why": "feeling heard"},
            {"signal": "pitch", "patience": -5, "interest": -3, "why": "a pitch too early"},
            {"signal": "hostility", "trust": -12, "patience": -15, "why": "rudeness"},
            {"signal": "concession", "trust": -3, "why": "caving too fast costs respect"},
        ],
        "objections": [
            {"text": a.objection_line, "good_response": "Ask what is behind it, then answer."}
        ],
        "fit_profile": {"fit": a.fit, "why": a.fit_why},
        "difficulty": {
            "easy": {"start": start(10), "positive_scale": 1.3, "negative_scale": 0.7},
            "normal": {"start": start(0)},
            "hard": {"start": start(-10), "positive_scale": 0.8, "negative_scale": 1.3},
        },
        "lines": {
            "opening": [a.opening_line],
            "probing": ["What would you do first?", "How have you handled this elsewhere?"],
            "objection": [a.objection_line],
            "pressure": [a.pressure_line],
            "reveal": ["Fine, I'll be straight with you."],
            "softening": [a.softening_line],
            "next_step": ["Alright. Send me something and let's talk again next week."],
            "hang_up": ["I don't think this is going anywhere. Thanks for your time."],
        },
    }


def problems_of(data: dict[str, Any], path: Path) -> list[str]:
    """Every problem the loader would report for this content at this path."""
    try:
        persona = Persona.model_validate(data)
    except ValidationError as exc:
        return validation_problems(path, exc)
    return semantic_problems(path, persona)


def save(data: dict[str, Any], path: Path, *, force: bool = False) -> Path:
    """Write a valid persona to `path`, or a `.draft` beside it (never loaded) and raise."""
    if path.exists() and not force:
        raise DataError(f"{path}: already exists; choose another id or pass --force")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    problems = problems_of(data, path)
    if problems:
        draft = path.with_name(path.name + ".draft")
        draft.write_text(text, encoding="utf-8")
        raise DataError([*problems, f"{draft}: saved as a draft (not used) for you to fix"])
    from simulator.personas import load_persona

    # Loaded from a same-named file in a private folder beside `path` first: what the
    # loader refuses is never written where it would be picked up.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".new-persona-") as tmp:
        trial = Path(tmp) / path.name
        trial.write_text(text, encoding="utf-8")
        load_persona(trial)
        os.replace(trial, path)
    return path


def answer_problem(text: str) -> str:
    """Why an answer cannot go into a persona file ("" if it can)."""
    if len(text) > MAX_ANSWER_CHARS:
        return f"too long ({len(text):,} characters; at most {MAX_ANSWER_CHARS:,})"
    # Undecodable input bytes arrive as lone surrogates, which no UTF-8 file can hold.
    if any("\ud800" <= c <= "\udfff" for c in text):
        return "not UTF-8 text"
    return ""


def ask(read: Callable[[str], str]) -> Answers:
    """Ask each question in turn; Enter (or the end of input) keeps the default."""
    values: dict[str, Any] = {}
    for name, field in Answers.model_fields.items():
        default = field.default if name != "title" else "(from the id)"
        while True:
            try:
                got = read(f"{field.description} [{default}]: ").strip()
            except EOFError:
                return Answers.model_validate(values)
            except UnicodeDecodeError:  # a strict stdin: the line is gone, ask again
                got = "\udcff"
            if not got:
                break
            if why := answer_problem(got):
                print(f"  {name}: {why}; try again")
                continue
            try:
                Answers.model_validate({**values, name: got})
            except ValidationError as exc:
                print(f"  {name}: {exc.errors()[0]['msg']}; try again")
                continue
            values[name] = got
            break
    return Answers.model_validate(values)


def draft(description: str, complete: Callable[..., str]) -> Answers:
    """Ask a capable model for the answers; its reply is validated, with one re-ask."""
    import json

    from simulator.backends import ChatMessage
    from simulator.prompts import render

    schema = Answers.model_json_schema()
    messages = [ChatMessage("system", render("persona_draft_system", description=description))]
    last = ""
    for _attempt in range(2):
        reply = complete(messages, schema=schema)
        try:
            return Answers.model_validate(json.loads(reply))
        except (ValueError, ValidationError) as exc:
            last = str(exc).splitlines()[0]
            messages.append(ChatMessage("assistant", reply))
            messages.append(ChatMessage("user", f"That did not validate ({last}); fix it."))
    raise DataError(f"--from: the model's draft did not validate twice ({last})")
