"""Train the fact reader: which hidden facts a trainee's questions ask for.

    python bench/train_facts.py            # the rule and the reader, by held-out round
    python bench/train_facts.py --write    # ... and write simulator/data/fact_weights.json

Data: the labelled live turns of bench/train_answers.py (bench/data/selection/live_*.jsonl):
a fact is asked for when a helper listed it as answering one of the turn's questions. The
turn is read by the product's own path; every round is held out in turn. Counts per turn:
  right   the facts read are the labelled ones (none read and none labelled included)
  wrong   a fact read that was not asked for: the client deflects or reveals out of the blue
  missed  a labelled fact not read (the client answers without it)
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from simulator.personas import get_persona
from simulator.referee import (
    ContextTurn,
    default_referee,
    encoder,
    fact_reader,
    labelled,
    logistic,
    signals,
)
from simulator.referee.features import QUESTION_WORDS, fact_rule

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_answers import _fit, items

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path("/tmp/callsim_train_facts.pkl")


def prepare(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each turn's questions as the referee reads them, the rule's facts and the labels."""
    cache: dict[Any, Any] = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
    referee = default_referee()
    seen: list[Any] = []
    original = signals.fact_targets

    def spy(persona: Any, asked: Any) -> list[str]:
        seen.append([q for q, _, _ in asked])
        return fact_rule(persona, asked)

    signals.fact_targets = spy  # type: ignore[assignment]
    out = []
    try:
        for r in rows:
            persona = get_persona(r["persona"], r["lang"])
            key = (r["lang"], r["persona"], r["before"], r["text"])
            if key not in cache:
                seen.clear()
                context = [ContextTurn("partner", r["before"] or persona.opening_line)]
                referee.evaluate(r["text"], context, persona=persona)
                cache[key] = seen[-1] if seen else []
            questions = cache[key]
            if not questions:
                continue
            asked = [(q, None, 0.0) for q in questions]
            rule = fact_rule(persona, [(q, *_reading(q)) for q in questions])
            facts = [f.id for f in persona.hidden_facts]
            wanted = {i[5:] for g in r["groups"] for i in g if i.startswith("fact:")}
            out.append(
                {
                    **r,
                    "questions": questions,
                    "rule": rule,
                    "facts": facts,
                    "y": np.array([1.0 if f in wanted else 0.0 for f in facts]),
                    "q": [encoder.query(q) for q in questions],
                    "asked": asked,
                }
            )
    finally:
        signals.fact_targets = original  # type: ignore[assignment]
    CACHE.write_bytes(pickle.dumps(cache))
    return out


def _reading(q: str) -> tuple[Any, float]:
    from simulator.referee import topics

    return topics.reading(q)


def known_of(turns: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Labelled questions per (lang, persona) -> fact -> vectors."""
    out: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for t in turns:
        for f, y in zip(t["facts"], t["y"], strict=True):
            if y:
                out[t["lang"], t["persona"]][f].extend(t["q"])
    return {k: {f: np.stack(v) for f, v in d.items()} for k, d in out.items()}


def design(t: dict[str, Any], known: dict[tuple[str, str], dict[str, Any]]) -> Any:
    persona = get_persona(t["persona"], t["lang"])
    return fact_reader.rows(
        persona, t["questions"], t["rule"], QUESTION_WORDS, known.get((t["lang"], t["persona"]), {})
    )


def verdict(read: set[str], wanted: set[str]) -> str:
    if read - wanted:
        return "wrong"
    return "right" if read == wanted else "missed"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--unlabelled", action="store_true", help="as for a persona a user wrote")
    args = ap.parse_args()
    turns = prepare(items(["en", "id"]))
    rounds = sorted({t["round"] for t in turns})
    ths = [0.3, 0.4, 0.5, 0.6, 0.7]
    counts: dict[Any, Counter[str]] = defaultdict(Counter)
    for held in rounds:
        train = [t for t in turns if t["round"] != held]
        by_round = {
            r: {} if args.unlabelled else known_of([t for t in train if t["round"] != r])
            for r in rounds
            if r != held
        }
        X = np.concatenate([design(t, by_round[t["round"]]) for t in train])
        w, b = _fit(X, np.concatenate([t["y"] for t in train]))
        weights = logistic.Weights(w, b, 0.0)
        known = {} if args.unlabelled else known_of(train)
        for t in turns:
            if t["round"] != held:
                continue
            wanted = {f for f, y in zip(t["facts"], t["y"], strict=True) if y}
            counts[t["lang"], "rule"][verdict(set(t["rule"]), wanted)] += 1
            p = logistic.chances(weights, design(t, known))
            for th in ths:
                read = {f for f, x in zip(t["facts"], p, strict=True) if x >= th}
                counts[t["lang"], th][verdict(read, wanted)] += 1
    for (lang, name), c in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        n = sum(c.values())
        print(
            f"{lang} {name!s:5} n={n}  right {c['right'] / n:.3f}  wrong {c['wrong'] / n:.3f}  missed {c['missed'] / n:.3f}"
        )
    if args.write:
        by_round = {r: known_of([t for t in turns if t["round"] != r]) for r in rounds}
        y = np.concatenate([t["y"] for t in turns])
        data: dict[str, Any] = {"names": list(fact_reader.NAMES), "threshold": args.threshold}
        for kind, X in (
            ("labelled", np.concatenate([design(t, by_round[t["round"]]) for t in turns])),
            ("unlabelled", np.concatenate([design(t, {}) for t in turns])),
        ):
            w, b = _fit(X, y)
            data[kind] = {"weights": [round(float(x), 5) for x in w], "bias": round(b, 5)}
        path = ROOT / "simulator" / "data" / fact_reader.WEIGHTS
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        # The labelled questions each fact gains, beside the lines' (train_answers.py).
        examples = ROOT / "simulator" / "data" / labelled.FILE
        kept = [
            line
            for line in examples.read_text(encoding="utf-8").splitlines()
            if line.strip() and not json.loads(line).get("fact")
        ]
        facts = {
            json.dumps(
                {"lang": t["lang"], "persona": t["persona"], "fact": f, "question": q},
                ensure_ascii=False,
            )
            for t in turns
            for f, wanted in zip(t["facts"], t["y"], strict=True)
            if wanted
            for q in t["questions"]
        }
        examples.write_text("\n".join([*kept, *sorted(facts)]) + "\n", encoding="utf-8")
        print("wrote", path, "and", len(facts), "fact questions to", examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
