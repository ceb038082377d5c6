"""One reading of a trainee turn: analysed, act-read and encoded once, then shared.

The referee's scores and the client's hearing start from the same reading, so a turn is
never analysed or encoded twice: the act reader reads the turn's own e5 vector. (The topic
reader encodes only the question it reads; bank selection compares the turn with the
persona's answer keys.)
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


def hear_client(line: str) -> None:
    """Encode the client's line as soon as it is spoken (while the trainee reads and types),
    so scoring the trainee's answer only encodes the answer."""
    if line.strip():
        encoder.query(line)


def read(text: str, context: Sequence[ContextTurn], whole_sentences: bool = True) -> Reading:
    """Read a trainee turn in its context (the last WINDOW turns); whole_sentences=False
    blanks only the phrases that address the evaluator, not their sentences."""
    recent = tuple(list(context)[-WINDOW:])
    analysis = analyse(text, list(recent), whole_sentences)
    client = analysis.partner_text
    reader = acts.reader()
    # Read from the turn with anything addressed to the evaluator blanked out: such words
    # must not move a score through the vector or the act reading either.
    clean = analysis.clean
    vector = encoder.query(clean)
    # The act reader is trained on the same e5 vector: the turn is encoded once for both.
    same = reader is not None and reader.encoder == "e5"
    return Reading(
        text=text,
        context=recent,
        analysis=analysis,
        vector=vector,
        client=encoder.query(client) if client else None,
        act_probabilities=(
            reader.probabilities(clean, vector if same else None)
            if reader and clean.strip()
            else None
        ),
    )
