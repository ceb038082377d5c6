"""The state engine: signals move state; hang-up, next step and fact reveals follow rules."""

from __future__ import annotations

from simulator.engine.state import apply_turn, earns_no_trust, initial_state
from simulator.models import Persona, PersonaState
from simulator.personas import get_persona, persona_paths
from simulator.referee import ContextTurn, default_referee
from simulator.vocabulary import Difficulty, Outcome

REF = default_referee()


def step(
    persona: Persona, state: PersonaState, text: str, difficulty: Difficulty = Difficulty.NORMAL
):  # type: ignore[no-untyped-def]
    ev = REF.evaluate(text, [ContextTurn("partner", persona.opening_line)], persona=persona)
    return apply_turn(persona, difficulty, state, text, ev)


def test_concession_costs_trust_with_a_pit_bull(pit_bull: Persona) -> None:
    start = initial_state(pit_bull, Difficulty.NORMAL)
    caved = step(pit_bull, start, "Okay, fine, I'll drop the price by half, whatever you need.")
    held = step(
        pit_bull,
        start,
        "I can't drop the price, because it covers testing, but we could do phase one first.",
    )
    assert caved.state.trust < start.trust < held.state.trust
    assert any("folded" in r for r in caved.reasons)


def test_hostility_exhausts_patience_and_the_client_hangs_up(pit_bull: Persona) -> None:
    state = initial_state(pit_bull, Difficulty.NORMAL)
    for _ in range(6):
        change = step(pit_bull, state, "That's ridiculous, take it or leave it.")
        state = change.state
        if state.outcome != Outcome.CONTINUING:
            break
    assert state.outcome == Outcome.HUNG_UP
    assert state.patience == 0


def test_hard_difficulty_punishes_more_than_easy(pit_bull: Persona) -> None:
    text = "Let me tell you about our industry-leading platform, we're the best."
    easy = step(pit_bull, initial_state(pit_bull, Difficulty.EASY), text, Difficulty.EASY)
    hard = step(pit_bull, initial_state(pit_bull, Difficulty.HARD), text, Difficulty.HARD)
    easy_drop = initial_state(pit_bull, Difficulty.EASY).patience - easy.state.patience
    hard_drop = initial_state(pit_bull, Difficulty.HARD).patience - hard.state.patience
    assert hard_drop > easy_drop > 0


def test_fact_needs_a_targeted_question_and_enough_trust(pit_bull: Persona) -> None:
    low = PersonaState(trust=10, patience=60, interest=50)
    asked_low = step(pit_bull, low, "What budget has been approved for this?")
    assert asked_low.newly_earned == []
    high = PersonaState(trust=60, patience=60, interest=50)
    not_asked = step(pit_bull, high, "Our dashboards are fast.")
    assert not_asked.newly_earned == []
    asked_high = step(pit_bull, high, "What budget has been approved for this?")
    assert asked_high.newly_earned == ["budget"]
    assert "budget" in asked_high.state.earned_facts


def test_next_step_only_when_interest_and_trust_are_high(pit_bull: Persona) -> None:
    ask = "Shall we book a follow-up call on Thursday to go through a plan?"
    cold = step(pit_bull, PersonaState(trust=20, patience=60, interest=30), ask)
    assert cold.state.outcome == Outcome.CONTINUING and cold.state.declined_next_step == 1
    warm = step(pit_bull, PersonaState(trust=70, patience=60, interest=80), ask)
    assert warm.state.outcome == Outcome.NEXT_STEP
    unasked = step(
        pit_bull, PersonaState(trust=70, patience=60, interest=80), "Tell me more about the fleet."
    )
    assert unasked.state.outcome == Outcome.CONTINUING


# Turns that please a client in the moment but must never earn its trust (issue 20): warm
# caves, unasked giveaways, a defensive outburst, a cold quote before anything is known.
NO_TRUST_TURNS = (
    "I totally understand, and honestly, to make this easy I'll knock 20% off. Happy to help!",
    "Great question! I'll throw in the logo design for free, no charge, as a thank you.",
    "Sure, whatever you think is fair, I'm flexible on the price, just let me know.",
    "Excuse me? I've done this for fifteen years, I don't need you lecturing me on my job.",
    "That's a stupid thing to say, and frankly you're wasting my time.",
    "It'll be $8,000 for the whole thing, fixed.",
)


def test_no_persona_ever_trusts_more_after_a_cave_a_giveaway_or_an_attack() -> None:
    for name in persona_paths():
        persona = get_persona(name)
        for difficulty in (Difficulty.EASY, Difficulty.HARD):
            start = PersonaState(trust=50, patience=80, interest=50)
            for text in NO_TRUST_TURNS:
                change = step(persona, start, text, difficulty)
                assert change.state.trust <= start.trust, (persona.id, difficulty, text)
    # Each is read as a turn that earns nothing, so the rule holds whatever the triggers say.
    persona = get_persona("golden-retriever")
    for text in NO_TRUST_TURNS:
        ev = REF.evaluate(text, [ContextTurn("partner", persona.opening_line)], persona=persona)
        assert earns_no_trust(ev, text, PersonaState(trust=50, patience=80, interest=50)), text


def test_a_good_turn_still_earns_trust() -> None:
    basset_hound = get_persona("basset-hound")
    start = PersonaState(trust=40, patience=80, interest=50)
    change = step(
        basset_hound,
        start,
        "No rush at all. It sounds like the people there matter a lot to you. What's been "
        "on your mind about changing things?",
    )
    assert change.state.trust > start.trust
