"""Which hidden facts a trainee's questions ask for: a learned reader over the rule's reading.

The rule (features.fact_rule: the question's topic, or a fact's own words) reads "Berapa
layar yg penting utk pitch?" as asking who else is pitching (its topic reader heard
"criteria"). The reader weighs, per fact, the rule, the topic reader's belief in the fact's
topics, its words, how well its reveal line answers the question (e5 query against passage)
and the nearest trainee question labelled as asking for it in live calls
(data/answer_examples.jsonl). Logistic weights in data/fact_weights.json
(bench/train_facts.py); without them the rule decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from simulator.models import HiddenFact, Persona
from simulator.referee import encoder, labelled, logistic, topics
from simulator.referee.logistic import Weights
from simulator.referee.vector_store import vectors

WEIGHTS = "fact_weights.json"
# The last questions of a turn the reader weighs (the live turns it learned from ask 1-4).
MAX_QUESTIONS = 4
BASE = ("rule", "topic", "words", "passage", "passage_lead", "example", "has_examples")
NAMES = (*BASE, *(f"id_{n}" for n in BASE))


def load(labelled: bool = True) -> Weights | None:
    """The shipped fit for a persona with (or without) labelled questions, or None."""
    return logistic.load(WEIGHTS, NAMES, labelled)


def named(fact: HiddenFact, text: str, skip: frozenset[str]) -> bool:
    """Whether the question names one of the fact's words (question words aside)."""
    lowered = text.lower()
    return any(
        re.search(r"\b" + re.escape(w.lower()), lowered)
        for w in fact.asked_by
        if w.lower() not in skip
    )


@lru_cache(maxsize=64)
def _facts(lang: str, persona: str, reveals: tuple[str, ...]) -> tuple[Any, dict[str, Any]]:
    """Reveal lines as answers, and each fact's labelled questions, as vectors."""
    lines = vectors(list(reveals), passages=True)
    known = labelled.fact_questions(lang, persona)
    asked = {f: vectors(qs) for f, qs in known.items() if f and qs}
    return (
        np.stack(lines) if lines else None,
        {f: np.stack(v) for f, v in asked.items() if v},
    )


def rows(
    persona: Persona,
    questions: Sequence[str],
    rule: Sequence[str],
    skip: frozenset[str],
    known: dict[str, Any] | None = None,
) -> Any | None:
    """One row of NAMES per hidden fact (None without the encoder); `known` stands in for
    the shipped labelled questions (bench/train_facts.py holds a round out)."""
    facts = persona.hidden_facts
    reveals, shipped = _facts(persona.lang, persona.id, tuple(f.reveal_line for f in facts))
    known = shipped if known is None else known
    qs = [encoder.query(q) for q in questions]
    if reveals is None or not qs or any(q is None for q in qs):
        return None
    reader = topics.reader()
    belief = [
        dict(zip(reader.classes, map(float, reader.probabilities(q)), strict=True))
        if reader
        else {}
        for q in questions
    ]
    passage = np.stack([reveals @ q for q in qs])  # questions x facts
    out = []
    for i, fact in enumerate(facts):
        wanted = [t.value for t in fact.asked_topics()]
        topic = max((b.get(t, 0.0) for b in belief for t in wanted), default=0.0)
        words = any(named(fact, q, skip) for q in questions)
        best = float(passage[:, i].max())
        lead = float((passage[:, i] - passage.max(axis=1)).max())
        mine = known.get(fact.id)
        example = max(float((mine @ q).max()) for q in qs) if mine is not None else 0.0
        has = float(mine is not None)
        base = [float(fact.id in rule), topic, float(words), best, lead, example, has]
        zero = [0.0] * len(base)
        out.append([*base, *zero] if persona.lang != "id" else [*zero, *base])
    return np.array(out)


def targets(
    persona: Persona, questions: Sequence[str], rule: list[str], skip: frozenset[str]
) -> list[str]:
    """The facts the questions ask for, likeliest first: the reader's, or the rule's alone."""
    weights = load(labelled=bool(labelled.fact_questions(persona.lang, persona.id)))
    if weights is None or not questions or not persona.hidden_facts:
        return rule
    # A turn asks a few questions; a paste of two hundred "?" would cost an encode each.
    questions = list(dict.fromkeys(questions))[-MAX_QUESTIONS:]
    table = rows(persona, questions, rule, skip)
    if table is None:
        return rule
    p = logistic.chances(weights, table)
    order = np.argsort(-p)
    facts = persona.hidden_facts
    # A fact with no topics (a user's older persona) is beyond what the reader learned:
    # the rule reads it.
    return [
        facts[i].id
        for i in order
        if (p[i] >= weights.threshold if facts[i].asked_topics() else facts[i].id in rule)
    ]
