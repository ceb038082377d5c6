"""The shipped referee: anchored rules, blended with a learned ranker when weights exist."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models import Persona, Timing, TurnEvaluation
from simulator.referee import rules
from simulator.referee.features import ContextTurn, analyse
from simulator.referee.signals import extract


class SkillReferee:
    """Deterministic referee: no LLM, no network, a few hundred microseconds a turn."""

    def evaluate(
        self,
        text: str,
        context: Sequence[ContextTurn],
        *,
        persona: Persona | None = None,
        timing: Timing | None = None,
    ) -> TurnEvaluation:
        """Score the four skills and extract signals for one trainee turn."""
        a = analyse(text, list(context)[-5:])
        skills = {
            "empathy": rules.empathy(a),
            "boundary": rules.boundary(a),
            "pacing": rules.pacing(a, timing),
            "winwin": rules.winwin(a),
        }
        return TurnEvaluation(signals=extract(a, persona), skills=skills, provoked=a.provoked)
