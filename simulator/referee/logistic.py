"""Logistic weights shipped as JSON: the client's answer, fact and move readers.

A file holds the feature names, the probability at which a reader says yes, and named fits.
The answer and fact readers have two: `labelled` for a shipped persona (its labelled live
questions are inputs) and `unlabelled` for one a user wrote, which has none (trained with
them left out, so it does not wait for them); the move reader has one per move.
bench/train_answers.py, bench/train_facts.py and bench/train_hearing.py write them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import DataError

KINDS = ("labelled", "unlabelled")


@dataclass(frozen=True)
class Weights:
    """Logistic weights over a reader's features and the probability at which it says yes."""

    w: Any
    bias: float
    threshold: float


def chances(weights: Weights, rows: Any) -> Any:
    """Per row of features, the probability of yes."""
    return 1.0 / (1.0 + np.exp(-(rows @ weights.w + weights.bias)))


def load(name: str, names: tuple[str, ...], labelled: bool) -> Weights | None:
    """The fit in data/NAME for a persona with (or without) labelled questions, or None when
    the file is not shipped; a damaged file is a DataError naming it."""
    return load_fit(name, names, KINDS[0] if labelled else KINDS[1])


@lru_cache(maxsize=32)
def load_fit(name: str, names: tuple[str, ...], kind: str) -> Weights | None:
    """The fit called KIND in data/NAME, or None when the file is not shipped; a damaged
    file is a DataError naming it."""
    path = Path(str(resources.files("simulator") / "data" / name))
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fit = data[kind]
        if list(data["names"]) != list(names) or len(fit["weights"]) != len(names):
            raise ValueError("names")
        w = np.array(fit["weights"], dtype=float)
        return Weights(w, float(fit["bias"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path}: not weights for {len(names)} features ({exc})") from None
