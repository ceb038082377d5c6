"""Which authored line answers the trainee's question, by meaning (the e5 encoder).

Each line written to answer a question is keyed by the questions it answers: its `after`
example and its `asks` phrasings. The trainee's question is compared with every key as two
e5 "query:" texts; a line scores its nearest key. Below FLOOR no line answers the question,
and the client says it has no answer ready rather than answering something else.

Vectors of shipped personas' keys come from data/bank_vectors.npz (bench/bank_vectors.py
writes it), so a call starts without encoding hundreds of keys; a key not in it (a persona
the user wrote, say) is encoded when the bank is built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from simulator.models import BankLine
from simulator.referee import encoder, topics
from simulator.vocabulary import Topic

# Cosine of the trainee's question with a line's nearest key at which the line answers it.
# Set on phrasings held out of the keys (bench/bank_vectors.py --check): 0.88 keeps 90% of
# them and 26% of off-topic questions ("Do you keep bees?").
FLOOR = 0.88
STORE = "bank_vectors.npz"
# The topic reader's topic, when it names one, breaks near ties: e5 leans on the nouns
# ("what got you thinking about the stock system now?" is nearer "how do you handle stock?"
# than "why now?").
TOPIC_BONUS = 0.04
# Lines this close to the nearest one answer the same question, as far as e5 can tell.
SAME_QUESTION = 0.02
# The nearest line answers when it is this near, or nearer by MARGIN than any line on
# another subject, or on the subject the topic reader heard (bench/selection_check.py,
# regression data: right 0.673 -> 0.708, wrong line 0.160 -> 0.058; off-topic questions
# answered 36 -> 12 of 97). Not in Indonesian: there the right line's lead over the next
# subject was no larger than a wrong line's (0.002-0.022 against 0.003-0.007 on the live
# calls), and the topic reader is too weak to vouch: the margin only silenced answers.
CLEAR = 0.92
MARGIN: dict[str, float] = {"en": 0.03, "id": 0.0}
# In Indonesian no line may clear e5's floor for a plain question ("Mandornya biasanya lapor
# lewat apa sekarang Pak, WA grup atau kertas?": 0.85) that the topic reader is sure of
# ("today", 0.84): then the topic's nearest line answers, if it is within SURE_TOPIC_REACH
# of the floor. Letting the topic reader overrule a line that clears the floor moved 56
# answers on the Indonesian live rounds, most of them to a wrong subject: it does not.
SURE_TOPIC: dict[str, float] = {"id": 0.8}
SURE_TOPIC_REACH = 0.06


def key_id(text: str) -> str:
    """The store's name for a key: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _store() -> dict[str, Any]:
    """Shipped key vectors by key id (empty when the file is missing or unreadable)."""
    path = Path(str(resources.files("simulator") / "data" / STORE))
    try:
        with np.load(path) as data:
            ids, rows = data["ids"], data["vectors"]
    except (OSError, KeyError, ValueError):
        return {}
    if rows.ndim != 2 or rows.shape[1] != encoder.DIM or len(ids) != len(rows):
        return {}
    return {str(i): row.astype(np.float32) for i, row in zip(ids, rows, strict=True)}


def keys_of(entry: BankLine) -> list[str]:
    """The questions a line answers: its example, then its other phrasings."""
    return [k for k in [entry.after, *entry.asks] if k]


def vectors(texts: Sequence[str]) -> list[Any] | None:
    """Unit vectors of key texts, shipped ones from the store; None without the encoder."""
    store = _store()
    missing = [t for t in dict.fromkeys(texts) if key_id(t) not in store]
    if missing and not encoder.available():
        return None
    found = dict(zip(missing, encoder.queries(missing), strict=True)) if missing else {}
    return [store[key_id(t)] if key_id(t) in store else found[t] for t in texts]


