"""The openai backend, replayed from cassettes recorded against a real OpenAI-compatible
server on loopback (llama_cpp.server serving the bundled SmolLM2 model as "smollm2").

Re-record: python -m llama_cpp.server --model <bundled gguf> --port 8765 --model_alias smollm2
then pytest tests/test_openai_backend.py --record-mode=once (after deleting the cassettes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.backends import ChatMessage
from simulator.backends.openai_chat import OpenAIBackend
from simulator.config import load_settings
from simulator.models import Persona
from tests.conftest import make_call

BASE_URL = "http://127.0.0.1:8765/v1"  # pinned: cassettes only replay against this host:port
SECRET_HEADERS = ("authorization", "openai-organization", "openai-project", "x-api-key")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS or name.lower().startswith("set-cookie"):
            headers.pop(name)
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """Never record a key; record_mode is left to the command line on purpose."""
    return {
        "filter_headers": list(SECRET_HEADERS),
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
    }


def backend(**extra: Any) -> OpenAIBackend:
    settings = load_settings(backend="openai", base_url=BASE_URL, model="smollm2", **extra)
    return OpenAIBackend(settings)


@pytest.mark.vcr
def test_streams_a_persona_line_from_a_chat_server(pit_bull: Persona) -> None:
    call = make_call(pit_bull, backend(), seed=11)
    list(call.opening())
    call.say("Before I give you a number, who would use the dashboard day to day?")
    chunks = list(call.reply())
    assert len(chunks) >= 1
    line = call.turns[-1]
    assert line.speaker == "persona" and line.text.strip()
    # Either the model's line passed the check, or the fallback is counted: never silent.
    assert call.fallbacks == (1 if line.fallback else 0)


@pytest.mark.vcr
def test_a_call_on_a_small_chat_model_speaks_clean_lines(pit_bull: Persona) -> None:
    """Recorded replies of a 135M chat model: every spoken line is one clean line."""
    from simulator.engine.linecheck import META_TEXT, problem

    call = make_call(pit_bull, backend(), seed=5)
    list(call.opening())
    for text in (
        "What's prompting this project right now?",
        "That makes sense. What happens today when it goes wrong?",
        "Sure, I can knock twenty percent off.",
        "What budget have you set aside for this?",
    ):
        call.say(text)
        "".join(call.reply())
    lines = [t for t in call.turns[1:] if t.speaker == "persona"]
    assert len(lines) == 4 and not call.backend_down  # the server answered every request
    for turn in lines:
        assert "\n" not in turn.text and not META_TEXT.search(turn.text), turn.text
        assert problem(turn.text, pit_bull, call.state.earned_facts) is None
    # The budget is not earned: a deflection, never a figure from the model.
    assert lines[-1].text in pit_bull.lines.deflect["budget"] or lines[-1].beat != "reveal"


@pytest.mark.vcr
def test_structured_output_in_json_mode() -> None:
    schema = {
        "type": "object",
        "properties": {"empathy": {"type": "integer"}, "reason": {"type": "string"}},
        "required": ["empathy", "reason"],
    }
    b = backend(judge_method="json_mode")
    raw = b.complete(
        [
            ChatMessage("system", "Reply in JSON with keys empathy (0-100) and reason."),
            ChatMessage(
                "user", "Trainee said: 'I hear you, that sounds stressful. What happened?'"
            ),
        ],
        schema=schema,
    )
    assert isinstance(json.loads(raw), dict)


def test_cassettes_hold_no_key() -> None:
    folder = Path(__file__).parent / "cassettes" / "test_openai_backend"
    text = "".join(p.read_text() for p in folder.glob("*.yaml"))
    assert text and "authorization" not in text.lower() and "sk-" not in text


@pytest.mark.vcr
def test_automatic_trainee_is_played_by_the_chat_model() -> None:
    """A policy scenario on a chat server: the model speaks for the trainee, the referee scores it."""
    from simulator.runner.run import run_scenario
    from simulator.runner.trainee import BAD_LINES, GOOD_BOUNDARY, GOOD_OPEN, GOOD_PRESSURED
    from simulator.scenarios import load_scenario
    from simulator.transcript import read_transcript, transcripts_dir

    scenario = load_scenario(
        Path(__file__).parent.parent / "scenarios" / "burned-before-trust.yaml"
    )
    scenario.policy.max_turns = 2  # type: ignore[union-attr]
    settings = load_settings(backend="openai", base_url=BASE_URL, model="smollm2")
    result = run_scenario(scenario, "burned-before-trust.yaml", settings, seed=3, repeat=0)
    saved = read_transcript(transcripts_dir() / f"{result.call_id}.jsonl")
    trainee = [t.text for t in saved.turns if t.speaker == "trainee"]
    canned = {*GOOD_OPEN, *GOOD_PRESSURED, *GOOD_BOUNDARY, *BAD_LINES}
    assert len(trainee) == 2 and all(t.strip() for t in trainee)
    assert any(t not in canned for t in trainee)  # at least one line came from the model
    assert all(t.evaluation is not None for t in saved.turns if t.speaker == "trainee")


# --- the cleaner: replies observed from small chat models through the openai path ---------


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            'A line in your voice for this moment: "Fine. What\'s the number?"',
            "Fine. What's the number?",
        ),
        ("Rex: Don't dodge. Number first.", "Don't dodge. Number first."),
        ("**Rex Dalton:** Number first.", "Number first."),
        ("Client: Number first.", "Number first."),
        ("Number first.\n\nI hope this line fits the scene.", "Number first."),
        ("\nRex: (leans back) Fine.\nRep: Great!", "Fine."),
        (
            "Director's note for your next line (private, do not read it out): be blunt.\n"
            "Fine. Show me the plan.",
            "be blunt.",
        ),
        ("Sure! Here's my reply: Go on.", "Go on."),
    ],
)
def test_cleaner_keeps_one_spoken_line(reply: str, expected: str) -> None:
    from simulator.backends.cleaning import clean_stream

    chunks = [reply[i : i + 7] for i in range(0, len(reply), 7)]  # streamed in pieces
    assert "".join(clean_stream(chunks, ["Rex Dalton", "Rex"])).strip() == expected


@pytest.mark.parametrize(
    "leftover",
    [
        "You feel guarded. What moved you: a pitch.",
        "Share this, and only this: the budget.",
        "(Private direction) Say it in your voice.",
        "Something like: fine.",
        "Rep: That's a deal.",
    ],
)
def test_echoed_notes_fail_the_line_check(pit_bull: Persona, leftover: str) -> None:
    from simulator.backends.cleaning import clean_stream
    from simulator.engine.linecheck import problem

    cleaned = "".join(clean_stream([leftover], ["Rex Dalton", "Rex"]))
    assert problem(cleaned, pit_bull, []) is not None
