"""Train the referee's skill model on judged pairs and levelled turns; report honest CV.

Usage: python bench/train_skills.py [--write] [--l2 X] [--dev-weight W] [--no-cv]

Training data: the shared sales_dev pairs and every writer's pairs and levelled turns in
bench/data/referee_train/*/ (written blind to the code), plus the shared dev tasks as
weak pairs. Figures printed before training the shipped model:
- sales_dev, grouped 5-fold CV (folds by pair id), every other source in training;
- leave-one-writer-out: each writer's pairs scored by a model trained without them;
- dev, grouped 5-fold CV by dialogue: AUROC per task next to the keyword baseline.
Every figure scores through scorer.decide (at-stake gate, hard caps), as the product does.
--write saves simulator/data/skill_model.json.
To measure an older commit from a git worktree, set PYTHONPATH to that worktree: otherwise
`simulator` is imported from the checkout installed in the venv, not the commit measured.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from skill_data import (
    SHARED,
    TRAIN,
    Item,
    Levelled,
    Pair,
    VectorCache,
    feature_names,
    load_dev,
    load_levelled,
    load_pairs,
    matrix,
)

from simulator.models import SKILLS
from simulator.referee.language import reads_as
from simulator.referee.scorer import decide
from simulator.referee.skill_model import NEUTRAL, parse

OUT = Path(__file__).resolve().parent.parent / "simulator" / "data" / "skill_model.json"
THRESHOLD = [0.5]  # the at-stake gate's cut (--threshold)
DEV_PAIRS_PER_POS = 6


def newton_logistic(X: Any, y: Any, sw: Any, l2: float, bias: bool, iters: int = 40) -> Any:
    """L2 logistic regression (soft labels allowed) by Newton's method; last weight is bias."""
    if bias:
        X = np.hstack([X, np.ones((len(X), 1))])
    d = X.shape[1]
    reg = np.full(d, l2)
    if bias:
        reg[-1] = 1e-6
    w = np.zeros(d)
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        g = X.T @ (sw * (p - y)) + reg * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def skill_pairs(
    skill: str,
    pairs: list[Pair],
    levelled: list[Levelled],
    dev_pairs: list[tuple[str, str, str]],
    dev_weight: float,
    rng: random.Random,
) -> tuple[list[tuple[str, str]], list[float]]:
    """(better, worse) item ids for one skill, with weights: pairs, levelled, dev."""
    out = [(p.better, p.worse) for p in pairs if p.skill == skill]
    weights = [1.0] * len(out)
    by_source: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for t in levelled:
        level = t.levels[skill]
        if level is not None:
            by_source[t.source].append((t.item, level))
    for rows in by_source.values():
        candidates = [(a, b) for a in rows for b in rows if a[1] >= b[1] + 1]
        for a, b in rng.sample(candidates, min(len(candidates), 400)):
            out.append((a[0], b[0]))
            weights.append(0.5)
    for s, pos, neg in dev_pairs:
        if s == skill:
            out.append((pos, neg))
            weights.append(dev_weight)
    return out, weights


def dev_task_pairs(
    tasks: list[dict[str, Any]], items: dict[str, Item], keep: Any, rng: random.Random
) -> list[tuple[str, str, str]]:
    """Weak pairs from the dev tasks: a labelled-positive turn above a negative one."""
    out = []
    for task in tasks:
        pos = [f"dev/{i}" for i in task["pos_ids"] if keep(items[f"dev/{i}"])]
        neg = [f"dev/{i}" for i in task["neg_ids"] if keep(items[f"dev/{i}"])]
        if not pos or not neg:
            continue
        for p in pos:
            for n in rng.sample(neg, min(DEV_PAIRS_PER_POS, len(neg))):
                out.append((task["dimension"], p, n))
    return out


