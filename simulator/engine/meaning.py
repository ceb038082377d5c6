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
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from simulator.models import BankLine
from simulator.referee import encoder

# Cosine of the trainee's question with a line's nearest key at which the line answers it.
# Set on phrasings held out of the keys (bench/bank_vectors.py --check): 0.88 keeps 90% of
# them and 26% of off-topic questions ("Do you keep bees?").
FLOOR = 0.88
STORE = "bank_vectors.npz"


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

    def __init__(self, entries: Iterable[BankLine]) -> None:
        self.entries = [e for e in entries if keys_of(e)]
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
