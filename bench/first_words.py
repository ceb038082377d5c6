"""What a trainee feels on the embedded model: a fixed 30-turn call, quiet and beside a busy core.

Prints, for the quiet run and the one-busy-core run: first visible text p50/p95 for turns
1-5 and 26-30 (from the trainee's submit to the first text the REPL would show), prompt
tokens llama.cpp evaluated per model line (all lines and after turn 3), attempts per model
line, and wall time over model time; and, for scale, when the whole line is shown. The busy run is also shown as ratios to the quiet one.
Usage: python bench/first_words.py [--persona golden-retriever] [--seed 7] [--no-busy]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from simulator.backends import ActorRequest
from simulator.backends import local as local_mod
from simulator.backends.local import LocalBackend
from simulator.config import load_settings
from simulator.engine.call import Call
from simulator.models import CallHeader
from simulator.personas import get_persona
from simulator.referee import default_referee
from simulator.vocabulary import Difficulty

# Thirty turns a patient client keeps answering: discovery, a boundary, a next step.
SCRIPT = [
    "Thanks for making the time. What's prompting this project right now?",
    "That makes sense. What happens today when it goes wrong?",
    "It sounds like that's been costing your team a lot. What would a good outcome look like?",
    "Who else is involved in deciding on this?",
    "What budget have you set aside for this?",
    "How are you handling it at the moment?",
    "What have you tried before, and how did it go?",
    "I hear you. What would make this a clear win for you?",
    "Is there a date driving this?",
    "What worries you most about changing how you do it?",
    "I can't lower my rate, because it covers the testing, but we could phase the work.",
    "How would your team measure success after three months?",
    "What would you need to feel confident working with me?",
    "That's fair. Can you tell me more about the people who use it every day?",
    "What does a typical week look like for them?",
    "Which part of the process takes the most time?",
    "If we fixed only one thing first, which would matter most?",
    "How do you usually work with outside partners?",
    "What made the last partnership work, or not work?",
    "I understand. What would you want to see in a first phase?",
    "How soon would you want to see first results?",
    "Who would be my day-to-day contact on your side?",
    "What could get in the way of this project on your side?",
    "That helps. What questions do you have for me so far?",
    "If we start with a small first phase, does that work for both of us?",
    "What would you need from me to take this to your team?",
    "Is there anything we haven't covered that matters to you?",
    "Thanks, that's really useful. What's the best way to follow up?",
    "Shall we book a follow-up call next week to go through a plan?",
    "Great. I'll send a short summary today. Anything you'd add?",
]
EARLY, LATE = range(0, 5), range(25, 30)


@dataclass
class Run:
    """Measurements of one 30-turn call."""

    first: list[float] = field(default_factory=list)  # per turn, seconds
    done: list[float] = field(default_factory=list)  # per turn: the whole line shown
    model_line: list[bool] = field(default_factory=list)
    evaluated: list[list[int]] = field(default_factory=list)  # per turn, per attempt
    wall: float = 0.0
    model: float = 0.0
    threads: int = 0
    turns: int = 0


class Timed:
    """Wraps the local backend: time inside the model, attempts and prompt tokens evaluated."""

    def __init__(self, inner: LocalBackend, run: Run) -> None:
        self.inner, self.run = inner, run
        self.name, self.model, self.tiny, self.settings = "local", inner.model, True, inner.settings
        # The engine treats a backend that continues the line's start differently (a line
        # with no start to continue is spoken as authored): the bench must be that backend.
        self.continues_start = inner.continues_start
        llm, _ = local_mod._load(str(inner.path), inner.threads)
        self.llm = llm
        self._attempt: list[int] | None = None
        original = llm.eval

        def counting_eval(tokens: Any) -> None:
            # The first eval of a completion is the prompt (minus the reused prefix);
            # the rest are one sampled token each.
            if self._attempt is not None and not self._attempt:
                self._attempt.append(len(tokens))
            original(tokens)

        llm.eval = counting_eval

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """The inner stream, with the time spent waiting on it added to model time."""
        attempt: list[int] = []
        # A stopped line's worker finishes after the next turn began: keep its own slot.
        slot, nth = self.run.evaluated[-1], len(self.run.evaluated[-1])
        slot.append(0)
        self._attempt = attempt
        chunks = self.inner.stream_line(request)
        try:
            while True:
                t0 = time.perf_counter()
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                finally:
                    self.run.model += time.perf_counter() - t0
                yield chunk
        finally:
            chunks.close()
            slot[nth] = attempt[0] if attempt else 0
            if self._attempt is attempt:
                self._attempt = None

    def complete(self, messages: Any, *, schema: Any = None) -> str:
        """Not used by a call's client lines."""
        raise NotImplementedError


