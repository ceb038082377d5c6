"""The director: from state and signals to the next beat, a private note and an authored line."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.engine.linecheck import said_sentences, similar
from simulator.engine.listening import Heard
from simulator.engine.plain_lines import FAREWELLS
from simulator.engine.presuppose import GREETING
from simulator.engine.selection import PREFERENCE, QUESTIONS, Bank, Candidate
from simulator.engine.state import StateChange
from simulator.models import Persona, PersonaState, Signals
from simulator.vocabulary import Beat, Difficulty, Move, Outcome

DIRECTIONS = {
    Beat.OPENING: "opens the call",
    Beat.PROBING: "answers briefly and asks a pointed question of their own",
    Beat.OBJECTION: "raises a doubt or objection",
    Beat.PRESSURE: "is losing patience and pushes harder",
    Beat.REVEAL: "opens up and shares something real",
    Beat.SOFTENING: "warms up a little",
    Beat.NEXT_STEP: "agrees to a concrete next step",
    Beat.HANG_UP: "has had enough and ends the call",
}
# Moves a client pushes back on even when the numbers have not moved yet.
# The persona's own lines checked for repeats: the call's memory (MEMORY_TURNS) holds
# about half persona lines.
MEMORY_LINES = 100
PUSHBACK = frozenset({Move.CONCESSION, Move.PITCH, Move.ARGUE, Move.PUSH})


@dataclass(frozen=True)
class Direction:
    """What the actor is told for its next line."""

    beat: Beat
    direction: str
    note: str
    example: str
    answers: Move = Move.STATEMENT
    pairs: tuple[tuple[str, str], ...] = ()
    # Two authored answers joined: spoken as written (a model continuing the first would
    # lose the second).
    joined: bool = False


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
    state: PersonaState,
    signals: Signals,
    change: StateChange,
    before: PersonaState,
    heard: Heard | None = None,
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
    if heard is not None and heard.primary in PUSHBACK:
        return Beat.OBJECTION
    asked = heard is not None and any(m in QUESTIONS for m in heard.moves)
    if (
        state.trust > before.trust + 2
        and (signals.acknowledgement or signals.we_language)
        and not asked  # a question wants an answer, not thanks: the probing beat answers it
    ):
        return Beat.SOFTENING
    if state.patience < before.patience - 6:
        return Beat.PRESSURE
    return Beat.PROBING


class Director:
    """Picks the authored line that answers the turn, never one already spoken in the call."""

    def __init__(
        self, persona: Persona, seed: int, difficulty: Difficulty = Difficulty.NORMAL
    ) -> None:
        self.persona = persona
        self.difficulty = difficulty
        self.rng = random.Random(seed)
        self.bank = Bank(persona)
        self.used: set[str] = set()
        self.spoken: list[str] = []  # what the persona actually said, model lines included
        self._said_key: tuple[str, ...] = ()
        self._said: list[str] = []

    def fresh(self, line: str) -> bool:
        """Neither picked before nor already said in other words (by the model, say)."""
        if line in self.used:
            return False
        if len(self.spoken) > 1 and GREETING.search(line):
            return False  # greetings only answer the trainee's first turn
        # Only the recent past counts (as for the call's own memory), and it is split once per
        # turn, not once per candidate line: a long call's turns stay as quick as its first.
        key = tuple(self.spoken[-MEMORY_LINES:])
        if key != self._said_key:
            self._said_key, self._said = key, said_sentences(key)
        said = self._said
        return not any(similar(part, s) for part in said_sentences([line]) for s in said)

    def pick(
        self, beat: Beat, heard: Heard | None = None, state: PersonaState | None = None
    ) -> Candidate:
        """The line that best answers the turn for this beat; marks it used."""
        choice = self.bank.choose(
            beat, heard or Heard(), state, self.difficulty, self.fresh, self.rng
        )
        if choice is None:
            # Every line is spoken: the least recently spoken one, the only possible repeat.
            line = next((t for t in self.spoken if t in self.bank.all_texts), self.bank.first)
            choice = Candidate(line, "every line spoken: the least recent", ())
        self.used.add(choice.text)
        self.used.update(choice.parts)
        return choice

    def goodbye(self) -> Direction:
        """A short goodbye back after the trainee's closing words: the persona's own
        farewell lines first, then plain ones any client can say."""
        own = [e.say for e in self.persona.lines.reactions.get(Move.FAREWELL, [])]
        plain = FAREWELLS[self.persona.lang]
        line = next((t for t in [*own, *plain] if self.fresh(t)), plain[0])
        self.used.add(line)
        return Direction(Beat.NEXT_STEP, "says goodbye", "The call is over: say goodbye.", line)

    def opening(self) -> Direction:
        """The persona's first line."""
        line = self.persona.opening_line
        self.used.add(line)
        return Direction(
            Beat.OPENING, DIRECTIONS[Beat.OPENING], "Introduce the need briefly.", line
        )

    def direct(
        self,
        before: PersonaState,
        change: StateChange,
        signals: Signals,
        heard: Heard | None = None,
    ) -> Direction:
        """The next beat, a private note and the authored line that answers the turn."""
        state = change.state
        heard = heard or Heard()
        beat = choose_beat(state, signals, change, before, heard)
        note = f"You feel {mood(state)}."
        if change.reasons:
            note += " What moved you: " + "; ".join(change.reasons[:2]) + "."
        pairs: tuple[tuple[str, str], ...] = ()
        joined = False
        if beat == Beat.REVEAL:
            fact = self.persona.fact(change.newly_earned[0])
            note += f" Share this, and only this: {fact.fact}"
            example = fact.reveal_line
            self.used.add(example)
        else:
            choice = self.pick(beat, heard, state)
            example, pairs, joined = choice.text, choice.pairs, len(choice.parts) > 1
            if heard.unearned_fact and choice.why == PREFERENCE[0]:  # the line deflects
                note += " They asked about something you are not ready to share: deflect."
        return Direction(
            beat, f"{DIRECTIONS[beat]} ({mood(state)})", note, example, heard.primary, pairs, joined
        )
