"""Shipped e5 vectors of the personas' answer keys, lines and labelled questions.

data/bank_vectors.npz (bench/bank_vectors.py writes it) holds them by a hash of their text,
so a call starts without encoding hundreds of texts; one not in it (a persona the user
wrote, say) is encoded when first needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from simulator.referee import encoder

STORE = "bank_vectors.npz"
# The store keeps a line's own vector under this prefix: e5 reads it as an answer.
PASSAGE = "passage: "


def key_id(text: str) -> str:
    """The store's name for a text: a hash of it."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _store() -> dict[str, Any]:
    """Shipped vectors by key id (empty when the file is missing or unreadable)."""
    path = Path(str(resources.files("simulator") / "data" / STORE))
    try:
        with np.load(path) as data:
            ids, rows = data["ids"], data["vectors"]
    except (OSError, KeyError, ValueError):
        return {}
    if rows.ndim != 2 or rows.shape[1] != encoder.DIM or len(ids) != len(rows):
        return {}
    return {str(i): row.astype(np.float32) for i, row in zip(ids, rows, strict=True)}


def vectors(texts: Sequence[str], passages: bool = False) -> list[Any] | None:
    """Unit vectors of questions (or of lines, as answers), shipped ones from the store;
    None without the encoder."""
    store = _store()
    prefix = PASSAGE if passages else ""
    missing = [t for t in dict.fromkeys(texts) if key_id(prefix + t) not in store]
    if missing and not encoder.available():
        return None
    encode = encoder.passages if passages else encoder.queries
    found = dict(zip(missing, encode(missing), strict=True)) if missing else {}
    return [store.get(key_id(prefix + t), found.get(t)) for t in texts]
