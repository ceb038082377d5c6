"""Planted mistakes: do the review's moments and concessions find them, and only them?

Usage: python bench/planted_calls.py [CALLS.jsonl] [--show] [--difficulty easy|normal|hard]

Each call (bench/data/planted_calls/calls.jsonl, written blind to the code) is a persona
(in the call's "lang", English unless given) and a fixed list of trainee turns, some marked
as a planted mistake of a known kind among good turns. Every call is played on the scripted backend (deterministic: authored client
lines), then summarised as the end-of-call review is. Reported per register (polished,
non-native) and overall: planted mistakes among their call's moments to redo, moments that
are good turns, planted caves and giveaways listed under "concessions", good turns listed
there. A call the client ends early leaves its later turns unsaid: they are counted apart.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from simulator.backends import create_backend
from simulator.config import Settings
from simulator.engine.call import Call
from simulator.evaluation.summary import summarise
from simulator.models import CallHeader
from simulator.personas import get_persona
from simulator.referee import default_referee
from simulator.vocabulary import Outcome

DEFAULT = Path(__file__).resolve().parent / "data" / "planted_calls" / "calls.jsonl"
GIVEAWAYS = {
    "cave-price",
    "cave-scope",
    "cave-hours",
    "free-work",
    "unasked-discount",
    "unasked-extra",
}
TURN_NO = re.compile(r"your turn (\d+):")


def play(spec: dict[str, Any], difficulty: str, referee: Any) -> dict[str, Any]:
    """Hold one planted call on the scripted backend; what the review picked."""
    lang = spec.get("lang", "en")
    persona = get_persona(spec["persona"], lang)
    backend = create_backend(Settings(backend="scripted"))
    header = CallHeader(
        id=f"planted-{spec['call_id']}",
        persona=persona.id,
        difficulty=difficulty,
        backend=backend.name,
        model=backend.model,
        seed=7,
        started_at=time.time(),
        kind="run",
        lang=lang,
    )
    call = Call(persona, header, backend, referee)
    list(call.opening())
    said = 0
    for turn in spec["turns"]:
        if call.outcome != Outcome.CONTINUING:
            break
        call.say(turn["text"])
        said += 1
        list(call.reply())
    summary = summarise(call.turns, persona, call.end(), None)
    conceded = {int(m.group(1)) for c in summary.concessions if (m := TURN_NO.match(c))}
    return {
        "said": said,
        "moments": {m.turn_no: m for m in summary.moments},
        "conceded": conceded,
        "turns": call.turns,
    }


def scored(turns: list[Any], n: int) -> str:
    """The trainee's nth turn's four scores, 0-100 (- where not at stake)."""
    mine = [t for t in turns if t.speaker == "trainee"]
    if n > len(mine) or mine[n - 1].evaluation is None:
        return "?"
    skills = mine[n - 1].evaluation.skills
    return " ".join(
        f"{k[:3]} {'-' if s.score is None else round(s.score * 25)}" for k, s in skills.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calls", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm")
    parser.add_argument("--difficulty", default="normal")
    args = parser.parse_args()
    referee = default_referee()
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in Path(args.calls).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        spec = json.loads(line)
        got = play(spec, args.difficulty, referee)
        reg = tally[spec["register"]]
        for n, turn in enumerate(spec["turns"], start=1):
            planted = turn["planted"]
            if n > got["said"]:
                reg["unsaid_mistakes" if planted else "unsaid_good"] += 1
                continue
            moment = got["moments"].get(n)
            if planted:
                reg["mistakes"] += 1
                reg["found"] += moment is not None
                if planted["kind"] in GIVEAWAYS:
                    reg["giveaways"] += 1
                    reg["giveaways_listed"] += n in got["conceded"]
                if args.show and moment is None:
                    print(
                        f"MISS {spec['call_id']} t{n} {planted['kind']} "
                        f"[{scored(got['turns'], n)}]: {turn['text']}"
                    )
                if args.show and planted["kind"] in GIVEAWAYS and n not in got["conceded"]:
                    print(f"NOT CONCEDED {spec['call_id']} t{n} {planted['kind']}: {turn['text']}")
            else:
                reg["good"] += 1
                reg["good_conceded"] += n in got["conceded"]
                if args.show and n in got["conceded"]:
                    print(f"GOOD AS CONCESSION {spec['call_id']} t{n}: {turn['text']}")
            if moment is not None:
                reg["moments"] += 1
                reg["false_alarms"] += not planted
                if args.show and not planted:
                    print(
                        f"FALSE ALARM {spec['call_id']} t{n} {moment.skill} {moment.points}: "
                        f"{turn['text']}"
                    )
    total: dict[str, int] = defaultdict(int)
    for name, reg in sorted(tally.items()):
        report(name, reg)
        for k, v in reg.items():
            total[k] += v
    report("all", total)


def report(name: str, t: dict[str, int]) -> None:
    """One register's line of figures."""

    def share(a: str, b: str) -> str:
        return f"{t[a]}/{t[b]} ({t[a] / t[b]:.0%})" if t[b] else "-"

    print(
        f"{name:10s} mistakes in moments {share('found', 'mistakes')}; "
        f"good turns among moments {share('false_alarms', 'moments')}; "
        f"giveaways in concessions {share('giveaways_listed', 'giveaways')}; "
        f"good turns in concessions {share('good_conceded', 'good')}; "
        f"unsaid: {t['unsaid_mistakes']} mistakes, {t['unsaid_good']} good turns"
    )


if __name__ == "__main__":
    main()
