"""The signals the persona engine consumes, derived from the referee's analysis."""

from __future__ import annotations

from simulator.models import Persona, Signals
from simulator.referee.features import Analysis, asked_topics, fact_targets, main_topic


def extract(a: Analysis, persona: Persona | None) -> Signals:
    """Turn an analysis into persona-engine signals."""
    asked = asked_topics(a)
    topic = main_topic(asked)
    return Signals(
        open_question=bool(a.open_questions),
        closed_question=bool(a.closed_questions),
        acknowledgement=a.has("acknowledge"),
        # From the moves, not the words: "I can't ... for free" holds a limit, it gives nothing.
        concession=a.moves.caves,
        refusal=a.moves.holds or a.has("refusal"),
        hostility=a.has("hostility") or a.has("zero_sum") or a.moves.has("hostile"),
        pitch=a.has("pitch"),
        we_language=a.has("we") or a.has("winwin"),
        price_talk=a.has("price"),
        asks_next_step=a.has("next_step"),
        clarifying=a.has("clarify"),
        injection=bool(a.injection_spans),
        fact_targets=fact_targets(persona, asked),
        topic=topic,
    )
