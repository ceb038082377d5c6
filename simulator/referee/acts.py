"""What a whole trainee turn does, as a client hears it (data/act_weights.json).

The move rules (moves.py, move_lexicon.py) score skills from what they can name; the
turns a client must interpret ("I've set aside half an hour, does that still suit you?",
"So if I've got it right, ... Is that roughly it?", "a first version usually lands
between fifteen and twenty-five thousand") were read wrong by growing regex lists. A
trained reader (bench/train_acts.py, on turns helpers wrote and labelled) names the act;
the client's hearing (engine/listening.py) trusts it when it is sure.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from simulator.referee import softmax

ACTS = (
    "question",
    "check",
    "small_talk",
    "logistics",
    "repeat",
    "farewell",
    "ack",
    "empathy",
    "pitch",
    "price",
    "concession",
    "push",
    "limit",
    "trade",
    "next_step",
    "argue",
    "hostile",
)
# The reader's act stands only this sure (bench/train_acts.py reports the dev figures).
MIN_PROBABILITY = 0.5

_FIGURE = re.compile(
    r"[$£€]\s?\d|\b\d[\d,.]*\s?%|\b\d[\d,.]*\s?(?:k|percent|grand|thousand|hundred|an? (?:hour|day|"
    r"month))\b|\b(?:thousand|hundred|grand|percent)\b",
    re.IGNORECASE,
)
_OPENS_ASKING = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:what|how|who|why|when|where|which|is|are|do|does|did|have|has|"
    r"could|can|would|will|should|any)\b",
    re.IGNORECASE,
)


def features(text: str) -> dict[str, float]:
    """Words, word pairs and the shape of a turn: its questions, figures, length, opening."""
    out = softmax.word_features(text)
    words = softmax.TOKEN.findall(text.lower())
    out["shape:asks"] = float(text.count("?") > 0)
    out["shape:ends_asking"] = float(text.rstrip().endswith("?"))
    out["shape:opens_asking"] = float(bool(_OPENS_ASKING.search(text)))
    out["shape:figure"] = float(bool(_FIGURE.search(text)))
    out[f"shape:len{min(len(words) // 6, 5)}"] = 1.0
    if words:
        out[f"first:{words[0]}"] = 1.0
    return out


@lru_cache(maxsize=1)
def reader() -> softmax.Reader | None:
    """The trained reader, or None when its weights are not shipped."""
    path = Path(str(resources.files("simulator") / "data" / "act_weights.json"))
    return softmax.load(path, features, ACTS, "bench/train_acts.py")


@lru_cache(maxsize=256)
def reading(text: str) -> tuple[str | None, float]:
    """The act of a turn (None when the reader is not sure enough or not shipped) and how
    sure it is; cached per turn text."""
    learned = reader()
    if learned is None or not text.strip():
        return None, 0.0
    return from_probabilities(learned.probabilities(text))


def from_probabilities(p: Any | None) -> tuple[str | None, float]:
    """The act a reading's probabilities name (None when not sure enough) and how sure."""
    if p is None:
        return None, 0.0
    i = int(p.argmax())
    sure = float(p[i])
    return (ACTS[i] if sure >= MIN_PROBABILITY else None), sure
