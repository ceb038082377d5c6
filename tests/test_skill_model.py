"""The learned skill model: one reading per turn, null when not at stake, guards, reasons."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.backends.fake import FakeBackend
from simulator.engine.call import Call
from simulator.errors import DataError
from simulator.models import SKILLS, CallHeader, Persona
from simulator.referee import ContextTurn, default_referee, encoder
from simulator.referee.scorer import MIDDLE
from simulator.referee.skill_model import load_model, parse

REF = default_referee()
PRESSURE = "Your competitor quoted half that. Ten percent off or we're done."


def scores(text: str, client: str | None) -> dict[str, float | None]:
    context = [ContextTurn("partner", client)] if client else []
    ev = REF.evaluate(text, context)
    return {k: ev.skills[k].score for k in SKILLS}


def test_the_shipped_model_loads_with_the_encoder() -> None:
    assert encoder.available() and load_model() is not None


def test_a_skill_not_at_stake_is_null_not_low() -> None:
    hello = scores("Hi, thanks for making the time today.", None)
    assert hello["boundary"] is None and hello["winwin"] is None


def test_an_unasked_discount_is_a_giveaway_at_stake() -> None:
    client = "We're a small team and honestly still figuring out what we need."
    ev = REF.evaluate(
        "No problem at all, and I can knock 20% off straight away if that helps.",
        [ContextTurn("partner", client)],
    )
    assert ev.signals.concession
    assert ev.skills["boundary"].score is not None and ev.skills["boundary"].score < MIDDLE


def test_a_cave_stays_capped_however_warm() -> None:
    warm = scores(
        "Of course, I completely understand, and I really value working together, so I'll do "
        "it for half price, no problem at all!",
        PRESSURE,
    )
    assert warm["boundary"] is not None and warm["boundary"] <= 0.5


def test_reflecting_a_worry_beats_reassuring_it_away() -> None:
    # The order of held, caved, attacked and curious turns is tests/test_referee.py's.
    worried = "Honestly I'm nervous, the last agency vanished halfway through."
    heard = scores("Vanished halfway, that would shake anyone. What happened at the end?", worried)
    pitched = scores("Don't worry, we're different. Our process is award-winning.", worried)
    assert heard["empathy"] > 2 > pitched["empathy"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("client", "text"),
    [
        (PRESSURE, "Okay, I can do ten percent off if you sign today."),
        (PRESSURE, "Sure, 20% off is fine."),
        ("Can you start this weekend?", "No weekends, sorry. Monday at nine works."),
        ("Last agency vanished on us.", "That sounds awful. What happened at the end?"),
        ("Just give me your number.", "It's 12,000 for the first phase."),
        ("I need it by Friday, free of charge.", "Happy to! I'll make it work."),
    ],
)
def test_a_reason_never_contradicts_its_score(client: str, text: str) -> None:
    ev = REF.evaluate(text, [ContextTurn("partner", client)])
    for skill in SKILLS:
        s = ev.skills[skill]
        if s.score is None or s.rule_level is None or not s.evidence:
            continue
        # A reason with the rules' evidence is the rules' reason: it must be on the same side.
        assert (s.rule_level >= MIDDLE) == (s.score >= MIDDLE), (skill, s)


def test_a_turn_is_encoded_once_per_call_turn(
    pit_bull: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    original = encoder._model()
    assert original is not None

    class Counting:
        def query(self, text: str) -> object:
            seen.append(text)
            return original.query(text)

    encoder._query.cache_clear()
    monkeypatch.setattr(encoder, "_model", lambda: Counting())
    header = CallHeader(
        id="t", persona=pit_bull.id, difficulty="normal", backend="fake", model="fake",
        seed=1, started_at=time.time(),
    )  # fmt: skip
    call = Call(pit_bull, header, FakeBackend(), REF)
    list(call.opening())
    turn = "What made you pick up the phone about dispatch this week, of all weeks?"
    call.say(turn)
    assert seen.count(turn) == 1
    encoder._query.cache_clear()


def test_a_damaged_model_file_is_one_clear_error() -> None:
    with pytest.raises(DataError, match=r"skill_model\.json: not a skill model"):
        parse({"features": ["len"], "skills": {}}, "skill_model.json")
    with pytest.raises(DataError, match="weights must be"):
        parse(
            {
                "features": ["len"],
                "skills": {
                    k: {
                        "weights": [0.0],
                        "bias": 0,
                        "scale": [1, 0],
                        "gate": [0.0],
                        "gate_bias": 0,
                        "threshold": 0.5,
                    }
                    for k in SKILLS
                },
            },
            "skill_model.json",
        )


def test_score_items_scores_every_good_line_and_names_the_bad_ones(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    long_text = "word " * 900  # 4,500 characters: longer than a live turn, still an item
    rows = [
        json.dumps({"item_id": "a", "context": [], "text": "Hello there"}),
        json.dumps({"item_id": "b", "context": 5, "text": "x"}),
        json.dumps({"item_id": "c", "context": [], "text": long_text}),
        '{"item_id": "d", "text": 3}',
    ]
    items.write_bytes(("\n".join(rows) + "\n").encode() + b'{"item_id": "e", "text": "\xff"}\n')
    out = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "score-items", str(items)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 3 and "Traceback" not in out.stderr
    got = [json.loads(x) for x in out.stdout.splitlines()]
    assert [g.get("item_id") for g in got if "error" not in g] == ["a", "c"]
    assert [g["line"] for g in got if "error" in g] == [2, 4, 5]
    for n in (2, 4, 5):
        assert f"{items}: line {n}:" in out.stderr
