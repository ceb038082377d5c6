"""The director: from state and signals to the next beat, a private note and an authored line."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.engine.linecheck import said_sentences, similar
from simulator.engine.state import StateChange
from simulator.models import Beat, Outcome, Persona, PersonaState, Signals

DIRECTIONS = {
    Beat.OPENING: "opens the call",
    Beat.PROBING: "asks a pointed question of their own",
    Beat.OBJECTION: "raises a doubt or objection",
    Beat.PRESSURE: "is losing patience and pushes harder",
    Beat.REVEAL: "opens up and shares something real",
    Beat.SOFTENING: "warms up a little",
    Beat.NEXT_STEP: "agrees to a concrete next step",
    Beat.HANG_UP: "has had enough and ends the call",
}


@dataclass(frozen=True)
class Direction:
    """What the actor is told for its next line."""

    beat: Beat
    direction: str
    note: str
    example: str


def mood(state: PersonaState) -> str:
    """A few words on how the client feels, from the numbers."""
    parts = []
    parts.append("guarded" if state.trust < 35 else "open" if state.trust > 65 else "wary")
    if state.patience < 30:
        parts.append("impatient")
    parts.append(
        "keen" if state.interest > 65 else "unconvinced" if state.interest < 35 else "curious"
    )
    return ", ".join(parts)


def choose_beat(
    state: PersonaState, signals: Signals, change: StateChange, before: PersonaState
) -> Beat:
    """Plain rules, in priority order: the outcome, then reveals, then the mood."""
    if state.outcome == Outcome.HUNG_UP:
        return Beat.HANG_UP
    if state.outcome == Outcome.NEXT_STEP:
        return Beat.NEXT_STEP
    if change.newly_earned:
        return Beat.REVEAL
    if signals.hostility or state.patience < 30:
        return Beat.PRESSURE
    if change.next_step_asked or signals.pitch or (signals.price_talk and signals.concession):
        return Beat.OBJECTION
    if state.trust > before.trust + 2 and (signals.acknowledgement or signals.we_language):
        return Beat.SOFTENING
    if state.patience < before.patience - 6:
        return Beat.PRESSURE
    return Beat.PROBING


class Director:
    """Picks authored lines without repeating, deterministic for a seed."""

    def __init__(self, persona: Persona, seed: int) -> None:
        self.persona = persona
        self.rng = random.Random(seed)
        self.used: set[str] = set()
        self.spoken: list[str] = []  # what the persona actually said, model lines included

    def _fresh(self, lines: list[str]) -> list[str]:
        """Lines neither picked before nor already said in other words by the model."""
        said = said_sentences(self.spoken)
        return [
            line
            for line in lines
            if line not in self.used
            and not any(similar(part, s) for part in said_sentences([line]) for s in said)
        ]

    def pick(self, beat: Beat) -> str:
        """An authored line for the beat, preferring ones not used or said yet."""
        lines = self.persona.lines.for_beat(beat)
        fresh = self._fresh(lines)
        if not fresh:
            # A beat's lines are used up: borrow an unused line from a neutral beat.
            spare = [*self.persona.lines.probing, *self.persona.lines.objection]
            fresh = self._fresh(spare) or [line for line in spare if line not in self.used] or lines
        line = fresh[self.rng.randrange(len(fresh))]
        self.used.add(line)
        return line

    def opening(self) -> Direction:
        """The persona's first line."""
        line = self.persona.opening_line
        self.used.add(line)
        return Direction(
            Beat.OPENING, DIRECTIONS[Beat.OPENING], "Introduce the need briefly.", line
        )

    def direct(self, before: PersonaState, change: StateChange, signals: Signals) -> Direction:
        """The next beat, a private note and the authored line that fits it."""
        state = change.state
        beat = choose_beat(state, signals, change, before)
        note = f"You feel {mood(state)}."
        if change.reasons:
            note += " What moved you: " + "; ".join(change.reasons[:2]) + "."
        if beat == Beat.REVEAL:
            fact = self.persona.fact(change.newly_earned[0])
            note += f" Share this, and only this: {fact.fact}"
            example = fact.reveal_line
            self.used.add(example)
        else:
            example = self.pick(beat)
            if signals.fact_targets and not change.newly_earned:
                note += " They asked about something you are not ready to share: deflect."
        return Direction(beat, f"{DIRECTIONS[beat]} ({mood(state)})", note, example)
