"""Sentence vectors for the learned ranker: wordllama's static embeddings, loaded offline.

wordllama ships its 256-dim weights inside the wheel; its default lookup path is wrong
and then tries a download, so it is pointed at the package folder with downloads off.
Loaded on first use only, so `callsim --help` never pays for it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DIM = 256


@lru_cache(maxsize=1)
def _model() -> Any | None:
    """The embedding model, or None when wordllama is not installed or cannot load."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    finally:
        # wordllama calls logging.basicConfig(INFO) on import, which would print every
        # HTTP request of the openai backend in the middle of a client's line.
        root.handlers[:], root.level = handlers, level
    try:
        return WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIM
        )
    except Exception:  # a damaged install: the ranker runs on its other features
        return None


def available() -> bool:
    """Whether sentence vectors can be computed here."""
    return _model() is not None


def embed(texts: list[str]) -> list[Any]:
    """Unit-length sentence vectors (numpy rows), one per text; empty when unavailable."""
    model = _model()
    if model is None:
        return []
    # An empty text has no tokens: wordllama returns NaN for it, which would poison a score.
    rows = model.embed([t if t.strip() else "." for t in texts], norm=True)
    return list(np.nan_to_num(rows))


def embed_one(text: str) -> Any | None:
    """One text's unit vector, the same as `embed` gives, without batching overhead."""
    model = _model()
    if model is None:
        return None
    ids = model.tokenizer.encode(text if text.strip() else ".", add_special_tokens=False).ids
    if not ids:
        return None
    rows = model.embedding[np.clip(ids, 0, model.embedding.shape[0] - 1)]
    vec = rows.mean(axis=0)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else None
