"""A trained softmax reader: sparse text features plus the sentence vector, weights from JSON.

The referee reads two things this way: what a question asks about (topics.py) and what a
whole turn does (acts.py). Each trains its weights with bench/softmax_fit.py.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import DataError
from simulator.referee import embedding, encoder

TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")

Features = Callable[[str], dict[str, float]]
Vectorize = Callable[[str], Any | None]
# The sentence encoders a reader can be trained on: name -> (dimension, unit vector of a text).
# e5 (referee/encoder.py) is the product's encoder; wordllama weights still load.
ENCODERS: dict[str, tuple[int, Vectorize]] = {
    "e5": (encoder.DIM, encoder.query),
    "wordllama": (embedding.DIM, embedding.embed_one),
}


def word_features(text: str) -> dict[str, float]:
    """Words and word pairs of a text (numbers as one token)."""
    words = ["0" if w.isdigit() else w for w in TOKEN.findall(text.lower())]
    out = {f"w:{w}": 1.0 for w in words}
    out.update({f"b:{a}_{b}": 1.0 for a, b in itertools.pairwise(words)})
    return out


@dataclass(frozen=True)
class Reader:
    """Softmax weights over a text's sparse features and its sentence vector."""

    classes: tuple[str, ...]
    sparse: dict[str, Any]
    dense: Any
    bias: Any
    features: Features
    encoder: str = "wordllama"

    def vector(self, text: str) -> Any | None:
        """The text's sentence vector from the encoder these weights were trained on."""
        return ENCODERS[self.encoder][1](text)

    def probabilities(self, text: str, vector: Any | None = None) -> Any:
        """Per class, the probability the text belongs to it (its vector, when already
        encoded, is not computed again)."""
        z = self.bias.copy()
        for name, value in self.features(text).items():
            row = self.sparse.get(name)
            if row is not None:
                z += value * row
        if vector is None:
            vector = self.vector(text)
        if vector is not None:
            z += self.dense @ vector
        z = np.exp(z - z.max())
        return z / z.sum()

    def best(self, text: str) -> tuple[str, float]:
        """The likeliest class and its probability."""
        p = self.probabilities(text)
        i = int(p.argmax())
        return self.classes[i], float(p[i])


def load(path: Path, features: Features, known: Iterable[str], trainer: str) -> Reader | None:
    """The reader in a weights file, or None when the file is not shipped."""
    if not path.exists():
        return None
    allowed = set(known)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = tuple(str(c) for c in data["classes"])
        name = str(data.get("encoder", "wordllama"))
        if name not in ENCODERS:
            raise ValueError(f"unknown encoder {name!r}")
        if unknown := [c for c in classes if c not in allowed]:
            raise ValueError(f"unknown class {unknown[0]!r}")
        learned = Reader(
            classes,
            {k: np.asarray(v, dtype=float) for k, v in data["sparse"].items()},
            np.asarray(data["dense"], dtype=float),
            np.asarray(data["bias"], dtype=float),
            features,
            name,
        )
        if len(set(classes)) != len(classes):
            raise ValueError("a class named twice")
        shape = (len(classes),)
        if learned.bias.shape != shape or learned.dense.shape != (len(classes), ENCODERS[name][0]):
            raise ValueError("weights do not match the classes")
        for name, row in learned.sparse.items():
            if row.shape != shape:
                raise ValueError(
                    f"feature {name!r} has {row.size} weights for {len(classes)} classes"
                )
        parts = [learned.bias, learned.dense, *learned.sparse.values()]
        if not all(np.isfinite(x).all() for x in parts):
            raise ValueError("a weight is not a finite number")
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(
            f"{path}: not a reader's weights ({exc}); rerun {trainer} --write"
        ) from None
    return learned
