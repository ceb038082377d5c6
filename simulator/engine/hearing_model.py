"""Whether the trainee really made a move the rules heard (data/hearing_weights.json).

The move rules name a trade, a cave or a price from words that also occur in turns doing
none of these ("because if I know what wastes the time I build that first", a pitch, heard
as a trade); live blind raters mark the client's reaction to such a move 0. A logistic
reader per move, trained on live trainee turns that helpers labelled with every act in
them (bench/train_hearing.py), weighs the turn's e5 vector, the client's line before it,
what the rules found and the act reader heard; a move it doubts is not heard, unless the
act reader is sure the turn makes it. (The act reader's probabilities are not inputs: it is
trained on the same live turns, so in training they would stand in for the labels.)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simulator.engine.hearing_acts import ACT_MOVES
from simulator.referee import acts, encoder, logistic
from simulator.referee.reading import Reading
from simulator.vocabulary import Move

WEIGHTS = "hearing_weights.json"
# The moves a client reacts to as something done to it.
MOVES = (
    Move.CONCESSION,
    Move.TRADE,
    Move.PUSH,
    Move.ARGUE,
    Move.HOSTILE,
    Move.LIMIT,
    Move.PRICE,
    Move.NEXT_STEP,
)
NAMES = (
    *(f"turn:{i}" for i in range(encoder.DIM)),
    *(f"client:{i}" for i in range(encoder.DIM)),
    "client:none",
    *(f"in:{m.value}" for m in Move),
    *(f"first:{m.value}" for m in Move),
)


def row(vector: Any | None, client: Any | None, moves: list[Move]) -> Any | None:
    """The features of a turn (its e5 vector, the client's line before it) as heard so far,
    or None without the encoder."""
    if vector is None:
        return None
    heard = [float(m in moves) for m in Move]
    first = [float(bool(moves) and moves[0] == m) for m in Move]
    before = client if client is not None else np.zeros(encoder.DIM)
    return np.concatenate([vector, before, [float(client is None)], heard, first])


def chances(reading: Reading, moves: list[Move]) -> dict[Move, float]:
    """Per move the rules heard, the probability the trainee made it (none without weights)."""
    x = row(reading.vector, reading.client, moves)
    if x is None:
        return {}
    out = {}
    for move in MOVES:
        weights = logistic.load_fit(WEIGHTS, NAMES, move.value)
        if weights is not None and move in moves:
            out[move] = float(logistic.chances(weights, x))
    return out


def agreed_in(act_probabilities: Any | None) -> Move | None:
    """The move the act reader is sure the whole turn makes: two readers agreeing on it
    keep it heard (live attacks are too rare in the labels for the move reader to learn)."""
    act, _ = acts.from_probabilities(act_probabilities)
    return ACT_MOVES[act] if act is not None else None


def doubted(reading: Reading, moves: list[Move]) -> frozenset[Move]:
    """The moves heard that the trainee most likely did not make."""
    weights = logistic.load_fit(WEIGHTS, NAMES, MOVES[0].value)
    if weights is None:
        return frozenset()
    sure = agreed_in(reading.act_probabilities)
    return frozenset(
        m for m, p in chances(reading, moves).items() if p < weights.threshold and m != sure
    )


def kept(reading: Reading, moves: list[Move]) -> list[Move]:
    """The heard moves, in order, without those the trainee most likely did not make."""
    doubt = doubted(reading, moves)
    return [m for m in moves if m not in doubt]
