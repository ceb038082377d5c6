"""Replay the trainee side of rated live calls through today's engine, with what it heard.

    python bench/replay_live.py bench/data/live_r16_id/for_rater.md [--call N] [--lang id]

For diagnosing a rated round (regression data once read): each trainee line of a call in a
rater's file goes through a Call on the scripted backend (bank-voiced, as the embedded
backend voices non-English calls), and each client line is printed beside the one the
rater saw, with the moves heard, the topic, the beat and the state.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path
from typing import Any

from simulator.backends import create_backend
from simulator.config import load_settings
from simulator.engine import call as call_module
from simulator.engine.call import Call
from simulator.engine.selection import Bank, Candidate
from simulator.models import CallHeader
from simulator.personas import load_persona, persona_paths
from simulator.referee import default_referee
from simulator.vocabulary import Difficulty

HEAD = re.compile(r"^## Call (\w+): (.+?) \(script (.+)\)$")


def calls(path: Path) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(number, persona title, script, [(speaker, text)]) for each call in a rater's file."""
    out: list[tuple[str, str, str, list[tuple[str, str]]]] = []
    for block in path.read_text(encoding="utf-8").split("\n## ")[0:]:
        lines = block.strip().splitlines()
        head = HEAD.match(lines[0] if lines[0].startswith("## ") else "## " + lines[0])
        if head is None:
            continue
        said = []
        for line in lines[2:]:
            who, _, text = line.partition(": ")
            said.append(("trainee" if who == "You" else "client", text))
        out.append((head.group(1), head.group(2), head.group(3), said))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--call", action="append", default=[])
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    personas = {p.title: p for p in map(load_persona, persona_paths(args.lang).values())}
    backend = create_backend(load_settings(backend="scripted"))
    heard_log: list[Any] = []
    original = getattr(call_module, "hear")  # noqa: B009 (patched below, not exported)

    def spy(*a: Any, **k: Any) -> Any:
        heard = original(*a, **k)
        heard_log.append(heard)
        return heard

    setattr(call_module, "hear", spy)  # noqa: B010
    whys: list[str] = []
    choose = Bank.choose

    def chosen(self: Bank, *a: object, **k: object) -> Candidate | None:
        candidate = choose(self, *a, **k)  # type: ignore[arg-type]
        whys.append(candidate.why if candidate else "-")
        return candidate

    Bank.choose = chosen  # type: ignore[method-assign]
    for number, title, script, said in calls(args.file):
        if args.call and number not in args.call:
            continue
        persona = personas[title]
        header = CallHeader(
            id=f"replay-{number}",
            persona=persona.id,
            difficulty=Difficulty.NORMAL,
            backend="scripted",
            model="bank",
            seed=7,
            started_at=time.time(),
            lang=persona.lang,
        )
        call = Call(persona, header, backend, default_referee())
        print(f"\n## Call {number}: {title} ({script})")
        print("C0  " + "".join(call.opening()).strip())
        rated = [t for s, t in said if s == "client"]
        turn = 0
        for speaker, text in said:
            if speaker != "trainee":
                continue
            if call.outcome.value != "continuing":
                print("   (call over:", call.outcome.value, ")")
                break
            turn += 1
            result = call.say(text)
            line = "".join(call.reply()).strip()
            h = heard_log[-1]
            s = result.evaluation.signals
            st = result.change.state
            print(f"T{turn}  {text}")
            print(
                f"    heard {[m.value for m in h.moves]} topic={h.topic} unplaced={h.unplaced}"
                f" fact={h.unearned_fact} beat={result.direction.beat.value}"
                f" trust={st.trust:.0f} pat={st.patience:.0f} int={st.interest:.0f}"
                f" sig={[k for k, v in s.model_dump().items() if v is True]}"
                f" why={whys[-1] if whys else '-'}"
            )
            print(f"C{turn}  {line}")
            if turn < len(rated) and rated[turn] != line:
                print(f"  (rated: {rated[turn]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
