"""Check the referee against both dev sets in one go: sales pairs and human-labelled turns.

Usage: python bench/referee_check.py [--shared DIR] [--misses SKILL|all] [--no-learned]
Prints sales_dev pairwise accuracy per skill (the better reply must score higher on the
pair's skill; n/a lowest, a tie half), the cave check on boundary pairs, and the dev
benchmark's in-sample AUROC per task (grouped CV lives in bench/train_skills.py).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from simulator.models import SKILLS
from simulator.referee.features import ContextTurn
from simulator.referee.scorer import SkillReferee

SPEAKERS = {"SELF": "self", "PARTNER": "partner"}
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmark"


def context_of(raw: list[dict[str, str]]) -> list[ContextTurn]:
    """Benchmark context turns as the referee's context."""
    return [ContextTurn(SPEAKERS[t["speaker"]], t["text"]) for t in raw]


def score(ref: SkillReferee, text: str, raw: list[dict[str, str]]) -> dict[str, float]:
    """Per-skill scores with n/a as -1 (ranked lowest)."""
    ev = ref.evaluate(text, context_of(raw))
    return {k: -1.0 if ev.skills[k].score is None else ev.skills[k].score for k in SKILLS}


def pairwise(ref: SkillReferee, pairs_path: Path, show: str | None) -> dict[str, float]:
    """Pairwise accuracy per skill and overall; prints misses for `show`."""
    acc: dict[str, list[float]] = defaultdict(list)
    for line in pairs_path.open(encoding="utf-8"):
        p = json.loads(line)
        k = p["skill"]
        b = score(ref, p["better"], p["context"])[k]
        w = score(ref, p["worse"], p["context"])[k]
        r = 1.0 if b > w else 0.5 if b == w else 0.0
        acc[k].append(r)
        if r < 1 and show in (k, "all"):
            print(f"MISS {p['pair_id']} {k} better={b:.2f} worse={w:.2f}")
            print(f"   C: {p['context'][-1]['text']}")
            print(f"   +: {p['better']}")
            print(f"   -: {p['worse']}")
    out = {k: sum(v) / len(v) for k, v in sorted(acc.items())}
    out["overall"] = sum(sum(v) for v in acc.values()) / sum(len(v) for v in acc.values())
    return out


def auroc(pos: list[float], neg: list[float]) -> float:
    """Probability a positive outranks a negative, ties half."""
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def dev_auroc(ref: SkillReferee, bench: Path) -> dict[str, float]:
    """In-sample AUROC per task of the dev benchmark."""
    items: dict[str, Any] = {}
    for line in (bench / "items.jsonl").open(encoding="utf-8"):
        it = json.loads(line)
        items[it["item_id"]] = it
    cache: dict[str, dict[str, float]] = {}
    out = {}
    for task in json.loads((bench / "tasks.json").read_text()):
        d = task["dimension"]
        ids = task["pos_ids"] + task["neg_ids"]
        for i in ids:
            if i not in cache:
                cache[i] = score(ref, items[i]["text"], items[i]["context"])
        out[task["task"]] = auroc(
            [cache[i][d] for i in task["pos_ids"]], [cache[i][d] for i in task["neg_ids"]]
        )
    out["mean"] = sum(out.values()) / len(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--misses", default=None)
    ap.add_argument("--no-learned", action="store_true")
    ap.add_argument("--no-dev", action="store_true")
    args = ap.parse_args()
    ref = SkillReferee(use_learned=not args.no_learned)
    res = pairwise(ref, args.shared / "sales_dev" / "pairs.jsonl", args.misses)
    print("sales_dev pairwise: " + "  ".join(f"{k} {v:.3f}" for k, v in res.items()))
    if not args.no_dev:
        dev = dev_auroc(ref, args.shared / "dev")
        print("dev AUROC (in-sample): " + "  ".join(f"{k[:14]} {v:.3f}" for k, v in dev.items()))


if __name__ == "__main__":
    main()
