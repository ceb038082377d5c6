"""Client lines on a fixed good-trainee and a fixed bad-trainee script, for every persona.

Prints per persona and script: model lines, authored lines, fallbacks, repeats within the
call (must be 0), lines with meta text (must be 0), mean seconds per line, the outcome.
Usage: python bench/client_lines.py [--backend local|scripted] [--personas N] [--show]
[--dump lines.jsonl]  (the dump feeds a blind hand rating: trainee line -> client line)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field

from simulator.backends import create_backend
from simulator.config import load_settings
from simulator.engine.call import Call
from simulator.engine.linecheck import said_sentences, similar
from simulator.models import CallHeader, Persona
from simulator.personas import get_persona, persona_paths
from simulator.referee import default_referee
from simulator.vocabulary import Difficulty

GOOD = [
    "Thanks for making the time. What's prompting this project right now?",
    "That makes sense. What happens today when it goes wrong?",
    "It sounds like that's been costing your team a lot. What would a good outcome look like?",
    "Who else is involved in deciding on this?",
    "What budget have you set aside for this?",
    "I can't lower my rate, because it covers the testing, but we could phase the work so "
    "the first part costs less.",
    "Is there a date driving this?",
    "What would you need to feel confident working with me?",
    "If we start with a small first phase, does that work for both of us?",
    "Shall we book a follow-up call next week to go through a plan?",
]
BAD = [
    "Hi! We're an award-winning agency with a proven track record and the best team around.",
    "Our platform does everything: analytics, automation, integrations, you name it.",
    "Sure, I can knock twenty percent off, no problem.",
    "So can we sign the contract this week?",
    "Honestly, that's a ridiculous expectation, you clearly don't understand software.",
    "Look, just tell me your budget so we can stop wasting time.",
    "Fine, I'll throw in the extras for free.",
    "Take it or leave it, that's my final price.",
    "You're wrong about this, that's not how it works.",
    "I need an answer today, yes or no?",
]
# Independent of the line check: prompt text, labels, notes, several lines.
META = re.compile(
    r"director'?s note|\bnote:|in your (?:own )?(?:voice|words)|for this moment|\bRep:|"
    r"^\s*[A-Z][a-z]+:\s|\n|private direction|stage direction|\bas an ai\b|what moved you|"
    r"share this, and only this|you feel (?:guarded|wary|open)|something like:|"
    r"\b(?:asks a pointed question|raises a doubt|warms up a little|has had enough and ends)",
    re.IGNORECASE,
)


@dataclass
class Tally:
    """Counts for one persona and script."""

    model: int = 0
    authored: int = 0
    fallbacks: int = 0
    repeats: int = 0
    meta: int = 0
    seconds: list[float] = field(default_factory=list)
    outcome: str = ""


def run(
    persona: Persona,
    script: list[str],
    backend: object,
    show: bool,
    dump: list[dict[str, str]],
    label: str,
) -> Tally:
    """One call on a script; the tally of its client lines."""
    header = CallHeader(
        id=f"bench-{persona.id}-{label}",
        persona=persona.id,
        difficulty=Difficulty.NORMAL,
        backend=getattr(backend, "name", "?"),
        model=getattr(backend, "model", "?"),
        seed=7,
        started_at=time.time(),
    )
    call = Call(persona, header, backend, default_referee())  # type: ignore[arg-type]
    bank = set(persona.lines.texts().values()) | {f.reveal_line for f in persona.hidden_facts}
    list(call.opening())
    tally = Tally()
    spoken: list[str] = []
    for line in script:
        if call.outcome.value != "continuing":
            break
        call.say(line)
        t0 = time.perf_counter()
        text = "".join(call.reply()).strip()
        tally.seconds.append(time.perf_counter() - t0)
        turn = call.turns[-1]
        text = turn.text
        if turn.fallback:
            tally.fallbacks += 1
        if text in bank:
            tally.authored += 1
        else:
            tally.model += 1
        earlier = said_sentences(spoken)
        if text in spoken or any(similar(text, s) for s in earlier):
            tally.repeats += 1
        if META.search(text):
            tally.meta += 1
        spoken.append(text)
        dump.append({"persona": persona.id, "script": label, "trainee": line, "client": text})
        if show:
            tag = "model" if text not in bank else "authored"
            flag = f" [fallback: {turn.fallback_reason}]" if turn.fallback else ""
            print(
                f"  Rep: {line}\n  {persona.identity.name.split()[0]} ({turn.beat}, {tag}): {text}{flag}"
            )
    tally.outcome = call.outcome.value
    return tally


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="local")
    parser.add_argument("--personas", type=int, default=13)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--dump")
    args = parser.parse_args()
    backend = create_backend(load_settings(backend=args.backend))
    dump: list[dict[str, str]] = []
    rows = []
    print(
        f"{'persona':18} {'script':5} {'model':>5} {'auth':>5} {'fallb':>5} {'repeat':>6} {'meta':>4} {'s/line':>6}  outcome"
    )
    for pid in list(persona_paths())[: args.personas]:
        persona = get_persona(pid)
        for label, script in (("good", GOOD), ("bad", BAD)):
            if args.show:
                print(f"== {pid} ({label})")
            t = run(persona, script, backend, args.show, dump, label)
            rows.append(t)
            print(
                f"{pid:18} {label:5} {t.model:5} {t.authored:5} {t.fallbacks:5} {t.repeats:6} "
                f"{t.meta:4} {statistics.mean(t.seconds):6.2f}  {t.outcome}"
            )
    seconds = [s for t in rows for s in t.seconds]
    print(
        f"{'total':24} {sum(t.model for t in rows):5} {sum(t.authored for t in rows):5} "
        f"{sum(t.fallbacks for t in rows):5} {sum(t.repeats for t in rows):6} "
        f"{sum(t.meta for t in rows):4} {statistics.mean(seconds):6.2f}"
    )
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for row in dump:
                out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
