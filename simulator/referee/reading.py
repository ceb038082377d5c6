"""One reading of a trainee turn: analysed, act-read and encoded once, then shared.

The referee's scores, the client's hearing and the bank selection all start from the same
reading, so a turn is never analysed or encoded twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from simulator.referee import acts, encoder
from simulator.referee.features import Analysis, ContextTurn, analyse

# The referee reads the turn against the last few turns of the call.
WINDOW = 5


@dataclass(frozen=True)
class Reading:
    """A turn as the product understands it: its moves, its act and its meaning."""

    text: str
    context: tuple[ContextTurn, ...]
    analysis: Analysis
    vector: Any | None  # the turn's e5 query vector; None without the encoder
    client: Any | None  # the client's last line, the same way; None on the first turn
    act_probabilities: Any | None  # per act in acts.ACTS order; None without the act reader

    @property
    def client_text(self) -> str:
        """What the client said last."""
        return self.analysis.partner_text


def read(text: str, context: Sequence[ContextTurn]) -> Reading:
    """Read a trainee turn in its context (the last WINDOW turns)."""
    recent = tuple(list(context)[-WINDOW:])
    analysis = analyse(text, list(recent))
    client = analysis.partner_text
    reader = acts.reader()
    return Reading(
        text=text,
        context=recent,
        analysis=analysis,
        vector=encoder.query(analysis.clean),
        client=encoder.query(client) if client else None,
        act_probabilities=reader.probabilities(text) if reader and text.strip() else None,
    )
