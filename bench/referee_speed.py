"""Referee speed and the judge's prompt size.

Usage: python bench/referee_speed.py [BENCH_DIR]
- referee items per second over the dev items, and the projected time for the 18.7k-item
  held-out file (goal <= 5 minutes);
- p50 / p95 latency of one live turn late in a 30-turn call (goal p95 <= 30 ms), each
  turn and each client line new to the encoder (no cached vector helps);
- the judge's prompt size for calls of 10, 30 and 90 turns (bounded by its window).
Run it on a quiet machine; the encoder uses one thread (CALLSIM_ENCODER_THREADS).
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
from simulator.referee.reading import hear_client
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


SALES = Path(__file__).resolve().parents[2] / "shared/benchmark/sales_dev/pairs.jsonl"


def live_turns(n: int) -> list[tuple[str, str]]:
    """(client line, trainee turn) pairs nobody has encoded yet in this process."""
    pairs = [json.loads(x) for x in SALES.open()]
    out = []
    for i in range(n):
        p = pairs[i % len(pairs)]
        tag = f" (take {i // len(pairs) + 1})" if i >= len(pairs) else ""
        out.append((p["context"][-1]["text"] + tag, p["better"] + tag))
    return out


def latency() -> tuple[float, float]:
    """p50 and p95 ms to read and score one live turn, client line included."""
    call = call_of(29)
    ref = default_referee()
    ctx = call.context()
    ref.evaluate("warm up", ctx)
    samples = []
    for client, turn in live_turns(300):
        hear_client(client)  # as Call does when the client's line is spoken
        t0 = time.perf_counter()
        ref.evaluate(turn, [*ctx, ContextTurn("partner", client)], persona=call.persona)
        samples.append((time.perf_counter() - t0) * 1000)
    q = statistics.quantiles(samples, n=20)
    return q[9], q[18]


def long_turns() -> list[tuple[int, float]]:
    """Seconds to score very long turns: every phrase pattern must stay linear in length."""
    ref = default_referee()
    base = "I hear you, what what what if you sign and I can, because our price stays. "
    out = []
    for size in (5_000, 20_000, 200_000):
        text = (base * (size // len(base) + 1))[:size]
        t0 = time.perf_counter()
        ref.evaluate(text, [ContextTurn("partner", "Cut the price now!")])
        out.append((size, time.perf_counter() - t0))
    return out


def judge_prompt_chars(turns: int) -> int:
    call = call_of(turns)
    return sum(len(m.content) for m in build_messages(call.turns, call.persona, load_rubric()))


def main() -> None:
    rate = throughput()
    print(f"referee throughput: {rate:,.0f} items/s (dev items, one process)")
    print(f"  the 18,765-item held-out file: {18_765 / rate / 60:.1f} min (goal <= 5)")
    p50, p95 = latency()
    print(
        f"live turn, turn 30 of a call, new texts: p50 {p50:.1f} ms, p95 {p95:.1f} ms (goal p95 <= 30)"
    )
    for size, secs in long_turns():
        print(f"one {size:,}-character turn: {secs:.2f} s")
    for n in (4, 10, 30, 90):
        chars = judge_prompt_chars(n)
        print(f"judge prompt for a {n}-turn call: {chars:,} chars (~{chars // 4:,} tokens)")


if __name__ == "__main__":
    main()
