"""Does the client answer the question the trainee asked? (blind question -> line sets)

    python bench/selection_check.py [--show] [FILE.jsonl ...]

Each line: {"persona", "text": a trainee turn, "answers": ids of the persona's lines that
answer it, or ["none"] when no line does}. Ids name a persona's answer lines as
`<topic>.<n>` (lines.topics) or `<beat>.<n>` (beat lines written after a question). The
turn goes through the product's own path: the referee reads it after the client's opening
line, the client hears it, the director picks a line at a neutral mood. Counts:
  right       a listed answer was chosen
  wrong line  another answer line was chosen: the client answered a question nobody asked
  deflected   one of the persona's deflections of a hidden fact the question asked for
              before the client trusts the trainee with it (the question was heard)
  no answer   a line that answers no question (no answer ready, a reaction)
For "none" turns, an answer line is a wrong line and anything else is right.
Defaults to bench/data/selection/test_*.jsonl (written blind to the code, round 14).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from simulator.engine.director import Director
from simulator.engine.listening import hear
from simulator.models import Persona, PersonaState
from simulator.personas import get_persona
from simulator.referee import ContextTurn, default_referee
from simulator.vocabulary import Beat, Move

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = {Move.QUESTION, Move.CLOSED_QUESTION}


def answer_lines(persona: Persona) -> dict[str, str]:
    """Line text -> id, for every line written to answer a question."""
    out = {}
    for topic, entries in persona.lines.topics.items():
        for i, e in enumerate(entries):
            out[e.say] = f"{topic.value}.{i}"
    for beat in Beat:
        for i, e in enumerate(persona.lines.entries(beat)):
            if e.after and QUESTIONS & set(e.answers):
                out[e.say] = f"{beat.value}.{i}"
    return out


def main() -> int:
    """Score every file; print the counts per register and, with --show, the misses."""
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    files = args.files or sorted((ROOT / "bench" / "data" / "selection").glob("test_*.jsonl"))
    referee = default_referee()
    counts: Counter[str] = Counter()
    by_register: Counter[tuple[str, str]] = Counter()
    misses = []
    state = PersonaState(trust=50, patience=70, interest=50)
    for path in files:
        for line in path.read_text().splitlines():
            item = json.loads(line)
            persona = get_persona(item["persona"])
            ids = answer_lines(persona)
            context = [ContextTurn("partner", persona.opening_line)]
            reading = referee.read(item["text"], context)
            ev = referee.evaluate(item["text"], context, persona=persona, reading=reading)
            heard = hear(item["text"], context, ev, persona, [], reading)
            said = Director(persona, 1).pick(Beat.PROBING, heard, state).text
            got = ids.get(said)
            kind = "none" if item["answers"] == ["none"] else "ask"
            deflections = {t for lines in persona.lines.deflect.values() for t in lines}
            if got in item["answers"] or (kind == "none" and got is None):
                verdict = "right"
            elif said in deflections:
                verdict = "deflected"
            elif got is None:
                verdict = "no answer"
            else:
                verdict = "wrong line"
            counts[kind, verdict] += 1
            by_register[item.get("register", "?"), verdict] += 1
            if verdict != "right":
                misses.append(f"[{verdict}] {item['persona']}: {item['text']}\n    -> {said}")
    for kind in ("ask", "none"):
        n = sum(v for (k, _), v in counts.items() if k == kind)
        parts = ", ".join(f"{v} {c}" for (k, c), v in sorted(counts.items()) if k == kind)
        print(f"{kind:5} {n:4} turns: {parts}")
    total = sum(counts.values())
    right = sum(v for (_, c), v in counts.items() if c == "right")
    wrong = sum(v for (_, c), v in counts.items() if c == "wrong line")
    print(f"all   {total:4} turns: right {right / total:.3f}, wrong line {wrong / total:.3f}")
    registers = sorted({r for r, _ in by_register})
    for r in registers:
        n = sum(v for (g, _), v in by_register.items() if g == r)
        print(
            f"  {r:11} right {by_register[r, 'right'] / n:.2f}  wrong line "
            f"{by_register[r, 'wrong line'] / n:.2f}  ({n})"
        )
    if args.show:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
