"""Train the referee's question-topic reader (softmax over words, cue counts and the vector).

    python bench/train_topics.py            # train on bench/data, report dev and holdout
    python bench/train_topics.py --write    # ... and write simulator/data/topic_weights.json

Training data: bench/data/topic_questions_train*.jsonl (2,545 questions helpers wrote for
training in five batches: the second leaning on indirect phrasings, the third and fourth on
the users/team/support/setup topics, the fifth on off-topic questions) and the example
questions in simulator/data/topics.yaml. tests/data/topic_questions_dev.jsonl
chooses the settings; tests/data/topic_questions_holdout.jsonl is only ever reported.
Each line: {"text": a whole trainee turn, "topic": a topic id, "none" (a check-in, a
pleasantry) or "other" (a real question on no topic a client has an answer ready for)}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import softmax_fit

from simulator.referee import topics
from simulator.referee.features import analyse
from simulator.vocabulary import Topic

ROOT = Path(__file__).resolve().parent.parent
CLASSES = (*(t.value for t in Topic), *topics.NO_TOPIC)
TRAIN = tuple(f"topic_questions_train{n}.jsonl" for n in ("", 2, 3, 4, 5, "_id", "_id2"))


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


def evaluate(
    W: np.ndarray, vocab: dict[str, int], rows: list[tuple[str, str]], floor: float, encoder: str
):
    """(accuracy, wrong topics, topics given to a no-topic turn, "none" and "other" mixed up,
    topic questions read as "other": the client would say it cannot place them)."""
    P = softmax_fit.probabilities(
        W, softmax_fit.design(rows, vocab, topics.sparse_features, encoder)
    )
    right = wrong = false_topic = mixed = unplaced = 0
    for p, (_, label) in zip(P, rows, strict=True):
        best = int(p.argmax())
        got = CLASSES[best] if p[best] >= floor or CLASSES[best] in topics.NO_TOPIC else "none"
        if got == label:
            right += 1
        elif label in topics.NO_TOPIC and got in topics.NO_TOPIC:
            mixed += 1
        elif label in topics.NO_TOPIC:
            false_topic += 1
        elif got not in topics.NO_TOPIC:
            wrong += 1
        elif got == "other":
            unplaced += 1
    return right / len(rows), wrong, false_topic, mixed, unplaced


def main() -> int:
    """Train, report, and write the weights when asked."""
    args = softmax_fit.arguments(l2=0.00001, floor=topics.MIN_PROBABILITY)
    train = [row for f in TRAIN for row in read(ROOT / "bench" / "data" / f)] + examples()
    dev = read(ROOT / "tests" / "data" / "topic_questions_dev.jsonl")
    holdout = read(ROOT / "tests" / "data" / "topic_questions_holdout.jsonl")
    # Indonesian questions another helper wrote after the training ones; only ever reported.
    holdout_id = read(ROOT / "bench" / "data" / "firstlook" / "acts_id_holdout" / "topics.jsonl")
    W, vocab = softmax_fit.train(
        train, topics.sparse_features, CLASSES, ("s:", "k:"), args.l2, args.encoder
    )
    for name, rows in (("train", train), ("dev", dev), ("holdout", holdout), ("id", holdout_id)):
        acc, wrong, false_topic, mixed, unplaced = evaluate(
            W, vocab, rows, args.floor, args.encoder
        )
        print(
            f"{name:8} accuracy {acc:.3f}  wrong topic {wrong}  topic for a no-topic turn "
            f"{false_topic}  none/other mixed up {mixed}  topic read as other {unplaced}"
        )
    if args.write:
        softmax_fit.write(
            ROOT / "simulator" / "data" / "topic_weights.json", W, vocab, CLASSES, args.encoder
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
