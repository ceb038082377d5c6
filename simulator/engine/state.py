"""Plain-code state updates: signals and phrases move trust, patience and interest."""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.engine.presuppose import FIGURE
from simulator.models import Persona, PersonaState, Signals, TurnEvaluation
from simulator.vocabulary import Difficulty, Outcome

# Every call drains a little patience, so a call that goes nowhere ends eventually.
TURN_COST = 2.0
# Skill scores nudge the state too: a strong turn earns trust, a poor one costs patience.
SKILL_NUDGE = {"empathy": ("trust", 1.5), "pacing": ("patience", 1.5), "winwin": ("interest", 1.5)}
OPEN_QUESTION_REVEAL_BONUS = 10
# A turn the referee scored this low on any skill at stake (25 of 100) did harm: whatever
# else in it pleased the client, it earns no trust (a warm cave, a defensive outburst).
HARM_LEVEL = 1.0


def earns_no_trust(evaluation: TurnEvaluation, text: str, state: PersonaState) -> str | None:
    """Why this turn cannot raise trust, or None: a cave, an unasked giveaway, an attack, a
    move on the evaluator, a price quoted before anything is known of the client, or a turn
    the referee read a fault in."""
    s = evaluation.signals
    if s.concession:
        return "giving way earns no respect"
    if s.hostility:
        return "an attack earns no trust"
    if s.defensive:
        return "defending yourself earns no trust"
    if s.injection:
        return "talking to the scorer instead of the client earns no trust"
    if s.price_talk and not state.earned_facts and FIGURE.search(text):
        return "a price before knowing the client earns no trust"
    low = [
        name
        for name, score in evaluation.skills.items()
        if score.score is not None and score.score <= HARM_LEVEL
    ]
    return f"a poor turn ({', '.join(sorted(low))}) earns no trust" if low else None


@dataclass(frozen=True)
class StateChange:
    """What moved and why, for the director's note and the review."""

    state: PersonaState
    reasons: list[str]
    newly_earned: list[str]
    next_step_asked: bool


def initial_state(persona: Persona, difficulty: Difficulty) -> PersonaState:
    """The persona's starting state for a difficulty."""
    start = persona.setting(difficulty).start
    return PersonaState(trust=start.trust, patience=start.patience, interest=start.interest)


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _scaled(delta: float, positive: float, negative: float) -> float:
    return delta * (positive if delta > 0 else negative)


def apply_turn(
    persona: Persona,
    difficulty: Difficulty,
    state: PersonaState,
    text: str,
    evaluation: TurnEvaluation,
) -> StateChange:
    """Update the state after one trainee turn; decide reveals, hang-up and next step."""
    setting = persona.setting(difficulty)
    pos, neg = setting.positive_scale, setting.negative_scale
    values = {"trust": state.trust, "patience": state.patience - TURN_COST * neg}
    values["interest"] = state.interest
    reasons: list[str] = []
    lowered = text.lower()
    signals = evaluation.signals
    for trig in persona.triggers:
        fired = (trig.signal is not None and getattr(signals, trig.signal, False) is True) or any(
            re.search(r"\b" + re.escape(p.lower()), lowered) for p in trig.phrase
        )
        if not fired:
            continue
        for name in ("trust", "patience", "interest"):
            values[name] += _scaled(getattr(trig, name), pos, neg)
        reasons.append(trig.why)
    for skill, (name, weight) in SKILL_NUDGE.items():
        score = evaluation.skills.get(skill)
        if score is not None and score.score is not None:
            values[name] += _scaled((score.score - 2.0) * weight, pos, neg)
    blocked = earns_no_trust(evaluation, text, state)
    if blocked is not None and values["trust"] > state.trust:
        # The persona's own triggers set how far trust falls; nothing here lets it rise.
        values["trust"] = state.trust
        reasons.append(blocked)
    new = PersonaState(
        trust=_clamp(values["trust"]),
        patience=_clamp(values["patience"]),
        interest=_clamp(values["interest"]),
        earned_facts=list(state.earned_facts),
        outcome=state.outcome,
        declined_next_step=state.declined_next_step,
    )
    earned = _earn_facts(persona, new, signals)
    new.earned_facts.extend(earned)
    asked = signals.asks_next_step
    if new.patience <= 0:
        new.outcome = Outcome.HUNG_UP
    elif (
        asked
        and new.interest >= setting.next_step_interest
        and new.trust >= setting.next_step_trust
    ):
        new.outcome = Outcome.NEXT_STEP
    elif asked:
        new.declined_next_step += 1
    return StateChange(state=new, reasons=reasons, newly_earned=earned, next_step_asked=asked)


def _earn_facts(persona: Persona, state: PersonaState, signals: Signals) -> list[str]:
    """Facts a question targeted and the trust now allows; one per turn, like a real client."""
    bonus = OPEN_QUESTION_REVEAL_BONUS if signals.open_question else 0
    for fact_id in signals.fact_targets:
        if fact_id in state.earned_facts:
            continue
        if state.trust + bonus >= persona.fact(fact_id).min_trust:
            return [fact_id]
    return []
