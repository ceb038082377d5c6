"""How the client takes the turn reader's act (referee/acts.py): when it counts, and where
it goes among the moves the rules found."""

from __future__ import annotations

from simulator.engine.hearing_cues import MISSED_IT_WORDS
from simulator.vocabulary import Move

# The move each act of the turn reader (referee/acts.py) is heard as.
ACT_MOVES = {
    "question": Move.QUESTION,
    "check": Move.CHECK,
    "small_talk": Move.SMALL_TALK,
    "logistics": Move.LOGISTICS,
    "repeat": Move.REPEAT,
    "farewell": Move.FAREWELL,
    "ack": Move.STATEMENT,
    "empathy": Move.EMPATHY,
    "pitch": Move.PITCH,
    "price": Move.PRICE,
    "concession": Move.CONCESSION,
    "push": Move.PUSH,
    "limit": Move.LIMIT,
    "trade": Move.TRADE,
    "next_step": Move.NEXT_STEP,
    "argue": Move.ARGUE,
    "hostile": Move.HOSTILE,
}
# Acts that are the whole turn when the reader is sure: the client answers only them.
WHOLE_TURN = frozenset(
    {Move.LOGISTICS, Move.REPEAT, Move.FAREWELL, Move.SMALL_TALK, Move.CHECK, Move.STATEMENT}
)
# A reading that sets the rest of the turn aside must be this sure (dev: 94 of 95 right at
# 0.8 or more, 5 of 9 below it).
WHOLE_SURE = 0.8
# Acts that turn the client cold: heard only when the rules found them too, or, but for an
# attack, when the reader is this sure (dev: 54 of 54 such readings were one of these acts;
# "Tell me a bit about your business." once read as hostile at 0.73, so attacks need rules).
ALARMS = frozenset({Move.HOSTILE, Move.ARGUE, Move.PUSH, Move.CONCESSION})
SURE_ALARM = 0.7
SURE_EMPATHY = 0.6


def counted_act(
    act: str | None,
    sure: float,
    moves: list[Move],
    words: int,
    topic: bool,
    asks: bool,
    answering: bool = False,
) -> str | None:
    """The turn reader's act when it counts for this turn, else None."""
    if act is None:
        return None
    heard = ACT_MOVES[act]
    if heard in WHOLE_TURN and sure < WHOLE_SURE:
        return None  # too unsure to set the rest of the turn aside
    if heard == Move.REPEAT and (words > MISSED_IT_WORDS or topic):
        # A request to repeat is short and asks about nothing: "Sorry, I'm jumping around,
        # but what was the trigger for reaching out now" and "What worries you most about
        # starting again?" ask questions.
        return None
    if heard in ALARMS and heard not in moves and (heard == Move.HOSTILE or sure < SURE_ALARM):
        return None
    if heard == Move.EMPATHY and sure < SURE_EMPATHY and Move.EMPATHY not in moves:
        # "Makes sense. Just jotting that down" half-read as empathy would be thanked for
        # an understanding nobody voiced: the rules or a clear reading must agree.
        return None
    if heard == Move.PITCH and not asks and answering:
        # "Tell me what you'd build." answered with the build is the answer asked for.
        return None
    if heard == Move.NEXT_STEP and heard not in moves and not asks and answering:
        # "How would that work with eight clinics?" answered with "...then we adjust before
        # rollout" explains; it books nothing, so no "not quite yet" is owed.
        return None
    if heard == Move.QUESTION and not asks and sure < WHOLE_SURE:
        # "For what it's worth, I'd start small with one dashboard" has no question in it.
        return None
    return act


def with_act(moves: list[Move], act: str | None, firm: frozenset[Move], held: bool) -> list[Move]:
    """The rules' moves with the turn reader's act first, when it counts: "I've set aside
    half an hour, does that still suit you?" is call admin, not a request to book."""
    if act is None:
        return moves
    heard = ACT_MOVES[act]
    if heard == Move.QUESTION and Move.CLOSED_QUESTION in moves and Move.QUESTION not in moves:
        heard = Move.CLOSED_QUESTION
    lead = [m for m in moves if m in firm and m != heard]
    if heard in WHOLE_TURN and held and Move.LIMIT in moves:
        # "I can't put a price on it until I know what it is, can I?" is no playback.
        lead.append(Move.LIMIT)
    if heard in WHOLE_TURN and not lead:
        # A playback is also a warm word: empathy lines answer it where no check line does.
        return [heard, Move.EMPATHY] if heard == Move.CHECK else [heard]
    return [*lead, heard, *(m for m in moves if m not in lead and m != heard)]
