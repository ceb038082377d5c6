"""Referee speed and the judge's prompt size.

Usage: python bench/referee_speed.py [BENCH_DIR]
- referee turns per second on one core over the dev items (goal >= 1,000/s);
- p95 latency of one turn late in a 30-turn call (goal <= 20 ms);
- the judge's prompt size for calls of 10, 30 and 90 turns (bounded by its window).
Run it pinned to one core for the per-core figure: taskset -c 0 python bench/referee_speed.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from simulator.backends.fake import FakeBackend
from simulator.engine.call import Call
from simulator.evaluation.judge import build_messages
from simulator.evaluation.rubric import load_rubric
from simulator.models import CallHeader
from simulator.personas import get_persona
from simulator.referee import ContextTurn, default_referee
from simulator.vocabulary import Difficulty

BENCH = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else Path(__file__).resolve().parents[2] / "shared/benchmark/dev"
)
LINES = [
    "I hear you, price matters. What did the other quote include?",
    "I can't drop the rate, because it covers testing, but we could phase the work.",
    "What would make this a win for you by March?",
    "Okay, fine, whatever you want.",
    "If we trade scope for time, does that work for both of us?",
]


def throughput() -> float:
    ref = default_referee()
    items = [json.loads(x) for x in (BENCH / "items.jsonl").open()]
    ctxs = [[ContextTurn(t["speaker"].lower(), t["text"]) for t in it["context"]] for it in items]
    ref.evaluate("warm up", [])
    start = time.perf_counter()
    for it, ctx in zip(items, ctxs, strict=True):
        ref.evaluate(it["text"], ctx)
    return len(items) / (time.perf_counter() - start)


def call_of(turns: int) -> Call:
    persona = get_persona("zero-sum-haggler")
    header = CallHeader(
        id="bench",
        persona=persona.id,
        difficulty=Difficulty.EASY,
        backend="fake",
        model="fake",
        seed=1,
        started_at=time.time(),
    )
    call = Call(persona, header, FakeBackend(), default_referee())
    list(call.opening())
    for i in range(turns):
        call.say(LINES[i % len(LINES)])
        list(call.reply())
        call.state.patience = 100  # keep the client on the line for the benchmark
        call.state.outcome = call.state.outcome.__class__("continuing")
    return call


def latency_p95() -> float:
    call = call_of(29)
    ref = default_referee()
    ctx = call.context()
    samples = []
    for i in range(300):
        t0 = time.perf_counter()
        ref.evaluate(LINES[i % len(LINES)], ctx, persona=call.persona)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.quantiles(samples, n=20)[18]


def long_turns() -> list[tuple[int, float]]:
    """Seconds to score very long turns: every phrase pattern must stay linear in length."""
    ref = default_referee()
    base = "I hear you, what what what if you sign and I can, because our price stays. "
    out = []
    for size in (5_000, 50_000, 200_000):
        text = (base * (size // len(base) + 1))[:size]
        t0 = time.perf_counter()
        ref.evaluate(text, [ContextTurn("partner", "Cut the price now!")])
        out.append((size, time.perf_counter() - t0))
    return out


def judge_prompt_chars(turns: int) -> int:
    call = call_of(turns)
    return sum(len(m.content) for m in build_messages(call.turns, call.persona, load_rubric()))


def main() -> None:
    print(f"referee throughput: {throughput():,.0f} turns/s (dev items, one process)")
    print(f"referee p95 latency, turn 30 of a call: {latency_p95():.2f} ms")
    for size, secs in long_turns():
        print(f"one {size:,}-character turn: {secs:.2f} s")
    for n in (4, 10, 30, 90):
        chars = judge_prompt_chars(n)
        print(f"judge prompt for a {n}-turn call: {chars:,} chars (~{chars // 4:,} tokens)")


if __name__ == "__main__":
    main()
