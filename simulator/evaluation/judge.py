"""The optional LLM judge: a rubric review with structured output, quotes checked verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, Field, ValidationError

from simulator.backends import Backend, ChatMessage
from simulator.errors import BackendError
from simulator.evaluation.rubric import Rubric, load_rubric
from simulator.models import SKILLS, Persona, Turn
from simulator.prompts import render

# The judge sees at most this many exchanges, chosen for what they teach, so its prompt is
# bounded however long the call ran.
WINDOW_EXCHANGES = 8
MAX_REASKS = 2


class JudgeSkill(BaseModel):
    """One skill's call-level verdict."""

    reasoning: str = Field(
        description="Two sentences on how the trainee did on this skill, citing turns"
    )
    score: int = Field(
        ge=0, le=100, description="0-100 for the whole call, using the rubric anchors"
    )


class JudgeMoment(BaseModel):
    """A moment worth redoing."""

    you_said: str = Field(
        description="The trainee's exact words, copied verbatim from one trainee turn"
    )
    try_instead: str = Field(description="A better line the trainee could have said")
    why: str = Field(description="Why it is better, in terms of the rubric")


class JudgeReview(BaseModel):
    """The judge's structured review."""

    empathy: JudgeSkill
    boundary: JudgeSkill
    pacing: JudgeSkill
    winwin: JudgeSkill
    moments: list[JudgeMoment] = Field(
        max_length=3, description="The three most instructive moments"
    )


@dataclass
class JudgeResult:
    """What the review shows: the judge's scores and moments, or why there are none."""

    ok: bool
    skills: dict[str, int] = field(default_factory=dict)
    reasoning: dict[str, str] = field(default_factory=dict)
    moments: list[JudgeMoment] = field(default_factory=list)
    dropped_quotes: int = 0
    attempts: int = 0
    note: str = ""

    def record(self, model: str) -> dict[str, object]:
        """The transcript record for this review."""
        return {
            "type": "review",
            "source": "judge" if self.ok else "referee-only",
            "model": model,
            "skills": self.skills,
            "reasoning": self.reasoning,
            "moments": [m.model_dump() for m in self.moments],
            "dropped_quotes": self.dropped_quotes,
            "note": self.note,
        }


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def window(turns: list[Turn], size: int = WINDOW_EXCHANGES) -> list[Turn]:
    """The exchanges that teach most: provoked turns and extreme scores, in call order."""
    trainee = [t for t in turns if t.speaker == "trainee" and t.evaluation is not None]

    def weight(t: Turn) -> float:
        ev = t.evaluation
        assert ev is not None
        scores = [s.score for s in ev.skills.values() if s.score is not None]
        spread = max((abs(s - 2.0) for s in scores), default=0.0)
        return spread + (1.5 if ev.provoked else 0.0)

    chosen = {t.index for t in sorted(trainee, key=weight, reverse=True)[:size]}
    keep: list[Turn] = []
    for t in turns:
        if t.index in chosen or ((t.index + 1) in chosen and t.speaker == "persona"):
            keep.append(t)
    return keep


def build_messages(turns: list[Turn], persona: Persona, rubric: Rubric) -> list[ChatMessage]:
    """System rubric plus the windowed transcript as data inside tags."""
    shown = window(turns)
    lines = []
    for t in shown:
        who = "TRAINEE" if t.speaker == "trainee" else "CLIENT"
        # The transcript is data: strip anything that could close our tag early.
        text = t.text.replace("<", "‹").replace(">", "›")
        lines.append(f"[turn {t.index}] {who}: {text}")
    referee = []
    for t in shown:
        if t.evaluation is not None:
            s = t.evaluation.skills
            referee.append(f"turn {t.index}: " + ", ".join(f"{k} {s[k].score}" for k in SKILLS))
    return [
        ChatMessage("system", render("judge_system", rubric=rubric.as_text())),
        ChatMessage(
            "user",
            render(
                "judge_user",
                persona_title=persona.title,
                persona_summary=persona.summary,
                referee_summary="; ".join(referee) or "none",
                transcript="\n".join(lines),
            ),
        ),
    ]


def verify_quotes(review: JudgeReview, turns: list[Turn]) -> tuple[list[JudgeMoment], int]:
    """Keep moments whose quote appears verbatim in a trainee turn; count the rest."""
    said = [_norm(t.text) for t in turns if t.speaker == "trainee"]
    kept = [
        m for m in review.moments if _norm(m.you_said) and any(_norm(m.you_said) in s for s in said)
    ]
    return kept, len(review.moments) - len(kept)


def judge_call(backend: Backend, turns: list[Turn], persona: Persona) -> JudgeResult:
    """Ask the judge, validating and re-asking; fall back to the referee when it can't."""
    rubric = load_rubric()
    messages = build_messages(turns, persona, rubric)
    schema = JudgeReview.model_json_schema()
    attempts = 0
    for attempts in range(1, MAX_REASKS + 2):
        try:
            raw = backend.complete(messages, schema=schema)
        except BackendError as exc:
            return JudgeResult(
                ok=False, attempts=attempts, note=f"judge unavailable ({exc}); referee scores only"
            )
        try:
            review = JudgeReview.model_validate_json(raw)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5]
            )
            messages = [
                *messages,
                ChatMessage("assistant", raw[:2000]),
                ChatMessage(
                    "user",
                    f"That reply did not match the schema ({problems}). Reply again with valid JSON only.",
                ),
            ]
            continue
        moments, dropped = verify_quotes(review, turns)
        return JudgeResult(
            ok=True,
            skills={k: getattr(review, k).score for k in SKILLS},
            reasoning={k: getattr(review, k).reasoning for k in SKILLS},
            moments=moments,
            dropped_quotes=dropped,
            attempts=attempts,
            note=f"{dropped} moment(s) dropped: their quotes were not in the transcript"
            if dropped
            else "",
        )
    return JudgeResult(
        ok=False,
        attempts=attempts,
        note="judge replies never matched the schema; referee scores only",
    )
