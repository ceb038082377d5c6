"""The signals the persona engine consumes, derived from the referee's analysis."""

from __future__ import annotations

import re
from typing import Any

from simulator.models import Persona, Signals
from simulator.referee import acts, topics
from simulator.referee.features import Analysis, asked_topics, fact_targets, main_topic

# What each act of the turn reader tells the client, in a call whose phrase lists (English)
# cannot read the trainee's language: the learned reading stands in for the words.
ACT_SIGNALS: dict[str, str] = {
    "question": "open_question",
    "ack": "acknowledgement",
    "empathy": "acknowledgement",
    "check": "clarifying",
    "repeat": "clarifying",
    "limit": "refusal",
    "pitch": "pitch",
    "price": "price_talk",
    "next_step": "asks_next_step",
    "hostile": "hostility",
}
# A question word anywhere in the turn ("ok cool whats on the list").
WH_WORD = re.compile(r"\b(?:what|how|who|why|when|where|which)(?:'?s)?\b", re.IGNORECASE)
# An attack moves trust and patience hard: only a sure reading counts as one.
SURE_ATTACK = 0.7
# Joint language in Indonesian ("kita sama-sama", "kedua pihak"): the phrase lists are English.
WE_ID = re.compile(r"\b(?:kita|sama-sama|kedua (?:pihak|belah pihak)|dua-duanya|bersama)\b", re.I)


def extract(a: Analysis, persona: Persona | None, act_p: Any | None = None) -> Signals:
    """Turn an analysis (and, outside English, the act reading) into persona-engine signals."""
    foreign = persona is not None and persona.lang != "en"
    asked = asked_topics(a)
    act, sure = acts.from_probabilities(act_p) if foreign else (None, 0.0)
    # A lowercase typist's "ok cool whats on the list" asks without a mark (live round 22:
    # eight such questions were "0 open / 0 closed" in the review): in English, a question
    # word in a turn the act reader takes for a question above every other act.
    unmarked = (
        not foreign
        and act_p is not None
        and "?" not in a.clean
        and int(act_p.argmax()) == acts.ACTS.index("question")
        and bool(WH_WORD.search(a.clean))
    )
    if act == "question" and not asked and a.clean.strip():
        # A question typed without a question mark ("budgetnya berapa kak"): the whole turn.
        asked = [(a.clean, *topics.reading(a.clean))]
    topic = main_topic(asked)
    signals = Signals(
        open_question=bool(a.open_questions) or unmarked,
        closed_question=bool(a.closed_questions),
        acknowledgement=a.has("acknowledge"),
        # From the moves, not the words: "I can't ... for free" holds a limit, it gives nothing.
        concession=a.moves.caves,
        # A retort ("I don't need you lecturing me") refuses nothing the client asked for.
        refusal=(a.moves.holds or a.has("refusal")) and not a.has("defensive"),
        hostility=a.has("hostility") or a.has("zero_sum") or a.moves.has("hostile"),
        defensive=a.has("defensive"),
        pitch=a.has("pitch"),
        we_language=a.has("we") or a.has("winwin"),
        price_talk=a.has("price"),
        asks_next_step=a.has("next_step"),
        clarifying=a.has("clarify"),
        injection=bool(a.injection_spans),
        fact_targets=fact_targets(persona, asked),
        topic=topic,
    )
    if foreign and WE_ID.search(a.clean):
        signals.we_language = True
    name = ACT_SIGNALS.get(act or "")
    attack_unsure = act == "hostile" and sure < SURE_ATTACK
    if name and not attack_unsure and not (name == "open_question" and signals.closed_question):
        setattr(signals, name, True)
    return signals
