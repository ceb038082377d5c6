"""Train the reader of what a trainee turn does (simulator/referee/acts.py).

    python bench/train_acts.py            # train on bench/data, report dev and holdout
    python bench/train_acts.py --write    # ... and write simulator/data/act_weights.json

Training data: bench/data/turn_acts_train*.jsonl (turns helpers wrote and labelled in four
batches, none seeing another's; the last two target the misreadings of blind rating rounds 9
and 10 by kind, not by sentence). tests/data/turn_acts_dev.jsonl chooses the settings (L2,
the floor below which the rules decide alone); tests/data/turn_acts_holdout.jsonl, written
by a third helper after dev, is only ever reported. Each line: {"text": a whole trainee
turn, "act": one of acts.ACTS}. Live trainee turns labelled by helpers
(bench/data/selection/acts_live_*.jsonl, see bench/hearing_check.py) train it too, but for
the rounds named by --live-holdout (default r21), which are only reported.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import softmax_fit

from simulator.referee import acts

ROOT = Path(__file__).resolve().parent.parent


def read(path: Path) -> list[tuple[str, str]]:
    """(turn, act) pairs from a labelled file."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [(r["text"], r["act"]) for r in rows]


def report(name: str, P: np.ndarray, rows: list[tuple[str, str]], floor: float) -> None:
    """Accuracy overall, and of the turns the reader is sure of (the ones it decides)."""
    best = P.argmax(axis=1)
    sure = P.max(axis=1) >= floor
    right = np.array([acts.ACTS[b] == label for b, (_, label) in zip(best, rows, strict=True)])
    covered = max(1, int(sure.sum()))
    print(
        f"{name:8} accuracy {right.mean():.3f}  sure of {sure.mean():.2f} of turns, "
        f"right on {right[sure].sum() / covered:.3f} of those"
    )
    if name != "train":
        wrong = Counter(
            f"{label}->{acts.ACTS[b]}"
            for b, s, (_, label) in zip(best, sure, rows, strict=True)
            if s and acts.ACTS[b] != label
        )
        print("   sure and wrong:", dict(wrong.most_common(12)))


def live(held: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Labelled live turns: (those trained on, those of the held-out rounds)."""
    train, held_out = [], []
    for path in sorted((ROOT / "bench" / "data" / "selection").glob("acts_live_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            (held_out if held and f"_{held}" in r["round"] else train).append((r["turn"], r["act"]))
    return train, held_out


def main() -> int:
    """Train, report, and write the weights when asked."""
    args = softmax_fit.arguments(l2=0.00003, floor=acts.MIN_PROBABILITY, live=True)
    train = [
        r for f in sorted((ROOT / "bench" / "data").glob("turn_acts_train*.jsonl")) for r in read(f)
    ]
    live_train, live_held = live(args.live_holdout)
    if not args.no_live:
        train += live_train
    dev = read(ROOT / "tests" / "data" / "turn_acts_dev.jsonl")
    holdout = read(ROOT / "tests" / "data" / "turn_acts_holdout.jsonl")
    # Indonesian turns another helper wrote after the training ones; only ever reported.
    holdout_id = read(ROOT / "bench" / "data" / "firstlook" / "acts_id_holdout" / "acts.jsonl")
    W, vocab = softmax_fit.train(
        train, acts.features, acts.ACTS, ("shape:",), args.l2, args.encoder
    )
    sets = [("train", train), ("dev", dev), ("holdout", holdout), ("id", holdout_id)]
    for name, rows in [*sets, ("live", live_held)] if live_held else sets:
        P = softmax_fit.probabilities(
            W, softmax_fit.design(rows, vocab, acts.features, args.encoder)
        )
        report(name, P, rows, args.floor)
    if args.write:
        softmax_fit.write(
            ROOT / "simulator" / "data" / "act_weights.json", W, vocab, acts.ACTS, args.encoder
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
