"""A learned ranker over the referee's features: weights trained on human-labelled turns.

Training lives in bench/train_referee.py; the weights ship in data/referee_weights.json.
Inference is a sparse dot product plus one dense one for the sentence vector.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from simulator.referee.embedding import DIM
from simulator.referee.features import Analysis
from simulator.referee.lexicon import COMMIT_Q

TOKEN_RE = re.compile(r"[a-z']+|[?!]")
# Bounded gaps keep these linear-time on very long turns; "you" is checked in the match.
WH_Q = re.compile(r"\b(?:what|which|how|why)\b[^?]{0,160}\?", re.IGNORECASE)
YOU_WORD = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
ABOUT_YOU_Q = re.compile(
    r"\b(?:do|are|is|would) you (?:need|want|prefer|like|have|think|feel|mind)\b", re.IGNORECASE
)
OFFER = re.compile(
    r"\b(?:i(?:'ll| will| can| could)? (?:give|take|offer|let you have)|you (?:can|could) "
    r"(?:have|take|get)|how about|what if|would you (?:accept|be ok|take))\b",
    re.IGNORECASE,
)
PATTERN_FEATURES = [
    "acknowledge",
    "feelings",
    "invite",
    "concession",
    "over_apology",
    "refusal",
    "reason",
    "alternative",
    "hedge",
    "hostility",
    "defensive",
    "pitch",
    "we",
    "winwin",
    "zero_sum",
    "price",
    "next_step",
    "clarify",
    "pause",
    "need",
]


def _count(pattern: re.Pattern[str], text: str) -> float:
    return float(len(pattern.findall(text)))


def vectorize(a: Analysis) -> dict[str, float]:
    """Named sparse features for one analysed turn: rule and move features, word tokens."""
    text = a.clean
    low = text.lower()
    words = TOKEN_RE.findall(low)
    n = max(1, len(words))
    f: dict[str, float] = {"bias_len": math.log1p(n)}
    for name in PATTERN_FEATURES:
        hits = len(a.matches.get(name, []))
        if hits:
            f[f"p:{name}"] = min(hits, 3.0)
    f["q:open"] = float(len(a.open_questions))
    f["q:closed"] = float(len(a.closed_questions))
    f["q:commit"] = _count(COMMIT_Q, text)
    wh_you = sum(1 for q in WH_Q.findall(text) if YOU_WORD.search(q))
    f["q:about_you"] = _count(ABOUT_YOU_Q, text) + wh_you
    f["offer"] = _count(OFFER, text)
    f["you_share"] = sum(w in ("you", "your", "you're", "yours") for w in words) / n
    f["i_share"] = sum(w in ("i", "me", "my", "i'm", "i'll", "i'd") for w in words) / n
    f["we_share"] = sum(w in ("we", "us", "our", "let's", "we're", "we'll") for w in words) / n
    f["neg_share"] = sum(w in ("not", "no", "never") or w.endswith("n't") for w in words) / n
    f["digits"] = min(3.0, float(len(re.findall(r"\d", text))))
    f["exclaim"] = min(2.0, float(text.count("!")))
    f["ctx:provoked"] = float(a.provoked)
    f["ctx:partner_feeling"] = float(a.partner_feeling)
    f["ctx:partner_q"] = float("?" in a.partner_text)
    f["ctx:first_turn"] = float(not a.partner_text)
    f["ctx:earlier_q"] = min(3.0, float(a.earlier_questions))
    f["reflect"] = min(4.0, float(len(a.reflected)))
    for name, spans in a.moves.found.items():
        f["m:" + name] = min(2.0, float(len(spans)))
    f["m:caves"] = float(a.moves.caves)
    f["m:trades"] = float(a.moves.trades)
    f["m:demand"] = float(a.moves.demand)
    f["m:concern"] = float(a.moves.concern)
    for w in set(words):
        f["w:" + w] = 1.0
    for pair in {f"{x}_{y}" for x, y in itertools.pairwise(words)}:
        f["b:" + pair] = 1.0
    return {k: v for k, v in f.items() if v}


def vector_features(vector: Sequence[float]) -> dict[str, float]:
    """A sentence vector as named features (training uses the same names)."""
    return {f"e:{j}": float(v) for j, v in enumerate(vector)}


class LearnedRanker:
    """Per-skill logistic scores from shipped weights."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.model = model
        self.blend: float = float(model.get("blend", 0.5))
        # Sentence-vector weights are kept dense, so their part is one numpy dot product.
        self.dense: dict[str, np.ndarray[Any, np.dtype[np.float32]]] = {}
        for skill, spec in model["skills"].items():
            dense = np.zeros(DIM, dtype=np.float32)
            for k, w in spec["weights"].items():
                if k.startswith("e:"):
                    dense[int(k[2:])] = w
            if dense.any():
                self.dense[skill] = dense
        self.uses_vectors = bool(self.dense)

    def probability(
        self, skill: str, feats: dict[str, float], vector: Sequence[float] | None = None
    ) -> float | None:
        """P(a human would label this turn as showing the skill), or None if no model."""
        spec = self.model["skills"].get(skill)
        if spec is None:
            return None
        weights: dict[str, float] = spec["weights"]
        z = spec["bias"] + sum(v * weights.get(k, 0.0) for k, v in feats.items())
        if vector is not None and skill in self.dense:
            z += float(np.dot(self.dense[skill], vector))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_ranker() -> LearnedRanker | None:
    """The shipped weights, or None if they are absent (rules alone then)."""
    source = resources.files("simulator") / "data" / "referee_weights.json"
    try:
        return LearnedRanker(json.loads(source.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
