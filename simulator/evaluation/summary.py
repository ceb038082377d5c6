"""From scored turns to the call's review: skill scores, extra signals, fit check, moments."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.evaluation.moments import Moment, pick_moments
from simulator.evaluation.rubric import Rubric, load_rubric
from simulator.evaluation.scale import LOW, call_points, trainee_numbers
from simulator.i18n import _
from simulator.models import SKILLS, Persona, Turn, Verdict
from simulator.vocabulary import Difficulty, Outcome


@dataclass
class CallSummary:
    """Everything the end-of-call review shows."""

    outcome: Outcome
    skills: dict[str, float | None]
    overall: float | None
    turns_scored: int
    open_questions: int = 0
    closed_questions: int = 0
    talk_share: float = 0.0
    facts_uncovered: list[str] = field(default_factory=list)
    facts_total: int = 0
    seconds_to_first_question: float | None = None
    concessions: list[str] = field(default_factory=list)
    fit_check: str = "no verdict given"
    fit_correct: bool | None = None
    moments: list[Moment] = field(default_factory=list)


def call_scores(turns: list[Turn], rubric: Rubric) -> tuple[dict[str, float | None], float | None]:
    """Per skill 0-100 and the overall; the weighting is data in rubric.yaml.

    N/A turns don't count; provoked turns weigh more; turns the rules saw nothing at stake in
    weigh less.
    """
    agg = rubric.aggregation
    out: dict[str, float | None] = {}
    for skill in SKILLS:
        total = weight = 0.0
        for t in turns:
            if t.evaluation is None:
                continue
            s = t.evaluation.skills.get(skill)
            if s is None or s.score is None:
                continue
            w = agg.provoked_turn_weight if t.evaluation.provoked else 1.0
            w *= 1.0 if s.at_stake else agg.not_at_stake_weight
            total += w * s.score
            weight += w
        out[skill] = round(25.0 * total / weight, 1) if weight else None
    scored = [(agg.weights[k], v) for k, v in out.items() if v is not None]
    wsum = sum(w for w, _ in scored)
    overall = round(sum(w * v for w, v in scored) / wsum, 1) if wsum else None
    return out, overall


def facts_said(turns: list[Turn], persona: Persona, earned: list[str]) -> list[str]:
    """The hidden facts the client gave away: earned by a question, or said outright in an
    answer to a topic (its tell in a client line), which the review counted as not found."""
    said = " ".join(t.text for t in turns if t.speaker == "persona")
    return earned + [f.id for f in persona.hidden_facts if f.id not in earned and f.told_in(said)]


def fit_check(persona: Persona, verdict: Verdict | None) -> tuple[str, bool | None]:
    """Compare the trainee's verdict with the persona's hidden fit profile."""
    truth = persona.fit_profile
    # The answer key names what the client kept to themselves; said as such, so a trainee
    # does not read it as something the call showed ("cites facts never on screen").
    if verdict is None:
        text = _(
            "no verdict given (the client was: {fit}; behind it, said in the call or not: {why})"
        )
        return text.format(fit=truth.fit, why=truth.why), None
    correct = verdict.verdict == truth.fit
    mark = _("right") if correct else _("not quite")
    text = _(
        "you said {verdict}, the client was {fit}: {mark}. Behind it, said in the call or not: {why}"
    )
    return text.format(verdict=verdict.verdict, fit=truth.fit, mark=mark, why=truth.why), correct


def summarise(
    turns: list[Turn],
    persona: Persona,
    outcome: Outcome,
    verdict: Verdict | None,
    rubric: Rubric | None = None,
    difficulty: Difficulty | None = None,
) -> CallSummary:
    """Build the review of a call from its scored turns."""
    rubric = rubric or load_rubric()
    skills, overall = call_scores(turns, rubric)
    trainee = [t for t in turns if t.speaker == "trainee"]
    summary = CallSummary(
        outcome=outcome, skills=skills, overall=overall, turns_scored=len(trainee)
    )
    words = {"trainee": 0, "persona": 0}
    for t in turns:
        words[t.speaker] += len(t.text.split())
    summary.talk_share = round(words["trainee"] / max(1, sum(words.values())), 2)
    start = turns[0].ended_at if turns else 0.0
    numbers = trainee_numbers(turns)
    for t in trainee:
        sig = t.evaluation.signals if t.evaluation else None
        if sig is None:
            continue
        summary.open_questions += int(sig.open_question)
        summary.closed_questions += int(sig.closed_question and not sig.open_question)
        if summary.seconds_to_first_question is None and (sig.open_question or sig.closed_question):
            summary.seconds_to_first_question = round(max(0.0, t.ended_at - start), 1)
        if sig.concession:
            traded = bool(t.evaluation and (t.evaluation.skills["winwin"].score or 0) >= 2)
            summary.concessions.append(
                _('your turn {n}: {how}: "{text}"').format(
                    n=numbers[t.index], how=_("traded") if traded else _("given away"), text=t.text
                )
            )
    last = next((t.state_after for t in reversed(trainee) if t.state_after), None)
    summary.facts_uncovered = facts_said(turns, persona, list(last.earned_facts) if last else [])
    summary.facts_total = len(persona.hidden_facts)
    summary.fit_check, summary.fit_correct = fit_check(persona, verdict)
    low = frozenset(k for k, v in skills.items() if (call_points(v) or LOW) < LOW)
    summary.moments = pick_moments(turns, persona, rubric, difficulty, low_skills=low)
    return summary


__all__ = ["CallSummary", "Moment", "call_scores", "fit_check", "summarise"]
