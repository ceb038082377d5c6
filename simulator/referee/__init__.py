"""The referee: the evaluator's fast, deterministic tier, run on every trainee turn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from simulator.models import Persona, Timing, TurnEvaluation
from simulator.referee.features import ContextTurn


class Referee(Protocol):
    """Scores one trainee turn and emits the signals the persona engine consumes."""

    def evaluate(
        self,
        text: str,
        context: Sequence[ContextTurn],
        *,
        persona: Persona | None = None,
        timing: Timing | None = None,
    ) -> TurnEvaluation:
        """Evaluate `text` given the earlier turns."""
        ...


def default_referee() -> Referee:
    """The referee the product uses."""
    from simulator.referee.scorer import SkillReferee

    return SkillReferee()


__all__ = ["ContextTurn", "Referee", "default_referee"]
