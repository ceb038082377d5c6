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

from simulator import authoring_bank as bank
from simulator.errors import DataError
from simulator.i18n import N_, _
from simulator.loading import validation_problems
from simulator.models import Persona, Slug, Strict
from simulator.personas import semantic_problems

# A persona file is capped at 1 MB when loaded; no single answer comes near that.
MAX_ANSWER_CHARS = 2000


# The questions whose answers the client speaks, asked as the client would answer them.
FACT_PROMPT = N_(
    'What would you, as the client, say when you finally reveal {what}? (first person, e.g. "{eg}")'
)
ANSWER_PROMPT = N_("As the client, in your own words: {what}")
# What each spoken answer is about (and, for a hidden fact, an example in the client's voice).
FACT_ASKS = {
    "budget": (N_("your budget"), N_("We can stretch to 15,000, no further.")),
    "deadline": (N_("your deadline"), N_("It has to be live before our busy season.")),
    "decision": (N_("who decides"), N_("I have to justify every pound to my director.")),
    "pain": (N_("the real problem"), N_("We lose an order a day and nobody knows why.")),
}
ANSWER_ASKS = {
    "today": N_("how do you handle this today?"),
    "past": N_("what went wrong before?"),
    "success": N_("what would success look like?"),
    "team": N_("who on your side would work on it?"),
    "worry": N_("what worries you most about it?"),
}


def fact_prompt(name: str, tr: Callable[[str], str] = str) -> str:
    """The question for a hidden fact (English unless `tr` translates)."""
    what, eg = FACT_ASKS[name]
    return tr(FACT_PROMPT).format(what=tr(what), eg=tr(eg))


def answer_prompt(name: str, tr: Callable[[str], str] = str) -> str:
    """The question for an answer the client speaks (English unless `tr` translates)."""
    return tr(ANSWER_PROMPT).format(what=tr(ANSWER_ASKS[name]))


class Answers(Strict):
    """What the trainer is asked; each description is the prompt, each default sensible."""

    # The same limit for a drafted answer (--from): no field may make the file unloadable.
    model_config = ConfigDict(extra="forbid", str_max_length=MAX_ANSWER_CHARS)

    id: Slug = Field("my-client", description=N_("Short id for the file (lowercase-with-dashes)"))
    title: str = Field("", description=N_("Title (e.g. The Cautious CFO)"))
    category: Literal["breed", "difficult", "good-fit"] = Field(
        "difficult", description=N_("Kind of client: breed, difficult or good-fit")
    )
    name: str = Field("Alex Morgan", description=N_("Client's name"))
    role: str = Field("Operations Director", description=N_("Their role"))
    company: str = Field("Northwind Ltd", description=N_("Their company"))
    industry: str = Field("logistics", description=N_("Industry"))
    about_company: str = Field(
        "a mid-sized distributor moving off spreadsheets", description=N_("The company in a phrase")
    )
    wants: str = Field(
        "A reliable partner for a new system, at a price their boss will accept.",
        description=N_("What they want from you"),
    )
    speaking_style: str = Field(
        "Brisk and polite, asks direct questions, keeps answers short.",
        description=N_("How they speak"),
    )
    opening_line: str = Field(
        "Thanks for taking the call. Tell me quickly why I should pick you.",
        description=N_("Their opening line, word for word"),
    )
    # Hidden facts and answers are spoken word for word, so they are asked for in the
    # client's own voice (a third-person answer is caught in `ask` and offered back).
    budget: str = Field(
        "We've set aside 20,000, but I'll open by asking for less.",
        description=fact_prompt("budget"),
    )
    deadline: str = Field(
        "It has to be live before the end of next quarter.",
        description=fact_prompt("deadline"),
    )
    decision: str = Field(
        "I have to justify every pound to our finance director; she signs anything over 10,000.",
        description=fact_prompt("decision"),
    )
    pain: str = Field(
        "We re-key every order by hand, and we lose about one a day.",
        description=fact_prompt("pain"),
    )
    today: str = Field(
        "Orders come in by email and phone, and two people type them into spreadsheets.",
        description=answer_prompt("today"),
    )
    past: str = Field(
        "We bought an off-the-shelf tool two years ago; nobody learned it and it quietly died.",
        description=answer_prompt("past"),
    )
    success: str = Field(
        "Orders flow in without anyone re-typing them, and I stop hearing about lost ones.",
        description=answer_prompt("success"),
    )
    team: str = Field(
        "Our office manager would be your contact; IT is one part-time contractor.",
        description=answer_prompt("team"),
    )
    worry: str = Field(
        "Getting stuck halfway, with the old way broken and the new one not ready.",
        description=answer_prompt("worry"),
    )
    fit: Literal["fit", "no-fit", "unsure"] = Field(
        "unsure", description=N_("Worth taking as a client: fit, no-fit or unsure")
    )
    fit_why: str = Field(
        "Open to a fair deal, but tests whether you will discount.", description=N_("Why")
    )
    pressure_line: str = Field(
        "Your price is higher than I hoped. What can you do about that?",
        description=N_("A line they use to push you"),
    )
    objection_line: str = Field(
        "I'm not sure we need all of that.", description=N_("An objection they raise")
    )
    softening_line: str = Field(
        "Okay, that's fair. I appreciate the straight answer.",
        description=N_("A line when you win them over"),
    )

    @field_validator("*", mode="after")
    @classmethod
    def _writable(cls, value: Any) -> Any:
        """Refuse text a UTF-8 persona file cannot hold (a drafted answer included)."""
        if isinstance(value, str) and (why := answer_problem(value)):
            raise ValueError(why)
        return value


def question(name: str) -> str:
    """What the trainer is asked for the answer `name`, in the language in force."""
    if name in FACT_ASKS:
        return fact_prompt(name, _)
    if name in ANSWER_ASKS:
        return answer_prompt(name, _)
    return _(Answers.model_fields[name].description or name)


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
            "deflect": {kind: list(lines) for kind, lines in bank.deflect(a.category).items()},
            "back_channel": list(bank.BACK_CHANNEL),
            "topics": bank.topics(
                {
                    **a.model_dump(),
                    "business": bank.business_line(a.role, a.company, a.about_company),
                }
            ),
            "unplaced": [{"say": line} for line in bank.UNPLACED],
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
        raise DataError(
            _("{path}: already exists; choose another id or pass --force").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    problems = problems_of(data, path)
    if problems:
        draft = path.with_name(path.name + ".draft")
        draft.write_text(text, encoding="utf-8")
        kept = _("{path}: saved as a draft (not used) for you to fix").format(path=draft)
        raise DataError([*problems, kept])
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
        return _("too long ({n} characters; at most {limit})").format(
            n=f"{len(text):,}", limit=f"{MAX_ANSWER_CHARS:,}"
        )
    # Undecodable input bytes arrive as lone surrogates, which no UTF-8 file can hold.
    if any("\ud800" <= c <= "\udfff" for c in text):
        return _("not UTF-8 text")
    return ""


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
    raise DataError(_("--from: the model's draft did not validate twice ({why})").format(why=last))
