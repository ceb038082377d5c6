"""A saved call prepared for review: transcript, persona, summary and the judge's notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from simulator.errors import CallsimError
from simulator.evaluation.scale import trainee_numbers, turn_points
from simulator.evaluation.summary import CallSummary, summarise
from simulator.evaluation.words import difficulty_word
from simulator.i18n import _, lang_scope
from simulator.models import SKILLS, Persona, Turn
from simulator.personas import get_persona
from simulator.transcript import Transcript, find_transcript, read_transcript


class SavedMoment(BaseModel):
    """A judge's moment as read back from a transcript."""

    you_said: str = Field(max_length=4000)
    try_instead: str = ""
    why: str = ""


class SavedJudgeReview(BaseModel):
    """The shape a judge review record must have to be shown; anything else is skipped."""

    skills: dict[str, int] = Field(default_factory=dict)
    reasoning: dict[str, str] = Field(default_factory=dict)
    moments: list[SavedMoment] = Field(default_factory=list, max_length=20)


def judge_review(records: list[dict[str, Any]], problems: list[str]) -> dict[str, Any] | None:
    """The last well-formed judge review, as plain data; a malformed one is reported."""
    for record in reversed([r for r in records if r.get("source") == "judge"]):
        try:
            return SavedJudgeReview.model_validate(record).model_dump()
        except ValidationError:
            problems.append(_("a saved judge review is malformed; skipped"))
    return None


@dataclass
class CallView:
    """Everything the review, report, compare and progress commands show about one call."""

    transcript: Transcript
    persona: Persona | None
    summary: CallSummary | None
    judge: dict[str, Any] | None

    @property
    def turns(self) -> list[Turn]:
        """The turns still standing after rewinds."""
        return self.transcript.turns

    @property
    def id(self) -> str:
        """The call id."""
        return self.transcript.header.id

    @property
    def lang(self) -> str:
        """The language the call was held in; its review and report are shown in it."""
        return self.transcript.header.lang

    @property
    def when(self) -> str:
        """Start time, local, to the minute."""
        return datetime.fromtimestamp(self.transcript.header.started_at).strftime("%Y-%m-%d %H:%M")

    @property
    def title(self) -> str:
        """A one-line heading."""
        h = self.transcript.header
        who = self.persona.title if self.persona else h.persona
        scenario = _(", scenario {id}").format(id=h.scenario) if h.scenario else ""
        # Every review, report and page heading says so: an exam is judged apart.
        exam = _(", exam call") if h.mode == "exam" else ""
        level = difficulty_word(h.difficulty.value)
        return _("{who} ({level}{exam}{scenario}) on {when}").format(
            who=who, level=level, exam=exam, scenario=scenario, when=self.when
        )

    @property
    def scenario_check(self) -> dict[str, Any] | None:
        """The scenario's pass/fail recorded at the end of `practice --scenario`, if any."""
        records: list[dict[str, Any]] = self.transcript.reviews
        for record in reversed(records):
            if record.get("source") == "scenario" and isinstance(record.get("passed"), bool):
                return dict(record)
        return None

    def per_turn(self) -> list[dict[str, Any]]:
        """For each trainee turn: your turn number, text, skill scores (0-100), state after."""
        rows = []
        numbers = trainee_numbers(self.turns)
        for t in self.turns:
            if t.speaker != "trainee" or t.evaluation is None:
                continue
            row: dict[str, Any] = {"turn": numbers[t.index], "text": t.text}
            row.update({k: turn_points(t.evaluation.skills[k].score) for k in SKILLS})
            if t.state_after is not None:
                row.update(
                    trust=t.state_after.trust,
                    patience=t.state_after.patience,
                    interest=t.state_after.interest,
                )
            rows.append(row)
        return rows

    def judge_notes_for(self, text: str) -> list[dict[str, str]]:
        """The judge's moments that quote this turn."""
        if not self.judge:
            return []
        return [
            m for m in self.judge.get("moments", []) if m.get("you_said") and m["you_said"] in text
        ]


def load_view(call_id: str) -> CallView:
    """Load a call by id, prefix or path; a missing persona file still shows the transcript."""
    tr = read_transcript(find_transcript(call_id))
    try:
        persona: Persona | None = get_persona(tr.header.persona, tr.header.lang)
    except CallsimError:
        persona = None
    summary = None
    if persona:
        with lang_scope(tr.header.lang):  # its reasons and advice in the call's language
            summary = summarise(
                tr.turns, persona, tr.outcome, tr.verdict, difficulty=tr.header.difficulty
            )
    return CallView(tr, persona, summary, judge_review(tr.reviews, tr.problems))
