"""Train the referee's learned ranker on the dev benchmark and report grouped CV agreement.

Usage: python bench/train_referee.py BENCH_DIR [--write] [--l2 X] [--min-df N]
Cross-validation folds are grouped by dialogue (group_id) so a dialogue never sits on
both sides. Word and bigram features are kept only if they occur in BOTH corpora (casino
and face_acts), so campsite or charity vocabulary cannot carry the score: the held-out
data is other dialogues and other corpora. --write saves simulator/data/referee_weights.json.
"""

from __future__ import annotations

import argparse
import json
import os
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from simulator.models import SKILLS
from simulator.referee import embedding
from simulator.referee.features import ContextTurn, analyse
from simulator.referee.learned import vector_features, vectorize
from simulator.referee.scorer import SPREAD, SkillReferee, combine, is_idle

OUT = Path(__file__).resolve().parent.parent / "simulator" / "data" / "referee_weights.json"
SPEAKERS = {"SELF": "self", "PARTNER": "partner"}
USE_EMBEDDINGS = os.environ.get("REFEREE_EMBEDDINGS", "1") == "1"


def auroc(pos: list[float], neg: list[float]) -> float:
    """Mann-Whitney AUROC with ties counted half."""
    if not pos or not neg:
        return float("nan")
    allv = np.array(pos + neg)
    order = allv.argsort(kind="mergesort")
    ranks = np.empty(len(allv))
    sorted_v = allv[order]
    i = 0
    while i < len(sorted_v):
        j = i
        while j < len(sorted_v) and sorted_v[j] == sorted_v[i]:
            j += 1
        ranks[order[i:j]] = (i + j + 1) / 2
        i = j
    rp = ranks[: len(pos)].sum()
    return float((rp - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def load(bench: Path) -> tuple[dict[str, dict], list[dict]]:
    items = {}
    for line in (bench / "items.jsonl").open():
        it = json.loads(line)
        items[it["item_id"]] = it
    return items, json.loads((bench / "tasks.json").read_text())


def featurise(items: dict[str, dict]) -> tuple[dict[str, dict[str, float]], dict[str, dict]]:
    feats, rules = {}, {}
    ref = SkillReferee(use_learned=False)
    ids = list(items)
    contexts = {
        i: [ContextTurn(SPEAKERS[t["speaker"]], t["text"]) for t in items[i]["context"]]
        for i in ids
    }
    analyses = {i: analyse(items[i]["text"], contexts[i]) for i in ids}
    vecs = embedding.embed([analyses[i].clean for i in ids]) if USE_EMBEDDINGS else []
    for n, iid in enumerate(ids):
        a = analyses[iid]
        feats[iid] = vectorize(a) | (vector_features(vecs[n]) if vecs else {})
        ev = ref.evaluate(items[iid]["text"], contexts[iid])
        idle = is_idle(a)
        rules[iid] = {k: (ev.skills[k].score, ev.skills[k].strength, idle) for k in SKILLS}
    return feats, rules


def vocabulary(
    items: dict[str, dict], feats: dict[str, dict[str, float]], min_df: int
) -> list[str]:
    per_ds: dict[str, Counter[str]] = {}
    for iid, f in feats.items():
        per_ds.setdefault(items[iid]["dataset"], Counter()).update(f.keys())
    names = set().union(*(set(c) for c in per_ds.values()))
    keep = []
    for name in sorted(names):
        if name.startswith(("w:", "b:")):
            if all(c[name] >= min_df for c in per_ds.values()):
                keep.append(name)
        else:
            keep.append(name)
    return keep


def rows_for(skill: str, tasks: list[dict], ids: set[str]) -> list[tuple[str, int, float]]:
    out = []
    skill_tasks = [t for t in tasks if t["dimension"] == skill]
    for t in skill_tasks:
        pos = [i for i in t["pos_ids"] if i in ids]
        neg = [i for i in t["neg_ids"] if i in ids]
        if not pos or not neg:
            continue
        # Each task weighs the same, and within it positives and negatives weigh the same.
        out += [(i, 1, 0.5 / len(pos)) for i in pos] + [(i, 0, 0.5 / len(neg)) for i in neg]
    return out


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, steps: int = 400) -> np.ndarray:
    """Weighted L2 logistic regression by full-batch gradient descent with Adam."""
    theta = np.zeros(X.shape[1] + 1)
    Xb = np.hstack([X, np.ones((X.shape[0], 1))])
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    w = w / w.sum()
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-np.clip(Xb @ theta, -30, 30)))
        grad = Xb.T @ (w * (p - y))
        grad[:-1] += l2 * theta[:-1]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        theta -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return theta


