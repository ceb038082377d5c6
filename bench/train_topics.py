"""Train the referee's question-topic reader (softmax over words, cue counts and the vector).

    python bench/train_topics.py            # train on bench/data, report dev and holdout
    python bench/train_topics.py --write    # ... and write simulator/data/topic_weights.json

Training data: bench/data/topic_questions_train*.jsonl (1,420 turns written for training, the
second batch leaning on indirect phrasings) and
the example questions in simulator/data/topics.yaml. tests/data/topic_questions_dev.jsonl
chooses the settings; tests/data/topic_questions_holdout.jsonl is only ever reported.
Each line: {"text": a whole trainee turn, "topic": a topic id or "none"}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from simulator.models import Topic
from simulator.referee import embedding, topics
from simulator.referee.features import analyse

ROOT = Path(__file__).resolve().parent.parent
CLASSES = (*(t.value for t in Topic), "none")
TRAIN = ("topic_questions_train.jsonl", "topic_questions_train2.jsonl")
MIN_COUNT = 2  # a word or pair seen fewer times in training is noise


def question_of(text: str) -> str:
    """The part of a turn the reader sees: its last question, as the referee splits it."""
    a = analyse(text, [])
    asked = [q.text for q in a.questions] or [
        s.text for s in a.sentences if topics.ASKING.search(s.text)
    ]
    return asked[-1] if asked else text


def read(path: Path) -> list[tuple[str, str]]:
    """(question, label) pairs from a labelled file."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [(question_of(r["text"]), r["topic"]) for r in rows]


def examples() -> list[tuple[str, str]]:
    """The example questions in topics.yaml, labelled with their topic."""
    return [(q, c.topic.value) for c in topics.cues() for q in c.examples]


def design(rows: list[tuple[str, str]], vocab: dict[str, int]) -> np.ndarray:
    """Rows of [sparse features in vocab order | sentence vector]."""
    X = np.zeros((len(rows), len(vocab) + embedding.DIM))
    for r, (text, _) in enumerate(rows):
        for name, value in topics.sparse_features(text).items():
            j = vocab.get(name)
            if j is not None:
                X[r, j] = value
        vector = embedding.embed_one(text)
        if vector is not None:
            X[r, len(vocab) :] = vector
    return X


def fit(X: np.ndarray, y: np.ndarray, l2: float, steps: int = 600) -> np.ndarray:
    """L2 softmax regression by full-batch gradient descent with Adam; the last row is bias."""
    Xb = np.hstack([X, np.ones((X.shape[0], 1))])
    W = np.zeros((Xb.shape[1], len(CLASSES)))
    Y = np.eye(len(CLASSES))[y]
    m, v = np.zeros_like(W), np.zeros_like(W)
    for t in range(1, steps + 1):
        Z = Xb @ W
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        grad = Xb.T @ (P - Y) / len(y)
        grad[:-1] += l2 * W[:-1]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        W -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return W


def evaluate(W: np.ndarray, vocab: dict[str, int], rows: list[tuple[str, str]], floor: float):
    """(accuracy, wrong topics, topics given to a no-topic turn)."""
    X = np.hstack([design(rows, vocab), np.ones((len(rows), 1))])
    Z = X @ W
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    right = wrong = false_topic = 0
    for p, (_, label) in zip(P, rows, strict=True):
        best = int(p.argmax())
        got = CLASSES[best] if p[best] >= floor else "none"
        if got == label:
            right += 1
        elif label == "none":
            false_topic += 1
        elif got != "none":
            wrong += 1
    return right / len(rows), wrong, false_topic


def main() -> int:
    """Train, report, and write the weights when asked."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=0.0001)
    ap.add_argument("--floor", type=float, default=topics.MIN_PROBABILITY)
    args = ap.parse_args()
    train = [row for f in TRAIN for row in read(ROOT / "bench" / "data" / f)] + examples()
    dev = read(ROOT / "tests" / "data" / "topic_questions_dev.jsonl")
    holdout = read(ROOT / "tests" / "data" / "topic_questions_holdout.jsonl")
    counts: dict[str, int] = {}
    for text, _ in train:
        for name in topics.sparse_features(text):
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT or n[:2] in ("s:", "k:"))
    vocab = {n: i for i, n in enumerate(names)}
    y = np.array([CLASSES.index(label) for _, label in train])
    W = fit(design(train, vocab), y, args.l2)
    for name, rows in (("train", train), ("dev", dev), ("holdout", holdout)):
        acc, wrong, false_topic = evaluate(W, vocab, rows, args.floor)
        print(
            f"{name:8} accuracy {acc:.3f}  wrong topic {wrong}  topic for a no-topic turn {false_topic}"
        )
    if args.write:
        out = {
            "classes": list(CLASSES),
            "sparse": {n: [round(float(x), 4) for x in W[i]] for n, i in vocab.items()},
            "dense": [
                [round(float(x), 4) for x in W[len(vocab) + d]] for d in range(embedding.DIM)
            ],
            "bias": [round(float(x), 4) for x in W[-1]],
        }
        # The reader multiplies dense as (classes x dim) @ vector.
        out["dense"] = [list(col) for col in zip(*out["dense"], strict=True)]
        path = ROOT / "simulator" / "data" / "topic_weights.json"
        path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
        print(f"wrote {path} ({path.stat().st_size // 1024} KB, {len(vocab)} sparse features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
