"""Train the reader of whether a heard move was made (simulator/engine/hearing_model.py).

    python bench/train_hearing.py                # held out by round: what the reader removes
    python bench/train_hearing.py --write        # ... and write simulator/data/hearing_weights.json

Data: bench/data/selection/acts_live_{en,id}.jsonl (bench/hearing_check.py says what they
are). Each turn goes through the referee and the hearing as in a call, up to the point
where the reader weighs the moves heard; a move is made when a helper labelled it (main
act or another act in the turn). One logistic fit per move over every turn. Reported per
threshold, with each round held out in turn: of the moves the rules heard and nobody
labelled, how many the reader removes (right), and of the labelled ones, how many it
removes too (wrong).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from simulator.engine import hearing_model, listening
from simulator.engine.hearing_acts import ACT_MOVES
from simulator.personas import load_persona, persona_paths
from simulator.referee import default_referee, logistic
from simulator.vocabulary import Move

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hearing_check import context_of, rows
from train_answers import _fit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "simulator" / "data" / hearing_model.WEIGHTS
CACHE = Path("/tmp/callsim_train_hearing.pkl")
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)


def prepare() -> list[dict[str, Any]]:
    """Every labelled turn's features as the hearing weighs them, its moves and its labels."""
    cache: dict[Any, Any] = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
    referee = default_referee()
    seen: list[Any] = []
    original = hearing_model.doubted

    def spy(reading: Any, moves: list[Move]) -> frozenset[Move]:
        seen.append(((reading.vector, reading.client, reading.act_probabilities), list(moves)))
        return frozenset()

    hearing_model.doubted = spy  # type: ignore[assignment]
    out = []
    try:
        for lang in ("en", "id"):
            personas = {p.title: p for p in map(load_persona, persona_paths(lang).values())}
            for r in rows(lang):
                key = (lang, r["id"], r["turn"])
                if key not in cache:
                    seen.clear()
                    persona = personas[r["client"]]
                    context = context_of(r["earlier"])
                    reading = referee.read(r["turn"], context)
                    ev = referee.evaluate(r["turn"], context, persona=persona, reading=reading)
                    listening.hear(r["turn"], context, ev, persona, [], reading)
                    cache[key] = seen[-1] if seen else None
                if cache[key] is None or cache[key][0][0] is None:
                    continue
                (vector, client, act_p), moves = cache[key]
                said = {ACT_MOVES[r["act"]], *(ACT_MOVES[a] for a in r["also"])}
                x = hearing_model.row(vector, client, moves)
                sure = hearing_model.agreed_in(act_p)
                out.append({**r, "lang": lang, "x": x, "moves": moves, "said": said, "sure": sure})
    finally:
        hearing_model.doubted = original  # type: ignore[assignment]
    CACHE.write_bytes(pickle.dumps(cache))
    return out


def fit_all(turns: list[dict[str, Any]], l2: float) -> dict[Move, tuple[Any, float]]:
    """One logistic fit per move over the given turns."""
    X = np.stack([t["x"] for t in turns])
    return {
        m: _fit(X, np.array([float(m in t["said"]) for t in turns]), l2)
        for m in hearing_model.MOVES
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.2)
    args = ap.parse_args()
    turns = prepare()
    # Rounds held out by number, both languages and both halves at once ("r17": live_r17_en,
    # live_r17b_id, ...): six fits per move instead of thirty-seven.
    for t in turns:
        t["fold"] = t["round"].split("_")[1].rstrip("b")
    rounds = sorted({t["fold"] for t in turns})
    right: dict[float, Counter[str]] = {th: Counter() for th in THRESHOLDS}
    wrong: dict[float, Counter[str]] = {th: Counter() for th in THRESHOLDS}
    unsaid: Counter[str] = Counter()
    said_heard: Counter[str] = Counter()
    for held in rounds:
        fits = fit_all([t for t in turns if t["fold"] != held], args.l2)
        for t in (t for t in turns if t["fold"] == held):
            for m in hearing_model.MOVES:
                if m not in t["moves"]:
                    continue
                w, b = fits[m]
                p = float(logistic.chances(logistic.Weights(w, b, 0.0), t["x"]))
                if m == t["sure"]:
                    p = 1.0  # the act reader agrees: kept (hearing_model.doubted)
                made = m in t["said"]
                (said_heard if made else unsaid)[f"{t['lang']}:{m.value}"] += 1
                for th in THRESHOLDS:
                    if p < th:
                        (wrong if made else right)[th][f"{t['lang']}:{m.value}"] += 1
    for lang in ("en", "id"):
        n = sum(1 for t in turns if t["lang"] == lang)
        u = sum(v for k, v in unsaid.items() if k.startswith(lang))
        s = sum(v for k, v in said_heard.items() if k.startswith(lang))
        print(f"{lang}: {n} turns; moves heard that nobody made {u}, heard and made {s}")
        for th in THRESHOLDS:
            r = sum(v for k, v in right[th].items() if k.startswith(lang))
            w_ = sum(v for k, v in wrong[th].items() if k.startswith(lang))
            print(
                f"  below {th:.2f}: removes {r} unmade ({r / max(1, u):.2f}), {w_} made ({w_ / max(1, s):.2f})"
            )
    th = args.threshold
    per = {
        k: f"{right[th][k]}/{unsaid[k]} right, {wrong[th][k]}/{said_heard[k]} wrong"
        for k in sorted(set(unsaid) | set(said_heard))
    }
    print(f"per move at {th}:", json.dumps(per, indent=1))
    if args.write:
        fits = fit_all(turns, args.l2)
        data: dict[str, Any] = {"names": list(hearing_model.NAMES), "threshold": th}
        for m, (w, b) in fits.items():
            data[m.value] = {"weights": [round(float(v), 5) for v in w], "bias": round(b, 5)}
        OUT.write_text(json.dumps(data) + "\n", encoding="utf-8")
        print("wrote", OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