def fit(
    items: dict[str, Item],
    pairs: list[Pair],
    levelled: list[Levelled],
    dev_pairs: list[tuple[str, str, str]],
    l2: float,
    dev_weight: float,
    neutral: bool | None = None,
) -> dict[str, Any]:
    """The skill model the product loads: the full one for English turns with, under
    "neutral", the language-neutral one for the rest (skill_model.NEUTRAL: vectors and acts
    only). neutral=True or False fits just that one."""
    if neutral is None:
        model = fit(items, pairs, levelled, dev_pairs, l2, dev_weight, neutral=False)
        model["neutral"] = fit(items, pairs, levelled, dev_pairs, l2, dev_weight, neutral=True)
        return model
    rng = random.Random(13)
    used = {i for p in pairs for i in (p.better, p.worse)} | {t.item for t in levelled}
    used |= {i for _, a, b in dev_pairs for i in (a, b)}
    ids = sorted(used)
    names = feature_names([items[i] for i in ids])
    shift: dict[str, Any] = {}
    if neutral:
        names = [n for n in names if NEUTRAL.match(n)]
        shift = language_shift([items[i] for i in ids])
    X = matrix([items[i] for i in ids], names, shift)
    mu, sd = X.mean(axis=0), X.std(axis=0) + 1e-6
    Z = (X - mu) / sd
    row = {i: n for n, i in enumerate(ids)}
    model: dict[str, Any] = {"features": names, "skills": {}}
    if shift:
        model["shift"] = {k: v.round(6).tolist() for k, v in shift.items()}
    for skill in SKILLS:
        ordered, sw = skill_pairs(skill, pairs, levelled, dev_pairs, dev_weight, rng)
        D = np.array([Z[row[b]] - Z[row[w]] for b, w in ordered])
        # Each difference is seen both ways, so the scorer needs no bias and stays symmetric.
        w = newton_logistic(
            np.vstack([D, -D]),
            np.r_[np.ones(len(D)), np.zeros(len(D))],
            np.r_[sw, sw],
            l2,
            bias=False,
        )
        scale = calibrate(Z, row, levelled, skill, w)
        # The 0-4 scale means the same in each language: Indonesian turns sit lower on the
        # English-learned weights (their vectors differ more than by a mean), so the neutral
        # model's calibration for them comes from Indonesian levelled turns alone.
        scale_id = None
        if neutral:
            own = [t for t in levelled if reads_as(items[t.item].analysis.clean) == "id"]
            scale_id = calibrate(Z, row, own, skill, w)
        shown = sorted({pos for s, pos, _ in dev_pairs if s == skill})
        gate = fit_gate(Z, row, pairs, levelled, skill, l2, shown)
        model["skills"][skill] = {
            "weights": (w / sd).round(6).tolist(),
            "bias": round(float(-(w * mu / sd).sum()), 6),
            "scale": scale,
            **({"scale_id": scale_id} if scale_id else {}),
            "gate": (gate[:-1] / sd).round(6).tolist(),
            "gate_bias": round(float(gate[-1] - (gate[:-1] * mu / sd).sum()), 6),
            "threshold": THRESHOLD[0],
        }
    return model


def language_shift(items: list[Item]) -> dict[str, Any]:
    """Per language other than English: mean English turn vector minus its mean."""
    by_lang: dict[str, list[Any]] = defaultdict(list)
    for it in items:
        by_lang[reads_as(it.analysis.clean)].append(it.vector)
    english = np.mean(by_lang["en"], axis=0)
    return {k: english - np.mean(v, axis=0) for k, v in by_lang.items() if k != "en" and v}


def calibrate(
    Z: Any, row: dict[str, int], levelled: list[Levelled], skill: str, w: Any
) -> list[float]:
    """Score -> 0-4: fit level/4 = sigmoid(a * score + b) on the levelled turns."""
    judged = [(row[t.item], t.levels[skill]) for t in levelled if t.levels[skill] is not None]
    if len(judged) < 20:
        return [1.0, 0.0]
    s = np.array([Z[i] @ w for i, _ in judged])[:, None]
    y = np.array([lv / 4.0 for _, lv in judged])
    ab = newton_logistic(s, y, np.ones(len(y)), 1e-3, bias=True)
    return [round(float(ab[0]), 6), round(float(ab[1]), 6)]


def fit_gate(
    Z: Any,
    row: dict[str, int],
    pairs: list[Pair],
    levelled: list[Levelled],
    skill: str,
    l2: float,
    shown: list[str],
) -> Any:
    """P(the skill is at stake): levelled turns (null or not), the pairs' replies and the dev
    turns labelled as showing the skill (at stake: a skill shown is a skill in play)."""
    rows, labels = [row[i] for i in shown], [1.0] * len(shown)
    for t in levelled:
        rows.append(row[t.item])
        labels.append(float(t.levels[skill] is not None))
    for p in pairs:
        if p.skill == skill:
            rows += [row[p.better], row[p.worse]]
            labels += [1.0, 1.0]
    if not rows or len(set(labels)) < 2:
        w = np.zeros(Z.shape[1] + 1)
        w[-1] = 5.0  # no evidence of turns without it at stake: the rules decide alone
        return w
    return newton_logistic(Z[rows], np.array(labels), np.ones(len(rows)), l2 * 3, bias=True)