def one_call(persona_id: str, seed: int) -> Run:
    """Play SCRIPT on a fresh call; measure every turn as the REPL would see it."""
    run = Run()
    inner = LocalBackend(load_settings(backend="local"))
    run.threads = inner.threads
    backend = Timed(inner, run)
    persona = get_persona(persona_id)
    header = CallHeader(
        id="bench-first-words",
        persona=persona.id,
        difficulty=Difficulty.NORMAL,
        backend="local",
        model=inner.model,
        seed=seed,
        started_at=time.time(),
    )
    call = Call(persona, header, backend, default_referee())  # type: ignore[arg-type]
    list(call.opening())
    for line in SCRIPT:
        if call.outcome.value != "continuing":
            break
        run.evaluated.append([])
        t0 = time.perf_counter()
        call.say(line)
        first: float | None = None
        for chunk in call.reply():
            if first is None and chunk.strip():
                first = time.perf_counter() - t0
        run.wall += time.perf_counter() - t0
        run.done.append(time.perf_counter() - t0)
        run.first.append(first if first is not None else time.perf_counter() - t0)
        run.model_line.append(bool(run.evaluated[-1]))
        run.turns += 1
    return run


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(run: Run) -> dict[str, float]:
    """The figures the issue asks for."""
    early = [run.first[i] for i in EARLY if i < len(run.first)]
    late = [run.first[i] for i in LATE if i < len(run.first)]
    lines = [e for e, m in zip(run.evaluated, run.model_line, strict=True) if m]
    later = [
        e
        for i, (e, m) in enumerate(zip(run.evaluated, run.model_line, strict=True))
        if m and i >= 3
    ]
    return {
        "turns": run.turns,
        "threads": run.threads,
        "p50 all": pct(run.first, 0.5),
        "p95 all": pct(run.first, 0.95),
        "p50 1-5": pct(early, 0.5),
        "p95 1-5": pct(early, 0.95),
        "p50 26-30": pct(late, 0.5),
        "p95 26-30": pct(late, 0.95),
        "line done p50": pct(run.done, 0.5),
        "line done p95": pct(run.done, 0.95),
        "late/early p50": pct(late, 0.5) / max(pct(early, 0.5), 1e-9),
        "model lines": len(lines),
        "tokens/line": statistics.mean(sum(e) for e in lines) if lines else 0.0,
        "tokens/line t>3": statistics.mean(sum(e) for e in later) if later else 0.0,
        "attempts/line": statistics.mean(len(e) for e in lines) if lines else 0.0,
        "wall/model": run.wall / max(run.model, 1e-9),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persona", default="golden-retriever")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-busy", action="store_true")
    args = parser.parse_args()
    quiet = summary(one_call(args.persona, args.seed))
    busy: dict[str, float] | None = None
    if not args.no_busy:
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(1.0)
            busy = summary(one_call(args.persona, args.seed))
        finally:
            hog.terminate()
            hog.wait()
    print(f"{'measure':18} {'quiet':>8} {'busy core':>10} {'busy/quiet':>10}")
    for key, value in quiet.items():
        row = f"{key:18} {value:8.3f}"
        if busy is not None:
            ratio = busy[key] / value if value else float("nan")
            row += f" {busy[key]:10.3f} {ratio:10.2f}"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
