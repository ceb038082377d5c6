"""Every actor line is checked; failures fall back to authored lines and are counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.backends.fake import FakeBackend
from simulator.engine.linecheck import LineGuard, problem
from simulator.models import Persona
from simulator.transcript import read_transcript
from tests.conftest import make_call


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("", "empty"),
        ("As an AI language model I cannot negotiate.", "talks about being an AI"),
        ("Fine. Rep: I can do it for less.", "speaks as the trainee"),
        ("A: She's not here, he doesn't care.", "speaks with someone else's tag"),
        ("The board approved sixty grand, to be honest.", "leaks unearned fact budget"),
        ("We have 5 thousand for it.", "invents a figure (5 thousand)"),
        ("One. Two. Three. Four.", "more than three sentences"),
    ],
)
def test_problem_names_the_reason(pit_bull: Persona, line: str, why: str) -> None:
    assert problem(line, pit_bull, []) == why


def test_earned_facts_may_be_said(pit_bull: Persona) -> None:
    assert problem("Truth is the board approved sixty grand.", pit_bull, ["budget"]) is None


def test_guard_trims_a_bad_tail_but_keeps_the_good_start(pit_bull: Persona) -> None:
    guard = LineGuard(pit_bull, [])
    out = "".join(guard.feed(["Don't dodge. ", "As an AI, I can't say."]))
    assert out == "Don't dodge." and guard.trimmed and guard.failure is None


def test_failing_line_is_replaced_by_an_authored_line_and_counted(
    pit_bull: Persona, tmp_path: Path
) -> None:
    fake = FakeBackend(lines=["As an AI I cannot role-play.", "As an AI I really cannot."])
    call = make_call(pit_bull, fake, tmp_path / "c.jsonl")
    list(call.opening())
    call.say("What's driving the dashboard project?")
    text = "".join(call.reply())
    authored = set(pit_bull.lines.texts().values())
    assert text in authored
    assert call.fallbacks == 1 and call.persona_lines == 1
    saved = read_transcript(tmp_path / "c.jsonl").turns[-1]
    assert saved.fallback and saved.fallback_reason == "line check: talks about being an AI"


def test_backend_failure_mid_call_falls_back_and_the_call_continues(pit_bull: Persona) -> None:
    fake = FakeBackend(lines=["Go on then."])
    fake.fail_after = 1
    notices: list[str] = []
    call = make_call(pit_bull, fake)
    call.notify = notices.append
    list(call.opening())
    call.say("What matters most to you here?")
    assert "".join(call.reply()) == "Go on then."
    call.say("What's the problem you need to fix?")
    second = "".join(call.reply())
    assert second and call.turns[-1].fallback_reason == "backend error"
    assert len(notices) == 1 and "fake backend failed" in notices[0]
    call.say("And when do you need it?")
    assert "".join(call.reply())  # still talking, on authored lines


def test_own_name_tag_is_dropped_not_failed(pit_bull: Persona) -> None:
    guard = LineGuard(pit_bull, [])
    assert (
        "".join(guard.feed(["Rex: Don't dodge. ", "Number first."])) == "Don't dodge. Number first."
    )
    assert guard.failure is None
