"""Items 5, 6 and part of 15: a misbehaving server gives typed errors, bounded in time and size."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simulator.backends import ChatMessage
from simulator.backends.errors import (
    BackendRateLimited,
    BackendReplyTooLarge,
    BackendTimeout,
    BackendUnavailable,
)
from simulator.backends.openai_chat import ATTEMPTS, OpenAIBackend
from simulator.config import load_settings
from simulator.engine.linecheck import MAX_LINE_CHARS
from simulator.models import Persona
from simulator.repl.io import PlainIO
from simulator.repl.session import PracticeSession
from simulator.transcript import read_transcript
from tests.conftest import make_call
from tests.hostile.server import Hostile

HELLO = [ChatMessage("user", "hello")]


def backend(server: Hostile, timeout_s: float = 5.0) -> OpenAIBackend:
    return OpenAIBackend(
        load_settings(backend="openai", base_url=server.url, model="m", timeout_s=timeout_s)
    )


def test_a_500_is_retried_a_bounded_number_of_times_then_typed(hostile: Hostile) -> None:
    hostile.mode = "500"
    b = backend(hostile)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"server error \(500\)") as caught:
        b.complete(HELLO)
    assert len(hostile.seen.bodies) == ATTEMPTS
    assert time.monotonic() - started < 4
    assert "\x1b" not in str(caught.value)  # the server's escape codes do not reach the message
    # Known down: the next request fails at once instead of waiting out another round.
    started = time.monotonic()
    with pytest.raises(BackendUnavailable):
        b.complete(HELLO)
    assert len(hostile.seen.bodies) == ATTEMPTS and time.monotonic() - started < 0.5


def test_a_429_is_rate_limited_not_success(hostile: Hostile) -> None:
    hostile.mode = "429"
    with pytest.raises(BackendRateLimited):
        backend(hostile).complete(HELLO)
    assert len(hostile.seen.bodies) == ATTEMPTS


@pytest.mark.parametrize("mode", ["hang", "trickle"])
def test_a_hang_or_a_keepalive_trickle_is_bounded_by_the_total_time(
    hostile: Hostile, mode: str
) -> None:
    hostile.mode = mode
    b = backend(hostile, timeout_s=1.0)
    started = time.monotonic()
    with pytest.raises(BackendTimeout):
        list(b.stream_line(_request(b)))
    assert time.monotonic() - started < 3.0
    assert len(hostile.seen.bodies) == 1  # a timeout is not retried: the budget is spent


def test_a_huge_reply_is_cut_and_never_saved_whole(
    hostile: Hostile, pit_bull: Persona, tmp_path: Path
) -> None:
    hostile.mode = "huge"
    with pytest.raises(BackendReplyTooLarge):
        backend(hostile).complete(HELLO)
    call = make_call(pit_bull, backend(hostile), tmp_path / "c.jsonl")
    list(call.opening())
    call.say("What would make this worth your time?")
    started = time.monotonic()
    line = "".join(call.reply())
    assert time.monotonic() - started < 5
    assert len(line) <= MAX_LINE_CHARS
    assert max(len(t.text) for t in read_transcript(tmp_path / "c.jsonl").turns) <= MAX_LINE_CHARS


def test_many_tiny_chunks_cost_linear_time(
    hostile: Hostile, pit_bull: Persona, tmp_path: Path
) -> None:
    hostile.mode = "flood"
    call = make_call(pit_bull, backend(hostile), tmp_path / "c.jsonl")
    list(call.opening())
    call.say("What would make this worth your time?")
    started = time.monotonic()
    line = "".join(call.reply())
    assert time.monotonic() - started < 5  # was over 400 s for 100k chunks
    assert line and len(line) <= MAX_LINE_CHARS


def test_a_reset_mid_line_is_marked_and_the_notice_comes_after_the_line(
    hostile: Hostile, pit_bull: Persona, tmp_path: Path
) -> None:
    import io

    hostile.mode = "reset"
    path = tmp_path / "c.jsonl"
    call = make_call(pit_bull, backend(hostile), path)
    out = io.StringIO()
    session = PracticeSession(
        call, PlainIO(stdin=io.StringIO("What would help most?\n/end\n"), stdout=out)
    )
    session.run()
    printed = out.getvalue()
    persona_lines = [t for t in read_transcript(path).turns if t.speaker == "persona"]
    reply = persona_lines[1]
    assert reply.cut_off or reply.fallback  # never saved as a normal, complete line
    notice = next(line for line in printed.splitlines() if "backend failed" in line)
    assert not notice.startswith("Rex:")  # on its own line, not inside the client's words


def _request(b: OpenAIBackend):  # type: ignore[no-untyped-def]
    from simulator.backends import ActorRequest
    from simulator.personas import get_persona
    from simulator.vocabulary import Beat, Difficulty

    return ActorRequest(
        persona=get_persona("pit-bull"),
        difficulty=Difficulty.NORMAL,
        beat=Beat.PROBING,
        direction="push back",
        note="",
        example="Get to the point.",
    )


def test_a_batch_on_a_dead_backend_does_not_wait_out_every_turn(hostile: Hostile) -> None:
    """The automatic trainee asks once per turn; a known-dead server must answer at once."""
    from simulator.runner.run import run_scenario
    from simulator.scenarios import load_scenario
    from tests.conftest import ROOT

    hostile.mode = "500"
    scenario = load_scenario(ROOT / "scenarios" / "burned-before-trust.yaml")
    settings = load_settings(backend="openai", base_url=hostile.url, model="m", timeout_s=5)
    started = time.monotonic()
    run_scenario(scenario, "burned-before-trust.yaml", settings, seed=1, repeat=0)
    assert time.monotonic() - started < 10
    assert len(hostile.seen.bodies) <= 2 * ATTEMPTS  # not one full round per turn
