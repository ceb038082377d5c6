"""Does a very long call stay as fast at its end as at its start?

Usage: python bench/long_call.py [--turns 10000] [--persona golden-retriever]
Holds one call in-process as `callsim practice` would (scripted backend, the real
referee, a transcript fsynced every turn in a temporary data folder) and feeds it
`--turns` trainee turns, cycling through varied ordinary discovery lines. A call that
reaches an outcome is reopened (as /rewind would) so the turns keep coming. Prints the
mean cost of a turn over the first and the last thousand turns and their ratio; the
hardening issue asks for a ratio of at most 1.5 (per-turn cost bounded, not growing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = [
    "What made you look for help with this now?",
    "How do you handle it today, and what does that cost you each month?",
    "Who else needs to be comfortable with this before you decide?",
    "That sounds frustrating. What happened the last time you tried?",
    "I can do the first phase by the end of the month if the scope stays as we agreed.",
    "What would a good result look like for you in six months?",
    "Let me make sure I have it right: the reports are late and your team redoes them.",
    "If we trim the reporting module, the price comes down and the date holds. Fair?",
    "Take your time, there is no rush on my side.",
    "What is the budget range you have in mind for this?",
    "Can you tell me more about how the team uses the current system?",
    "I would rather not start before we agree what done looks like.",
]


def main() -> None:
    """Feed the turns, time each, print first vs last thousand."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=10_000)
    parser.add_argument("--persona", default="golden-retriever")
    parser.add_argument("--window", type=int, default=1000)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="callsim-long-")
    os.environ["CALLSIM_HOME"] = home

    from simulator.backends.scripted import ScriptedBackend
    from simulator.engine.call import Call
    from simulator.models import CallHeader
    from simulator.personas import get_persona
    from simulator.referee import default_referee
    from simulator.transcript import TranscriptWriter, transcripts_dir
    from simulator.vocabulary import Outcome

    persona = get_persona(args.persona)
    header = CallHeader(
        id="long-call",
        persona=persona.id,
        difficulty="normal",
        backend="scripted",
        model="scripted",
        seed=0,
        started_at=time.time(),
    )
    writer = TranscriptWriter(transcripts_dir() / "long-call.jsonl")
    call = Call(persona, header, ScriptedBackend(), default_referee(), writer)
    list(call.opening())
    costs: list[float] = []
    reopened = 0
    for n in range(args.turns):
        if call.outcome != Outcome.CONTINUING:
            call.rewind()
            reopened += 1
        text = LINES[n % len(LINES)]
        started = time.perf_counter()
        call.say(f"{text} ({n})" if n % 3 == 0 else text)
        list(call.reply())
        costs.append(time.perf_counter() - started)
        if (n + 1) % args.window == 0:
            print(
                f"turn {n + 1}: mean of the last {args.window} {statistics.mean(costs[-args.window :]) * 1e3:.1f} ms",
                flush=True,
            )
    first = statistics.mean(costs[: args.window])
    last = statistics.mean(costs[-args.window :])
    print(
        f"turns {args.turns}, reopened {reopened} times, transcript {Path(writer.path).stat().st_size:,} bytes"
    )
    print(
        f"first {args.window}: {first * 1e3:.1f} ms a turn; last {args.window}: {last * 1e3:.1f} ms a turn"
    )
    print(f"ratio last/first: {last / first:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
