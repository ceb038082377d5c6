"""The learned check on the moves the client hears (engine/hearing_model.py)."""

from __future__ import annotations

import json

import pytest

from simulator.engine import hearing_model
from simulator.engine.listening import hear
from simulator.errors import DataError
from simulator.personas import get_persona
from simulator.referee import ContextTurn, default_referee, logistic
from simulator.vocabulary import Move


def _heard(persona_id: str, before: str, text: str, lang: str = "en") -> list[Move]:
    """The moves heard in a turn, read as a call reads it (one reading, then the hearing)."""
    persona = get_persona(persona_id, lang)
    referee = default_referee()
    context = [ContextTurn("partner", before)]
    reading = referee.read(text, context)
    ev = referee.evaluate(text, context, persona=persona, reading=reading)
    return hear(text, context, ev, persona, [], reading).moves


@pytest.mark.parametrize(
    ("persona_id", "before", "text", "unmade"),
    [
        # A firm limit is not an attack: no "calm down" owed (live round 21b).
        (
            "boundary-tester",
            "Surely the contract can wait till we've started?",
            "It's one page. Protects both of us. Non-negotiable.",
            Move.HOSTILE,
        ),
        # Why the trainee asks is no offer of a trade.
        (
            "pit-bull",
            "And that matters why? Make it quick.",
            "because if I know what wastes the time I build that first, not everything. "
            "you save money that way",
            Move.TRADE,
        ),
    ],
)
def test_a_move_nobody_made_is_not_heard(
    persona_id: str, before: str, text: str, unmade: Move
) -> None:
    assert unmade not in _heard(persona_id, before, text)


@pytest.mark.parametrize(
    ("persona_id", "before", "text", "made"),
    [
        (
            "zero-sum-haggler",
            "The others came in under that. Try again.",
            "Okay, fine, I'll knock 20% off and throw in the logo for free.",
            Move.CONCESSION,
        ),
        (
            "zero-sum-haggler",
            "Cut it to eight or we're done.",
            "Are you serious? That's a ridiculous offer, you're wasting my time.",
            Move.HOSTILE,
        ),
        (
            "scope-creeper",
            "Can you just add the admin panel while you're at it?",
            "The admin panel isn't in what we agreed, so it's extra: about two weeks and 3,000.",
            Move.LIMIT,
        ),
        (
            "zero-sum-haggler",
            "Forty is too much.",
            "If you can commit to twelve months, I can do thirty-six for the first year.",
            Move.TRADE,
        ),
    ],
)
def test_a_move_made_is_still_heard(persona_id: str, before: str, text: str, made: Move) -> None:
    assert made in _heard(persona_id, before, text)


def test_without_weights_nothing_is_doubted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hearing_model.logistic, "load_fit", lambda *a: None)
    before = "Surely the contract can wait till we've started?"
    text = "It's one page. Protects both of us. Non-negotiable."
    reading = default_referee().read(text, [ContextTurn("partner", before)])
    assert hearing_model.doubted(reading, [Move.HOSTILE, Move.LIMIT]) == frozenset()


def test_damaged_weights_name_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / hearing_model.WEIGHTS).write_text(json.dumps({"names": ["x"]}))
    monkeypatch.setattr(logistic.resources, "files", lambda _: tmp_path)
    logistic.load_fit.cache_clear()
    try:
        with pytest.raises(DataError, match=hearing_model.WEIGHTS):
            logistic.load_fit(hearing_model.WEIGHTS, hearing_model.NAMES, "trade")
    finally:
        logistic.load_fit.cache_clear()


def test_the_clients_own_word_echoed_is_no_attack() -> None:
    """Live round 22: "idiot-proof", given back, cost 14 trust as belittling the client."""
    before = "Make it idiot-proof. My lads are not office people."
    text = "So you want it idiot-proof: three buttons, big text, works offline. Right?"
    assert Move.HOSTILE not in _heard("the-boss", before, text)
    ev = default_referee().evaluate(text, [ContextTurn("partner", before)])
    assert not ev.signals.hostility
