"""Train the client's answer reader: which authored line answers the trainee's question.

    python bench/train_answers.py            # the rule and the reader, by held-out round
    python bench/train_answers.py --write    # ... and write simulator/data/answer_weights.json

Data: bench/data/selection/live_{en,id}.jsonl, trainee turns from the rated live calls of
rounds 16-20 (regression data: they were read) that ask something, each labelled by helpers
with the ids of the persona's lines that answer its last question ("none" when no line does;
`fact:` ids are hidden facts, answered elsewhere). The turn is read by the product's own path
(referee, then the client's hearing) after the client line the trainee answered. Every round
is held out in turn: the reader is trained on the others and scored on it. Counts, over the
turns the client looks up an answer for:
  right      the chosen line is a labelled answer, or nothing was chosen and none is
  wrong      a line was chosen that answers another question (the worst: a non sequitur)
  silent     nothing was chosen though a line answers (the client says it has no answer)
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from simulator.engine import answer_model
from simulator.engine.listening import hear
from simulator.engine.meaning import FLOOR, keys_of
from simulator.engine.selection import Bank
from simulator.personas import get_persona
from simulator.referee import ContextTurn, default_referee, encoder, logistic, topics
from simulator.referee.features import content_words
from simulator.referee.vector_store import vectors

sys.path.insert(0, str(Path(__file__).resolve().parent))
from selection_check import answer_lines

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "selection"
CACHE = Path("/tmp/callsim_train_answers.pkl")
L2 = 1.0
UNANSWERED = "(no line)"


def items(langs: list[str]) -> list[dict[str, Any]]:
    """The labelled turns."""
    out = []
    for lang in langs:
        for line in (DATA / f"live_{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append({**json.loads(line), "lang": lang})
    return out


def _fit(X: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton steps (a few thousand rows, 18 features)."""
    A = np.concatenate([X, np.ones((len(X), 1))], axis=1)
    w = np.zeros(A.shape[1])
    reg = np.full(A.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(A @ w)))
        grad = A.T @ (p - y) + reg * w
        H = (A * (p * (1 - p))[:, None]).T @ A + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:-1], float(w[-1])