class Scorer:
    """A trained model applied through scorer.decide, as the product applies it."""

    def __init__(self, model: dict[str, Any], items: dict[str, Item]) -> None:
        self.model = parse(model, "the model in training")
        self.items = items

    def scores(self, ids: list[str]) -> dict[str, dict[str, float | None]]:
        """Shown 0-4 scores (or None) per item id and skill, each turn by the model for its
        language, as the product routes it."""
        out: dict[str, dict[str, float | None]] = {}
        for lang in ("en", "id"):
            model = self.model if lang == "en" else (self.model.neutral or self.model)
            mine = [i for i in ids if reads_as(self.items[i].analysis.clean) == lang]
            if not mine:
                continue
            rows = matrix([self.items[i] for i in mine], model.names, model.shift)
            level, gated = model.judge_rows(rows, lang)
            for n, i in enumerate(mine):
                it = self.items[i]
                out[i] = {
                    skill: decide(
                        skill,
                        it.ruled[skill],
                        level[n, j],
                        gated[n, j],
                        it.analysis,
                        it.acts,
                    ).score
                    for j, skill in enumerate(SKILLS)
                }
        return out


def pairwise(scored: dict[str, dict[str, float | None]], pairs: list[Pair]) -> dict[str, float]:
    """Pairwise accuracy per skill (n/a lowest, a tie half) and overall ('all')."""
    hits: dict[str, list[float]] = defaultdict(list)
    for p in pairs:
        b = scored[p.better][p.skill]
        w = scored[p.worse][p.skill]
        b, w = (-1.0 if b is None else b), (-1.0 if w is None else w)
        r = 1.0 if b > w else 0.5 if b == w else 0.0
        hits[p.skill].append(r)
        hits["all"].append(r)
    return {k: float(np.mean(v)) for k, v in hits.items()}


def auroc(pos: list[float], neg: list[float]) -> float:
    """Probability a positive outscores a negative (ties half)."""
    if not pos or not neg:
        return float("nan")
    p, n = np.array(pos)[:, None], np.array(neg)[None, :]
    return float((p > n).mean() + 0.5 * (p == n).mean())


def fold_of(key: str, k: int = 5) -> int:
    """A stable fold for a group id."""
    return zlib.crc32(key.encode()) % k


def show(title: str, acc: dict[str, float]) -> None:
    """One line of pairwise figures."""
    cells = "  ".join(f"{k} {acc[k]:.3f}" for k in (*SKILLS, "all") if k in acc)
    print(f"{title:34s} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--l2", type=float, default=100.0)
    parser.add_argument("--dev-weight", type=float, default=0.5)
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--no-dev", action="store_true", help="leave the dev tasks out")
    parser.add_argument(
        "--cv", default="sales,writers,dev", help="which figures: sales, writers, dev (comma list)"
    )
    parser.add_argument("--threshold", type=float, default=THRESHOLD[0])
    # writer_e (levelled turns with nothing at stake, caves in plain words) is set aside:
    # in training, its low levels pull every boundary level down with the giveaways (a held
    # limit fell from 3.0 to 2.6) and cost a point of pairwise accuracy; as the gate's data
    # alone it gained nothing on the planted calls, nor did a gate reading the context only
    # (round 16, docs/EVALUATOR.md).
    parser.add_argument(
        "--without", default="writer_e", help="writer folders to leave out (comma list)"
    )
    parser.add_argument("--misses", help="append the writers' CV misses to this file")
    args = parser.parse_args()
    THRESHOLD[0] = args.threshold
    cache = VectorCache()
    cache.install()
    items: dict[str, Item] = {}
    pairs = load_pairs(SHARED / "sales_dev" / "pairs.jsonl", "sales_dev", items)
    levelled: list[Levelled] = []
    left_out = set(filter(None, args.without.split(",")))
    for folder in sorted(p for p in TRAIN.iterdir() if p.is_dir() and p.name not in left_out):
        if (folder / "pairs.jsonl").exists():
            pairs += load_pairs(folder / "pairs.jsonl", folder.name, items)
        if (folder / "levelled.jsonl").exists():
            levelled += load_levelled(folder / "levelled.jsonl", folder.name, items)
    tasks = [] if args.no_dev else load_dev(items)
    cache.save()
    rng = random.Random(7)
    sources = sorted({p.source for p in pairs})
    print(
        f"pairs {len(pairs)} from {', '.join(sources)}; levelled {len(levelled)}; dev tasks {len(tasks)}"
    )
    all_dev = dev_task_pairs(tasks, items, lambda it: True, rng)
    if not args.no_cv:
        cross_validate(items, pairs, levelled, tasks, all_dev, args, rng, sources)
    if args.write:
        model = fit(items, pairs, levelled, all_dev, args.l2, args.dev_weight)
        model["trained_on"] = {
            "pairs": len(pairs),
            "levelled": len(levelled),
            "sources": sources + (["dev"] if tasks else []),
        }
        OUT.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


