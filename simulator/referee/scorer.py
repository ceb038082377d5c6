"""The shipped referee: anchored rules, blended with a learned ranker when weights exist."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models import Persona, SkillScore, Timing, TurnEvaluation
from simulator.referee import rules
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
            feats = vectorize(a)
            for name, score in skills.items():
                p = self.ranker.probability(name, feats)
                if p is not None:
                    score.score = combine(score.score, p, self.ranker.blend, score.anchored)
        return skills


def is_idle(a: Analysis) -> bool:
    """Small talk with nothing the rubric recognises: it keeps the rules' verdict."""
    return not a.matches and not a.questions and a.words <= 5


def _lower(a: float | None, b: float | None) -> float | None:
    """The lower of two scores, n/a counting as lowest."""
    if a is None or b is None:
        return None
    return min(a, b)


ANCHOR_SPREAD = 0.5


def combine(rule: float | None, p: float, blend: float, anchored: bool = False) -> float | None:
    """Rule level blended with the learned rank; a rubric anchor that fired outright wins.

    n/a stays n/a unless the learned model is fairly sure the skill is shown.
    """
    if anchored and rule is not None:
        return round(min(4.0, max(0.0, rule + ANCHOR_SPREAD * (p - 0.5))), 3)
    if rule is None:
        return None if p < 0.15 else round(4 * p * (1 - blend), 3)
    return round(blend * rule + (1 - blend) * 4 * p, 3)
