"""A call end to end on the fake backend: durable transcript, rewind, resume."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.backends.fake import FakeBackend
from simulator.engine.call import Call
from simulator.models import Persona, Verdict
from simulator.referee import default_referee
from simulator.transcript import TranscriptWriter, read_transcript
from simulator.vocabulary import Outcome
from tests.conftest import make_call


def test_every_turn_is_on_disk_as_soon_as_it_happens(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(lines=["Get to it."]), path)
    list(call.opening())
    call.say("What's the dashboard meant to fix?")
    # Before the persona answers, the trainee turn is already saved with its scores and state.
    records = [json.loads(line) for line in path.read_text().splitlines()]
    # The text alone ("said") lands before scoring, so a kill while scoring loses nothing.
    assert [r["type"] for r in records] == ["header", "turn", "said", "turn"]
    assert records[-1]["speaker"] == "trainee" and records[-1]["evaluation"]["skills"]
    assert records[-1]["state_after"]["patience"] < 55
    list(call.reply())
    assert read_transcript(path).turns[-1].text == "Get to it."


def test_rewind_reverts_state_and_is_counted(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    list(call.opening())
    before = call.state
    call.say("That's ridiculous. Take it or leave it.")
    list(call.reply())
    assert call.state.trust < before.trust
    assert call.rewind()
    assert call.state == before and len(call.turns) == 1
    call.say("What would a good result look like for you?")
    list(call.reply())
    saved = read_transcript(path)
    assert saved.rewinds == 1
    assert [t.speaker for t in saved.turns] == ["persona", "trainee", "persona"]
    assert "ridiculous" not in " ".join(t.text for t in saved.turns)


def test_resume_continues_from_the_saved_state(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    list(call.opening())
    call.say("I hear you. What problem does the dashboard need to fix first?")
    list(call.reply())
    call.say("What happens today when a truck is late?")  # killed before the persona answered
    state = call.state
    call.close()  # what the kernel does for a killed process: the transcript lock goes
    resumed = Call.resume(
        read_transcript(path),
        pit_bull,
        FakeBackend(lines=["Alright, keep talking."]),
        default_referee(),
        TranscriptWriter(path),
    )
    assert resumed.state == state and resumed.pending is not None
    assert "".join(resumed.reply()) == "Alright, keep talking."
    resumed.set_verdict(Verdict(verdict="fit", reason="real budget"))
    assert resumed.end() == Outcome.TRAINEE_ENDED
    saved = read_transcript(path)
    assert len(saved.turns) == 5 and saved.verdict and saved.outcome == Outcome.TRAINEE_ENDED


def test_truncated_last_line_is_reported_and_the_rest_read(
    pit_bull: Persona, tmp_path: Path
) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    list(call.opening())
    call.say("What's driving this now?")
    list(call.reply())
    text = path.read_text()
    path.write_text(text[:-25])  # the last line half-written, as after a crash
    saved = read_transcript(path)
    assert len(saved.turns) == 2
    assert saved.problems == [f"{path}: line 5: truncated (half-written last line); skipped"]