class Prepared:
    """Each labelled turn as the product reads it, with its lines' features."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        # The banks are read for their lines and keys only: the weights being trained (a
        # stale or older file among them) are not loaded.
        answer_model.load = lambda labelled=True: None  # type: ignore[assignment]
        cache: dict[Any, Any] = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
        referee = default_referee()
        banks: dict[tuple[str, str], Any] = {}
        self.turns = []
        for r in rows:
            key = (r["lang"], r["persona"], r["before"], r["text"])
            pb = (r["persona"], r["lang"])
            if pb not in banks:
                persona = get_persona(r["persona"], r["lang"])
                bank = Bank(persona)
                entries = bank.meaning.entries
                ids = answer_lines(persona)
                banks[pb] = (
                    bank,
                    [ids.get(e.say) for e in entries],
                    np.stack(encoder.passages([e.say for e in entries])),
                )
            bank, ids, pas = banks[pb]
            if key not in cache:
                persona = bank.persona
                context = [ContextTurn("partner", r["before"] or persona.opening_line)]
                reading = referee.read(r["text"], context)
                ev = referee.evaluate(r["text"], context, persona=persona, reading=reading)
                heard = hear(r["text"], context, ev, persona, [], reading)
                asked = heard.question or heard.text
                cache[key] = (asked, heard.topic, heard.check_in, heard.moves, heard.primary)
            asked, _topic, check_in, _moves, _primary = cache[key]
            if check_in or not asked:
                continue
            q = encoder.query(asked)
            # The authored keys only: the labelled questions join them fold by fold.
            keys = [np.stack(vectors(keys_of(e))) @ q for e in bank.meaning.entries]
            probs = topics.reader().probabilities(asked)
            topic_p = dict(zip(topics.reader().classes, map(float, probs), strict=True))
            subjects = [
                (s.value if (s := bank.subject.get(e.say)) else None) for e in bank.meaning.entries
            ]
            mine = content_words(asked)
            words = (
                [
                    max(len(mine & content_words(k)) for k in keys_of(e))
                    for e in bank.meaning.entries
                ],
                [len(mine & content_words(e.say)) for e in bank.meaning.entries],
            )
            right = set(r["answers"])
            y = np.array([1.0 if i in right else 0.0 for i in ids])
            # The floor alone, for comparison: the nearest authored key, if near enough.
            near = [float(k.max()) for k in keys]
            best = int(np.argmax(near))
            rule = ids[best] if near[best] >= FLOOR else None
            self.turns.append(
                {
                    **r,
                    "q": q,
                    "keys": keys,
                    "pas": pas @ q,
                    "subjects": subjects,
                    "topic_p": topic_p,
                    "words": words,
                    "y": y,
                    "ids": ids,
                    "rule": rule,
                    "asked": asked,
                }
            )
        CACHE.write_bytes(pickle.dumps(cache))


def examples(turns: list[dict[str, Any]]) -> dict[tuple[str, str, str], Any]:
    """The labelled questions each line answers: (lang, persona, line id) -> their vectors."""
    out: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for t in turns:
        answered = False
        for i in t["answers"]:
            out[t["lang"], t["persona"], i].append(t["q"])
            answered = answered or i in t["ids"]
        if not answered:
            out[t["lang"], t["persona"], UNANSWERED].append(t["q"])
    return {k: np.stack(v) for k, v in out.items()}


def design(t: dict[str, Any], known: dict[tuple[str, str, str], Any] | None) -> Any:
    """The turn's feature rows, its lines keyed by their questions and, when given, by the
    labelled questions they answer."""
    keys = t["keys"]
    if known:
        keys = [
            np.concatenate([k, known[t["lang"], t["persona"], i] @ t["q"]])
            if (t["lang"], t["persona"], i) in known
            else k
            for k, i in zip(keys, t["ids"], strict=True)
        ]
    none = known.get((t["lang"], t["persona"], UNANSWERED)) if known else None
    unanswered = float((none @ t["q"]).max()) if none is not None else 0.0
    return answer_model.features(
        keys, t["pas"], t["subjects"], t["topic_p"], t["lang"], t["words"], unanswered
    )


def verdict(chosen: str | None, answers: list[str], ids: list[str | None]) -> str:
    """right, wrong or silent."""
    answerable = set(answers) & set(i for i in ids if i)
    if chosen is None:
        return "silent" if answerable else "right"
    return "right" if chosen in answers else "wrong"


def report(name: str, counts: dict[str, int]) -> str:
    n = sum(counts.values()) or 1
    return (
        f"{name:28} n={n:4}  right {counts['right'] / n:.3f}  wrong {counts['wrong'] / n:.3f}"
        f"  silent {counts['silent'] / n:.3f}"
    )


def write(turns: list[dict[str, Any]], l2: float, threshold: float) -> None:
    """Fit on every labelled turn; write the weights and the labelled questions (the keys
    each shipped line gains)."""
    known = examples(turns)
    by_round = {
        r: examples([t for t in turns if t["round"] != r]) for r in {t["round"] for t in turns}
    }
    y = np.concatenate([t["y"] for t in turns])
    data: dict[str, Any] = {"names": list(answer_model.NAMES), "threshold": threshold}
    for kind, X in (
        ("labelled", np.concatenate([design(t, by_round[t["round"]]) for t in turns])),
        ("unlabelled", np.concatenate([design(t, None) for t in turns])),
    ):
        w, b = _fit(X, y, l2)
        data[kind] = {"weights": [round(float(x), 5) for x in w], "bias": round(b, 5)}
    path = ROOT / "simulator" / "data" / answer_model.WEIGHTS
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    rows = []
    for t in sorted(turns, key=lambda t: (t["lang"], t["persona"], t["round"], t["asked"])):
        says = {i: s for s, i in answer_lines(get_persona(t["persona"], t["lang"])).items()}
        lines = [says[i] for i in t["answers"] if i in says and i in t["ids"]] or [None]
        rows += [
            {"lang": t["lang"], "persona": t["persona"], "line": s, "question": t["asked"]}
            for s in lines
        ]
    unique = list({json.dumps(r, ensure_ascii=False, sort_keys=True): r for r in rows}.values())
    out = ROOT / "simulator" / "data" / "answer_examples.jsonl"
    # The facts' rows (bench/train_facts.py writes them) are kept as they are.
    facts = [
        line
        for line in (out.read_text(encoding="utf-8").splitlines() if out.exists() else [])
        if line.strip() and json.loads(line).get("fact")
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in unique]
    out.write_text("\n".join([*lines, *facts]) + "\n", encoding="utf-8")
    print(f"wrote {path} and {out} ({len(unique)} labelled questions; known={len(known)} lines)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--lang", action="append", default=[])
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--no-examples", dest="examples", action="store_false")
    ap.add_argument("--threshold", type=float, default=0.45)
    args = ap.parse_args()
    prepared = Prepared(items(args.lang or ["en", "id"]))
    turns = prepared.turns
    rounds = sorted({t["round"] for t in turns})
    thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
    cv: dict[tuple[str, float], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rule: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for held in rounds:
        train = [t for t in turns if t["round"] != held]
        by_round = (
            {r: examples([t for t in train if t["round"] != r]) for r in rounds if r != held}
            if args.examples
            else {}
        )
        # Without --examples: a persona a user wrote, with no labelled questions.
        known = examples(train) if args.examples else None
        X = np.concatenate([design(t, by_round.get(t["round"])) for t in train])
        w, b = _fit(X, np.concatenate([t["y"] for t in train]), args.l2)
        weights = logistic.Weights(w, b, 0.0)
        for t in turns:
            if t["round"] != held:
                continue
            p = logistic.chances(weights, design(t, known))
            best = int(p.argmax())
            for th in thresholds:
                chosen = t["ids"][best] if p[best] >= th else None
                cv[t["lang"], th][verdict(chosen, t["answers"], t["ids"])] += 1
            rule[t["lang"]][verdict(t["rule"], t["answers"], t["ids"])] += 1
    for lang in sorted(rule):
        print(report(f"{lang} nearest key >= {FLOOR}", rule[lang]))
        for th in thresholds:
            print(report(f"{lang} reader p>={th}", cv[lang, th]))
    if args.write:
        write(turns, args.l2, args.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
