"""The model as a light voice: it continues the chosen line, and must keep its meaning.

A tiny model started on the first words of the authored line often stops at once or
wanders off ("You didn't promise the moon, you promised me a refund."). It may add one
sentence, in its own words, that says about what the rest of the authored line says;
otherwise the rest of the authored line is spoken.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator

from simulator.engine.linecheck import SENTENCE_END
from simulator.referee import embedding

# Sentence-vector cosine of the model's words with the authored rest; measured on bench
# lines, paraphrases score 0.6-0.8 and drift 0.0-0.45.
MIN_SIMILARITY = 0.6
MIN_WORDS = 2
# Seconds the model's added sentence may take after the authored start is shown, when the
# call sets no deadline for the whole line: past it, the authored rest is spoken at once.
EXTRA_WORDS_BUDGET = 1.0
# Word vectors barely see a "no": "someone to say yes and build it" and "someone to say no,
# build it" are 0.9 alike. The model's words must say yes or no where the authored ones do.
NEGATION = re.compile(r"\b(?:no|not|never|nobody|nothing|none|nor|without)\b|n't\b", re.I)


def close_enough(added: str, authored: str) -> bool:
    """Whether the model's words say about what the authored words say."""
    if len(re.findall(r"[A-Za-z']+", added)) < MIN_WORDS:
        return False
    if bool(NEGATION.search(added)) != bool(NEGATION.search(authored)):
        return False
    vectors = embedding.embed([added, authored])
    if not vectors:
        return False  # no way to tell: the authored words are the safe choice
    return float(sum(a * b for a, b in zip(vectors[0], vectors[1], strict=False))) >= MIN_SIMILARITY


def voiced(
    chunks: Iterable[str],
    start: str,
    rest: str,
    budget: float = EXTRA_WORDS_BUDGET,
    clock: Callable[[], float] = time.monotonic,
    until: float | None = None,
) -> Iterator[str]:
    """Pass the primer, then one close sentence of the model's in time (by `until` on the
    clock when given, else `budget` seconds after the primer), or the authored rest."""
    try:
        yield from _voiced(iter(chunks), start, rest, budget, clock, until)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()  # the backend holds the model's lock until its stream is closed


def _voiced(
    stream: Iterator[str],
    start: str,
    rest: str,
    budget: float,
    clock: Callable[[], float],
    until: float | None,
) -> Iterator[str]:
    head = ""
    for chunk in stream:
        head += chunk
        if len(head) >= len(start):
            break
    if not head.startswith(start):  # a backend that did not start on the primer
        yield head
        yield from stream
        return
    yield start
    deadline = clock() + budget if until is None else until
    added = head[len(start) :]
    for chunk in stream:
        if clock() > deadline:
            yield rest  # the model is too slow today: the trainee never waits on it
            return
        added += chunk
        if SENTENCE_END.search(added.strip()):
            break
    end = SENTENCE_END.search(added)
    sentence = added[: end.end()] if end else added
    if close_enough(sentence.strip(), rest.strip()):
        yield sentence
    else:
        yield rest