def matrix(ids: list[str], feats: dict[str, dict[str, float]], index: dict[str, int]) -> np.ndarray:
    X = np.zeros((len(ids), len(index)))
    for r, iid in enumerate(ids):
        for k, val in feats[iid].items():
            j = index.get(k)
            if j is not None:
                X[r, j] = val
    return X


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", type=Path)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    items, tasks = load(args.bench)
    feats, rules = featurise(items)
    vocab = vocabulary(items, feats, args.min_df)
    index = {k: i for i, k in enumerate(vocab)}
    print(f"{len(items)} items, {len(vocab)} features kept")
    fold_of = {iid: zlib.crc32(it["group_id"].encode()) % args.folds for iid, it in items.items()}
    oof: dict[str, dict[str, float]] = {iid: {} for iid in items}
    for fold in range(args.folds):
        train_ids = {i for i in items if fold_of[i] != fold}
        test_ids = [i for i in items if fold_of[i] == fold]
        Xt = matrix(test_ids, feats, index)
        for skill in SKILLS:
            rows = rows_for(skill, tasks, train_ids)
            X = matrix([r[0] for r in rows], feats, index)
            theta = fit(
                X, np.array([r[1] for r in rows], float), np.array([r[2] for r in rows]), args.l2
            )
            p = 1 / (1 + np.exp(-(Xt @ theta[:-1] + theta[-1])))
            for iid, val in zip(test_ids, p, strict=True):
                oof[iid][skill] = float(val)
    # The ranker alone (for reference), then the shipped spreads and two wider ones.
    grid = [{"hard": 1.5, "soft": 3.0}, {"hard": 2.0, "soft": 4.0}]
    for blend, spread in [(-1.0, {}), (0.0, SPREAD)] + [(0.0, g) for g in grid]:
        res = []
        for t in tasks:
            d = t["dimension"]

            def s(i: str, d: str = d, blend: float = blend, spread: dict = spread) -> float:
                rule, strength, idle = rules[i][d]
                if blend < 0:  # the ranker alone, for reference
                    return oof[i][d]
                v = rule if idle else combine(rule, oof[i][d], blend, strength, spread)
                return -1.0 if v is None else v

            res.append(
                (t["task"], auroc([s(i) for i in t["pos_ids"]], [s(i) for i in t["neg_ids"]]))
            )
        mean = sum(a for _, a in res) / len(res)
        print(
            f"blend {blend:.2f} spread {spread}: grouped-CV mean AUROC {mean:.3f}  "
            + " ".join(f"{a:.2f}" for _, a in res)
        )
    if args.write:
        model = {
            "version": 1,
            "blend": 0.0,
            "skills": {},
            "trained_on": "shared/benchmark/dev",
            "l2": args.l2,
            "min_df": args.min_df,
        }
        for skill in SKILLS:
            rows = rows_for(skill, tasks, set(items))
            X = matrix([r[0] for r in rows], feats, index)
            theta = fit(
                X, np.array([r[1] for r in rows], float), np.array([r[2] for r in rows]), args.l2
            )
            weights = {
                k: round(float(theta[i]), 4) for k, i in index.items() if abs(theta[i]) >= 1e-3
            }
            model["skills"][skill] = {"bias": round(float(theta[-1]), 4), "weights": weights}
        OUT.write_text(json.dumps(model, indent=0, sort_keys=True))
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
