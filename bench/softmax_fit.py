"""Fitting, scoring and writing a softmax reader (simulator/referee/softmax.py).

Shared by bench/train_topics.py and bench/train_acts.py: L2 softmax regression over a
text's sparse features (kept when seen at least MIN_COUNT times, or always for names the
caller marks) and its sentence vector, by full-batch gradient descent with Adam.
"""

from __future__ import annotations

import argparse
import atexit
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from skill_data import VectorCache

from simulator.referee.softmax import ENCODERS

Rows = list[tuple[str, str]]
MIN_COUNT = 2  # a word or pair seen fewer times in training is noise


def vocabulary(
    rows: Rows, features: Callable[[str], dict[str, float]], keep: tuple[str, ...] = ()
) -> dict[str, int]:
    """Feature names seen often enough in training, in a fixed order."""
    counts: dict[str, int] = {}
    for text, _ in rows:
        for name in features(text):
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT or n.startswith(keep))
    return {n: i for i, n in enumerate(names)}


def design(
    rows: Rows,
    vocab: dict[str, int],
    features: Callable[[str], dict[str, float]],
    encoder: str = "e5",
) -> np.ndarray:
    """Rows of [sparse features in vocab order | sentence vector | 1 for the bias]."""
    dim, vectorize = ENCODERS[encoder]
    X = np.zeros((len(rows), len(vocab) + dim + 1))
    for r, (text, _) in enumerate(rows):
        for name, value in features(text).items():
            j = vocab.get(name)
            if j is not None:
                X[r, j] = value
        vector = vectorize(text)
        if vector is not None:
            X[r, len(vocab) : len(vocab) + dim] = vector
    X[:, -1] = 1.0
    return X


def fit(X: np.ndarray, y: np.ndarray, classes: int, l2: float, steps: int = 600) -> np.ndarray:
    """Weights (features + bias) x classes; the bias row is not penalised."""
    W = np.zeros((X.shape[1], classes))
    Y = np.eye(classes)[y]
    m, v = np.zeros_like(W), np.zeros_like(W)
    for t in range(1, steps + 1):
        Z = X @ W
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        grad = X.T @ (P - Y) / len(y)
        grad[:-1] += l2 * W[:-1]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        W -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return W


def probabilities(W: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Per row, the class probabilities."""
    Z = X @ W
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def write(
    path: Path, W: np.ndarray, vocab: dict[str, int], classes: tuple[str, ...], encoder: str
) -> None:
    """Save the weights in the layout softmax.load reads (dense as classes x dim)."""
    n = len(vocab)
    dim = ENCODERS[encoder][0]
    out = {
        "classes": list(classes),
        "encoder": encoder,
        "sparse": {name: [round(float(x), 4) for x in W[i]] for name, i in vocab.items()},
        "dense": [[round(float(x), 4) for x in W[n : n + dim, c]] for c in range(len(classes))],
        "bias": [round(float(x), 4) for x in W[-1]],
    }
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size // 1024} KB, {n} sparse features)")


def arguments(l2: float, floor: float, live: bool = False) -> argparse.Namespace:
    """A trainer's command line: --write, --l2 and --floor with the shipped defaults (and,
    for a reader that trains on labelled live turns, which rounds to hold out)."""
    ap = argparse.ArgumentParser()
    if live:
        ap.add_argument("--live-holdout", default="r21", help="live rounds only reported")
        ap.add_argument("--no-live", action="store_true", help="train without live turns")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=l2)
    ap.add_argument("--floor", type=float, default=floor)
    ap.add_argument("--encoder", choices=sorted(ENCODERS), default="e5")
    args = ap.parse_args()
    if args.encoder == "e5":
        # e5 costs milliseconds a text: vectors are kept on disk between runs.
        cache = VectorCache()
        cache.install()
        atexit.register(cache.save)
    return args


def train(
    rows: Rows,
    features: Callable[[str], dict[str, float]],
    classes: tuple[str, ...],
    keep: tuple[str, ...],
    l2: float,
    encoder: str = "e5",
) -> tuple[np.ndarray, dict[str, int]]:
    """Weights and vocabulary fitted on labelled rows."""
    vocab = vocabulary(rows, features, keep)
    y = np.array([classes.index(label) for _, label in rows])
    return fit(design(rows, vocab, features, encoder), y, len(classes), l2), vocab
