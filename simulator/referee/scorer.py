"""The shipped referee: anchored rules, blended with a learned ranker when weights exist."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models import Persona, SkillScore, Timing, TurnEvaluation
from simulator.referee import embedding, rules
from simulator.referee.features import Analysis, ContextTurn, analyse
from simulator.referee.learned import load_ranker, vectorize
from simulator.referee.signals import extract

# A turn that addresses the evaluator is not talking to the client: it never gains by it.
INJECTION_PENALTY = 0.5


class SkillReferee:
    """Deterministic referee: no LLM, no network, well under a millisecond a turn."""

    def __init__(self, use_learned: bool = True) -> None:
        self.ranker = load_ranker() if use_learned else None

    def evaluate(
        self,
        text: str,
        context: Sequence[ContextTurn],
        *,
        persona: Persona | None = None,
        timing: Timing | None = None,
    ) -> TurnEvaluation:
        """Score the four skills and extract signals for one trainee turn."""
        recent = list(context)[-5:]
        a = analyse(text, recent)
        skills = self._skills(a, timing)
        if a.injection_spans:
            # Score both readings (sentences removed, phrases removed); keep the lower, minus a penalty.
            other = self._skills(analyse(text, recent, whole_sentences=False), timing)
            for name, score in skills.items():
                low = _lower(score.score, other[name].score)
                score.score = None if low is None else max(0.0, round(low - INJECTION_PENALTY, 3))
        return TurnEvaluation(signals=extract(a, persona), skills=skills, provoked=a.provoked)

    def _skills(self, a: Analysis, timing: Timing | None) -> dict[str, SkillScore]:
        skills = {
            "empathy": rules.empathy(a),
            "boundary": rules.boundary(a),
            "pacing": rules.pacing(a, timing),
            "winwin": rules.winwin(a),
        }
        if self.ranker is not None and not is_idle(a):
            vector = embedding.embed_one(a.clean) if self.ranker.uses_vectors else None
            feats = vectorize(a)
            for name, score in skills.items():
                p = self.ranker.probability(name, feats, vector)
                if p is not None:
                    score.score = combine(score.score, p, self.ranker.blend, score.strength)
        return skills


def is_idle(a: Analysis) -> bool:
    """Small talk with nothing the rubric recognises: it keeps the rules' verdict."""
    return not a.matches and not a.questions and a.words <= 5


def _lower(a: float | None, b: float | None) -> float | None:
    """The lower of two scores, n/a counting as lowest."""
    if a is None or b is None:
        return None
    return min(a, b)


# How far the learned ranker may move a rubric level, by how firmly the rubric decided it
# (chosen on grouped cross-validation and the sales pairs; see docs/EVALUATOR.md).
# An n/a turn is scored anyway when the ranker is at least this sure the skill shows.
NA_FLOOR = 0.15
SPREAD = {"hard": 1.5, "soft": 3.0}


def combine(
    rule: float | None,
    p: float,
    blend: float,
    strength: str = "open",
    spread: dict[str, float] | None = None,
) -> float | None:
    """Rubric level moved by the learned rank as far as its strength allows.

    Open levels are blended; n/a stays n/a unless the ranker is fairly sure the skill is shown.
    """
    spreads = SPREAD if spread is None else spread
    if rule is not None and strength in spreads:
        # The ranker moves a level towards the next anchor but never all the way: only the
        # rubric reaches 0 or 4, so a paused or fuller answer still shows above the rest.
        shift = spreads[strength] * (p - 0.5)
        shift = min(shift, 0.9 * (4.0 - rule)) if shift > 0 else max(shift, -0.9 * rule)
        return round(rule + shift, 3)
    if rule is None:
        return None if p < NA_FLOOR else round(4 * p * (1 - blend), 3)
    return round(blend * rule + (1 - blend) * 4 * p, 3)
