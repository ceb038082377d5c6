"""Pairwise accuracy of the shipped referee on a pairs.jsonl (a first look, or a regression).

Usage: python bench/score_pairs.py PAIRS.jsonl [--misses]

Every reply is scored by the product's referee exactly as `callsim score-items` would; a
pair counts when the better reply scores higher on the pair's skill (n/a lowest, a tie
half), as ../shared/benchmark/pairwise.py counts it. Prints per skill, per register and
for the hard pairs. Misses are printed only with --misses: on a first look, do not ask.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from simulator.models import SKILLS
from simulator.referee import ContextTurn, default_referee

SPEAKERS = {"SELF": "self", "PARTNER": "partner"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    referee = default_referee()
    hits: dict[str, list[float]] = defaultdict(list)
    for line in Path(args.pairs).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        p = json.loads(line)
        context = [ContextTurn(SPEAKERS[t["speaker"]], t["text"]) for t in p.get("context", [])]
        skill = p["skill"]
        b = referee.evaluate(p["better"], context).skills[skill].score
        w = referee.evaluate(p["worse"], context).skills[skill].score
        bv, wv = (-1.0 if b is None else b), (-1.0 if w is None else w)
        r = 1.0 if bv > wv else 0.5 if bv == wv else 0.0
        for key in (skill, "all", f"register {p.get('register', '?')}"):
            hits[key].append(r)
        if p.get("hard"):
            hits["hard"].append(r)
        if args.misses and r < 1:
            print(f"MISS {p['pair_id']} {skill} better={b} worse={w}")
            print(f"   client: {context[-1].text if context else ''}")
            print(f"   better: {p['better']}\n   worse:  {p['worse']}")
    for key in (*SKILLS, "hard", *sorted(k for k in hits if k.startswith("register")), "all"):
        if key in hits:
            v = hits[key]
            print(f"{key:22s} {sum(v) / len(v):.3f}  (n={len(v)})")


if __name__ == "__main__":
    main()
