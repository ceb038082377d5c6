"""Actor line quality on the embedded model: 13 personas x 10 fixed trainee lines.

Reports the share of persona lines that pass the line check without fallback, and the
mean seconds per persona line. Usage: python bench/actor_quality.py [--personas N] [--show]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

from simulator.backends import create_backend
from simulator.config import load_settings
from simulator.engine.call import Call
from simulator.models import CallHeader
from simulator.personas import get_persona, persona_paths
from simulator.referee import default_referee
from simulator.vocabulary import Difficulty

TRAINEE_LINES = [
    "Hi, thanks for making the time. What's prompting this project right now?",
    "That makes sense. What happens today when it goes wrong?",
    "I understand the pressure. Before we talk price, who else is involved in the decision?",
    "My rate is fixed, because that's how I protect quality, but we could phase the work.",
    "What timeline are you working to?",
    "It sounds like the last experience really stung. What would make this feel safer?",
    "I can't do unpaid work, but I could offer a short paid discovery sprint instead.",
    "What budget have you set aside for this?",
    "If we trade scope for time, does that work for both of us?",
    "Shall we book a follow-up call next week to go through a plan?",
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--personas", type=int, default=13)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    settings = load_settings(backend="local")
    backend = create_backend(settings)
    referee = default_referee()
    passed = total = reveals = 0
    seconds: list[float] = []
    reasons: dict[str, int] = {}
    with tempfile.TemporaryDirectory():
        for pid in list(persona_paths())[: args.personas]:
            persona = get_persona(pid)
            header = CallHeader(
                id=f"bench-{pid}",
                persona=pid,
                difficulty=Difficulty.NORMAL,
                backend="local",
                model=backend.model,
                seed=7,
                started_at=time.time(),
            )
            call = Call(persona, header, backend, referee)
            list(call.opening())
            for line in TRAINEE_LINES:
                if call.outcome.value != "continuing":
                    break
                call.say(line)
                t0 = time.perf_counter()
                text = "".join(call.reply())
                elapsed = time.perf_counter() - t0
                last = call.turns[-1]
                if last.beat == "reveal":
                    reveals += 1  # spoken from the persona's own words: the model is not asked
                    continue
                seconds.append(elapsed)
                total += 1
                passed += 0 if last.fallback else 1
                if last.fallback_reason:
                    reasons[last.fallback_reason] = reasons.get(last.fallback_reason, 0) + 1
                if args.show:
                    flag = f"  [FALLBACK: {last.fallback_reason}]" if last.fallback else ""
                    print(f"{pid:18} {last.beat}: {text}{flag}")
    print(f"model lines: {total}; passed the line check without fallback: {passed / total:.1%}")
    print(f"reveal lines spoken from authored text (not counted): {reveals}")
    print(
        f"mean seconds per persona line: {statistics.mean(seconds):.2f} "
        f"(median {statistics.median(seconds):.2f})"
    )
    print("fallback reasons:", reasons)
    return 0


if __name__ == "__main__":
    sys.exit(main())
