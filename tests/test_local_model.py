"""End to end on the real embedded model (no mock): offline, in character or counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.backends.local import LocalBackend
from simulator.config import load_settings
from simulator.engine.linecheck import problem
from simulator.personas import get_persona
from simulator.transcript import read_transcript
from tests.conftest import make_call

TRAINEE = [
    "Thanks for the time. What's prompting this project right now?",
    "I hear you. What happens today when it goes wrong?",
    "I can't cut my rate, because it covers testing, but we could phase the work.",
    "Shall we book a follow-up call next week to go through a plan?",
]


@pytest.fixture(scope="module")
def local() -> LocalBackend:
    return LocalBackend(load_settings(backend="local"))


@pytest.mark.model
@pytest.mark.parametrize("persona_id", ["pit-bull", "golden-retriever"])
def test_four_turn_call_on_the_embedded_model(
    local: LocalBackend, persona_id: str, tmp_path: Path
) -> None:
    persona = get_persona(persona_id)
    path = tmp_path / "call.jsonl"
    call = make_call(persona, local, path, seed=3)
    list(call.opening())
    for text in TRAINEE:
        call.say(text)
        list(call.reply())
    saved = read_transcript(path)
    lines = [t for t in saved.turns if t.speaker == "persona"][1:]
    assert len(lines) == 4
    for turn in lines:
        assert turn.text.strip()
        if not turn.fallback:  # what the model said passed the check as it stands
            assert problem(turn.text, persona, call.state.earned_facts) is None
    assert call.fallbacks == sum(1 for t in lines if t.fallback and t.beat != "reveal")


@pytest.mark.model
def test_concurrent_calls_share_the_model_safely(tmp_path: Path) -> None:
    """The batch runner drives calls from threads; llama.cpp must see one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def one(persona_id: str) -> int:
        persona = get_persona(persona_id)
        call = make_call(persona, LocalBackend(load_settings(backend="local")), seed=5)
        list(call.opening())
        for text in TRAINEE[:2]:
            call.say(text)
            list(call.reply())
        return sum(1 for t in call.turns if t.speaker == "persona")

    with ThreadPoolExecutor(max_workers=3) as pool:
        counts = list(pool.map(one, ["poodle", "chihuahua", "the-boss"]))
    assert counts == [3, 3, 3]


def test_exit_waits_for_a_line_still_inside_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A voice worker stopped mid-line holds the model's lock until its token is done;
    freeing the model under it would crash the process at exit."""
    import threading

    from simulator.backends import local as local_mod

    events: list[str] = []

    class Model:
        def close(self) -> None:
            events.append("closed")

    lock = threading.Lock()
    lock.acquire()
    monkeypatch.setattr(local_mod, "_MODELS", {("m.gguf", 1): Model()})
    monkeypatch.setattr(local_mod, "_LOCKS", {("m.gguf", 1): lock})

    def last_token() -> None:
        events.append("token done")
        lock.release()

    threading.Timer(0.2, last_token).start()
    local_mod._close_all()
    assert events == ["token done", "closed"]