class AnswerIndex:
    """A persona's question-answering lines with their key vectors."""

    def __init__(
        self, entries: Iterable[BankLine], subject: dict[str, Topic] | None = None, lang: str = "en"
    ) -> None:
        self.entries = [e for e in entries if keys_of(e)]
        # What each topic line is about: a line in the mood may stand in for its neighbour.
        self.subject = subject or {}
        self.lang = lang
        keys = [k for e in self.entries for k in keys_of(e)]
        rows = vectors(keys) if keys else None
        self.keys: dict[str, Any] = {}
        if rows is not None:
            at = 0
            for e in self.entries:
                n = len(keys_of(e))
                self.keys[e.say] = np.stack(rows[at : at + n])
                at += n

    @property
    def ready(self) -> bool:
        """Whether lines can be matched by meaning here."""
        return bool(self.keys)

    def likeness(self, question: Any | None, entry: BankLine) -> float | None:
        """How well the line answers the question: its nearest key's cosine (None if unknown)."""
        rows = self.keys.get(entry.say)
        if question is None or rows is None:
            return None
        return float((rows @ question).max())

    def answers(self, question: Any | None, entry: BankLine) -> bool:
        """Whether the line answers the question (lines with no key answer anything)."""
        score = self.likeness(question, entry)
        return score is None or score >= FLOOR

    def answering(
        self,
        question: Any | None,
        topic: Topic | None,
        fits: Callable[[BankLine], bool],
        fresh: Callable[[str], bool],
        asked: str = "",
    ) -> tuple[list[BankLine], bool]:
        """The lines that answer the question, best first, and whether any line in the bank
        (spoken or not, in the mood or not) does. When the nearest line does not fit the
        mood, another line on its subject may stand in, never a line on another subject
        that happens to clear the floor."""
        if question is None:
            return [], True
        # The floor is e5's alone; the topic reader's topic only reorders what clears it.
        scored = [(self.likeness(question, e) or 0.0, e) for e in self.entries]
        above = sorted(
            (
                (score + (TOPIC_BONUS if topic and self.subject.get(e.say) == topic else 0.0), e)
                for score, e in scored
                if score >= FLOOR
            ),
            key=lambda pair: -pair[0],
        )
        if not above:
            led = self._topic_led(scored, asked)
            if led is None:
                return [], False
            return [e for e in led if fits(e) and fresh(e.say)], True
        if not self._stands_out(scored, topic):
            return [], False
        best, subject = above[0][0], self.subject.get(above[0][1].say)
        near = [
            e
            for score, e in above
            if score >= best - SAME_QUESTION or (subject and self.subject.get(e.say) == subject)
        ]
        return [e for e in near if fits(e) and fresh(e.say)], True

    def _topic_led(self, scored: list[tuple[float, BankLine]], asked: str) -> list[BankLine] | None:
        """The lines of the subject the topic reader is sure the question asks about, best
        first (called when no line clears the floor); None where that rule is off."""
        sure_at = SURE_TOPIC.get(self.lang)
        if sure_at is None or not asked:
            return None
        best = topics.best_class(asked)
        if best is None or best[0] in topics.NO_TOPIC or best[1] < sure_at:
            return None
        mine = sorted(
            ((score, e) for score, e in scored if self.subject.get(e.say) == best[0]),
            key=lambda pair: -pair[0],
        )
        if not mine or mine[0][0] < FLOOR - SURE_TOPIC_REACH:
            return None
        return [e for _, e in mine]

    def _stands_out(self, scored: list[tuple[float, BankLine]], topic: Topic | None) -> bool:
        """Whether the nearest line is nearer than any line on another subject by a margin
        (or near enough on its own): e5's cosines between a question and keys crowd
        together, and "Is it in your range?" is 0.895 from the IT team line, 0.887 from the
        website line and 0.886 from the priorities line: that is no answer, only noise."""
        ranked = sorted(scored, key=lambda pair: -pair[0])
        best, top = ranked[0]
        subject = self.subject.get(top.say, top.say)
        if best >= CLEAR or subject == topic:
            return True
        rival = next((s for s, e in ranked[1:] if self.subject.get(e.say, e.say) != subject), 0.0)
        return best - rival >= MARGIN.get(self.lang, 0.0)
