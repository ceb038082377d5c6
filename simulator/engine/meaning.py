"""Which authored line answers the trainee's question, by meaning (the e5 encoder).

Each line written to answer a question is keyed by the questions it answers: its `after`
example, its `asks` phrasings and, for shipped personas, trainee questions from live calls
labelled with the lines that answer them (data/answer_examples.jsonl). The learned reader
(answer_model.py) weighs the nearest key, the line itself read as an answer, the topic
reader and the words shared, and gives each line a probability that it answers; below the
threshold no line answers, and the client says it has no answer ready rather than answering
another question. Without the weights the nearest key at or above FLOOR answers.

Vectors of shipped personas' keys and lines come from the store (vector_store.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from simulator.engine import answer_model
from simulator.models import BankLine
from simulator.referee import labelled, logistic, topics
from simulator.referee.features import content_words
from simulator.referee.vector_store import vectors
from simulator.vocabulary import Topic

# Cosine of the trainee's question with a line's nearest key at which the line answers it,
# when the learned reader's weights are missing (bench/bank_vectors.py --check).
FLOOR = 0.88


def keys_of(entry: BankLine) -> list[str]:
    """The questions a line answers: its example, then its other phrasings."""
    return [k for k in [entry.after, *entry.asks] if k]


class AnswerIndex:
    """A persona's question-answering lines with their key vectors."""

    def __init__(
        self,
        entries: Iterable[BankLine],
        subject: dict[str, Topic] | None = None,
        lang: str = "en",
        persona: str = "",
    ) -> None:
        self.entries = [e for e in entries if keys_of(e)]
        # What each topic line is about, for the topic reader's belief in it.
        self.subject = subject or {}
        self.lang = lang
        known = labelled.line_questions(lang, persona) if persona else {}
        self.weights = answer_model.load(labelled=bool(known))
        texts = [e.say for e in self.entries]
        keys = [k for e in self.entries for k in [*keys_of(e), *known.get(e.say, [])]]
        unanswered = known.get(None, [])
        rows = vectors([*keys, *unanswered]) if keys else None
        lines = vectors(texts, passages=True) if rows is not None else None
        self.keys: dict[str, Any] = {}
        self.passages: Any = None
        self.unanswered: Any = None
        if rows is not None and lines is not None:
            at = 0
            for e in self.entries:
                n = len(keys_of(e)) + len(known.get(e.say, []))
                self.keys[e.say] = np.stack(rows[at : at + n])
                at += n
            self.passages = np.stack(lines)
            self.unanswered = np.stack(rows[at:]) if unanswered else None
        self.words = [[content_words(k) for k in keys_of(e)] for e in self.entries]
        self.line_words = [content_words(e.say) for e in self.entries]
        self._last: tuple[bytes, Any] | None = None

    @property
    def ready(self) -> bool:
        """Whether lines can be matched by meaning here."""
        return bool(self.keys)

    def likeness(self, question: Any | None, entry: BankLine) -> float | None:
        """How near the question is to the line's nearest key (None if unknown)."""
        rows = self.keys.get(entry.say)
        if question is None or rows is None:
            return None
        return float((rows @ question).max())

    def chances(self, question: Any, asked: str) -> Any:
        """Per line, how likely it answers the question (the learned reader, or 1 and 0 by
        the floor without its weights); the last question's are kept."""
        tag = np.asarray(question).tobytes() + asked.encode("utf-8", "replace")
        if self._last is not None and self._last[0] == tag:
            return self._last[1]
        near = [self.keys[e.say] @ question for e in self.entries]
        if self.weights is None:
            p = np.array([1.0 if float(k.max()) >= FLOOR else 0.0 for k in near])
        else:
            reader = topics.reader()
            belief = (
                dict(zip(reader.classes, map(float, reader.probabilities(asked)), strict=True))
                if reader and asked
                else {}
            )
            mine = content_words(asked)
            words = (
                [max(len(mine & w) for w in ws) for ws in self.words],
                [len(mine & w) for w in self.line_words],
            )
            subjects = [(t.value if (t := self.subject.get(e.say)) else None) for e in self.entries]
            unanswered = (
                float((self.unanswered @ question).max()) if self.unanswered is not None else 0.0
            )
            rows = answer_model.features(
                near, self.passages @ question, subjects, belief, self.lang, words, unanswered
            )
            p = logistic.chances(self.weights, rows)
            # The nearest key still ranks lines the reader cannot tell apart.
            p = p + 1e-6 * np.array([float(k.max()) for k in near])
        self._last = (tag, p)
        return p

    def _threshold(self) -> float:
        return self.weights.threshold if self.weights is not None else 0.5

    def answers(self, question: Any | None, entry: BankLine, asked: str = "") -> bool:
        """Whether the line answers the question (lines with no key answer anything)."""
        if question is None or entry.say not in self.keys:
            return True
        p = self.chances(question, asked)
        return bool(p[self.entries.index(entry)] >= self._threshold())

    def answering(
        self,
        question: Any | None,
        fits: Callable[[BankLine], bool],
        fresh: Callable[[str], bool],
        asked: str = "",
    ) -> tuple[list[BankLine], bool]:
        """The lines that answer the question, likeliest first, and whether any line in the
        bank (spoken or not, in the mood or not) does."""
        if question is None or not self.ready:
            return [], True
        p = self.chances(question, asked)
        order = [int(i) for i in np.argsort(-p) if p[i] >= self._threshold()]
        lines = [self.entries[i] for i in order]
        return [e for e in lines if fits(e) and fresh(e.say)], bool(lines)
