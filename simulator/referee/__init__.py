"""The referee: the evaluator's fast, deterministic tier, run on every trainee turn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from simulator.models import Persona, Timing, TurnEvaluation
from simulator.referee.features import ContextTurn
from simulator.referee.reading import Reading


class Referee(Protocol):
    """Reads a trainee turn once, scores it and emits the signals the persona engine uses."""

    def read(self, text: str, context: Sequence[ContextTurn]) -> Reading:
        """The one reading of the turn that the scores and the client's hearing share."""
        ...

    def evaluate(
        self,
        text: str,
        context: Sequence[ContextTurn],
        *,
        persona: Persona | None = None,
        timing: Timing | None = None,
        reading: Reading | None = None,
    ) -> TurnEvaluation:
        """Evaluate `text` given the earlier turns."""
        ...


def default_referee() -> Referee:
    """The referee the product uses."""
    from simulator.referee.scorer import SkillReferee

    return SkillReferee()


__all__ = ["ContextTurn", "Reading", "Referee", "default_referee"]