def cross_validate(
    items: dict[str, Item],
    pairs: list[Pair],
    levelled: list[Levelled],
    tasks: list[dict[str, Any]],
    all_dev: list[tuple[str, str, str]],
    args: argparse.Namespace,
    rng: random.Random,
    sources: list[str],
) -> None:
    """Grouped CV on sales_dev, leave-one-writer-out, and grouped CV on dev."""
    parts = set(args.cv.split(","))
    sales = [p for p in pairs if p.source == "sales_dev"]
    other = [p for p in pairs if p.source != "sales_dev"]
    scored: dict[str, dict[str, float | None]] = {}
    for k in range(5 if "sales" in parts else 0):
        test = [p for p in sales if fold_of(p.id) == k]
        train = other + [p for p in sales if fold_of(p.id) != k]
        model = fit(items, train, levelled, all_dev, args.l2, args.dev_weight)
        scored.update(Scorer(model, items).scores([i for p in test for i in (p.better, p.worse)]))
    if scored:
        show("sales_dev grouped CV", pairwise(scored, sales))
    for source in sources:
        if source == "sales_dev" or "writers" not in parts:
            continue
        held = [p for p in pairs if p.source == source]
        model = fit(
            items,
            [p for p in pairs if p.source != source],
            [t for t in levelled if t.source != source],
            all_dev,
            args.l2,
            args.dev_weight,
        )
        got = Scorer(model, items).scores([i for p in held for i in (p.better, p.worse)])
        show(f"{source} (trained without it)", pairwise(got, held))
        if args.misses:
            with open(args.misses, "a", encoding="utf-8") as out:
                for p in held:
                    b, w = got[p.better][p.skill], got[p.worse][p.skill]
                    if (-1 if b is None else b) <= (-1 if w is None else w):
                        ctx = p.meta.get("context") or [{"text": ""}]
                        out.write(
                            f"{source} {p.id} {p.skill} b={b} w={w} [{p.meta.get('register')}]\n"
                            f"  client: {ctx[-1]['text']}\n  better: {p.meta['better']}\n"
                            f"  worse:  {p.meta['worse']}\n"
                        )
    if not tasks or "dev" not in parts:
        return
    dev_scores: dict[str, dict[str, float | None]] = {}
    for k in range(5):
        train_dev = dev_task_pairs(tasks, items, lambda it, k=k: fold_of(it.group) != k, rng)
        model = fit(items, pairs, levelled, train_dev, args.l2, args.dev_weight)
        ids = [i for i, it in items.items() if it.source == "dev" and fold_of(it.group) == k]
        dev_scores.update(Scorer(model, items).scores(ids))
    total = []
    for task in tasks:
        skill = task["dimension"]

        def val(i: str, skill: str = skill) -> float:
            v = dev_scores[f"dev/{i}"][skill]
            return -1.0 if v is None else v

        a = auroc([val(i) for i in task["pos_ids"]], [val(i) for i in task["neg_ids"]])
        total.append(a)
        print(f"  dev {task['task']:40s} AUROC {a:.3f}")
    print(f"dev grouped CV mean AUROC {np.mean(total):.3f}")


if __name__ == "__main__":
    main()
