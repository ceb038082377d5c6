"""How often the client hears a move the trainee did not make, on labelled live turns.

    python bench/hearing_check.py [--lang en|id] [--round ROUND] [--show N]

Data: bench/data/selection/acts_live_{en,id}.jsonl, trainee turns of live calls (rounds
16-21b) with the call's lines before them, labelled by helpers who never saw the code with
the turn's main act and every other act in it (the 17 acts of referee/acts.py). Each turn
goes through the referee and the client's hearing as in a call; reported:
- first move right: the move the client answers first is the main act or one of the others;
- heard unsaid: a move a client reacts to (a concession, a trade, a push, an argument, an
  attack, a limit, a price, a next step) heard anywhere in the turn when nobody labelled it;
- missed: such a move labelled as the main act and not heard at all.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from simulator.engine import hearing_model
from simulator.engine.hearing_acts import ACT_MOVES
from simulator.engine.listening import hear
from simulator.personas import load_persona, persona_paths
from simulator.referee import ContextTurn, default_referee
from simulator.vocabulary import Move

DATA = Path(__file__).resolve().parent / "data" / "selection"
# The moves a client reacts to as something done to it (the ones the hearing checks):
# hearing one that was not made is the "reaction to a move nobody made" raters mark 0.
REACTED = frozenset(hearing_model.MOVES)
# A move the rules name that stands for a labelled act ("closed_question" is a question).
SAME = {Move.CLOSED_QUESTION: Move.QUESTION, Move.STATEMENT: Move.STATEMENT}


def rows(lang: str) -> list[dict[str, Any]]:
    """The labelled live turns of one language."""
    path = DATA / f"acts_live_{lang}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def context_of(earlier: list[str]) -> list[ContextTurn]:
    """The call's lines before the turn, as the referee takes them."""
    out = []
    for line in earlier:
        who, _, text = line.partition(": ")
        out.append(ContextTurn("self" if who == "Trainee" else "partner", text))
    return out


def heard_moves(row: dict[str, Any], personas: dict[str, Any], referee: Any) -> list[Move]:
    """The moves the client hears in a labelled turn, most telling first."""
    persona = personas[row["client"]]
    context = context_of(row["earlier"]) or [ContextTurn("partner", persona.opening_line)]
    reading = referee.read(row["turn"], context)
    ev = referee.evaluate(row["turn"], context, persona=persona, reading=reading)
    return hear(row["turn"], context, ev, persona, [], reading).moves


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en", choices=["en", "id"])
    parser.add_argument("--round", default=None, help="only turns of rounds starting so")
    parser.add_argument("--show", type=int, default=0, help="print N turns heard unsaid")
    args = parser.parse_args()
    personas = {p.title: p for p in map(load_persona, persona_paths(args.lang).values())}
    referee = default_referee()
    data = [r for r in rows(args.lang) if args.round is None or r["id"].startswith(args.round)]
    first_right = 0
    unsaid: Counter[str] = Counter()
    unsaid_turns = 0
    missed: Counter[str] = Counter()
    labelled_main: Counter[str] = Counter()
    shown = 0
    for row in data:
        said = {ACT_MOVES[row["act"]], *(ACT_MOVES[a] for a in row.get("also", []))}
        moves = heard_moves(row, personas, referee)
        first = SAME.get(moves[0], moves[0]) if moves else Move.STATEMENT
        first_right += first in said or (first == Move.WINWIN and Move.TRADE in said)
        extra = [m for m in moves if m in REACTED and m not in said]
        unsaid.update(m.value for m in extra)
        unsaid_turns += bool(extra)
        main = ACT_MOVES[row["act"]]
        if main in REACTED:
            labelled_main[main.value] += 1
            if main not in moves:
                missed[main.value] += 1
        if extra and shown < args.show:
            shown += 1
            print(
                f"- {row['id']} [{row['act']} {row.get('also', [])}] heard {[m.value for m in moves]}"
            )
            print(f"  {row['earlier'][-1] if row['earlier'] else ''}\n  > {row['turn']}")
    n = max(1, len(data))
    print(f"{args.lang}: {len(data)} labelled live turns")
    print(f"first move right: {first_right / n:.3f}")
    print(f"turns with a move heard that nobody made: {unsaid_turns / n:.3f}  {dict(unsaid)}")
    rates = {k: f"{missed[k]}/{v}" for k, v in labelled_main.most_common()}
    print(
        f"labelled main act not heard: {sum(missed.values())}/{sum(labelled_main.values())} {rates}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
