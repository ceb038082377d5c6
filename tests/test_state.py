"""The state engine: signals move state; hang-up, next step and fact reveals follow rules."""

from __future__ import annotations

from simulator.engine.state import apply_turn, initial_state
from simulator.models import Persona, PersonaState
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
