"""A saved call brought back: turns, state, clock and the director's memory restored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engine.state import StateChange, initial_state
from simulator.models import Timing
from simulator.transcript import Transcript
from simulator.vocabulary import Beat, Outcome

if TYPE_CHECKING:
    from simulator.engine.call import Call


def restore(call: Call, transcript: Transcript) -> Call:
    """`call`, freshly built from the transcript's header, continued from its last state."""
    from simulator.engine.call import MAX_TURN_CHARS

    persona = call.persona
    call.turns = list(transcript.turns)
    call.rewinds = transcript.rewinds
    call.verdict = transcript.verdict
    call.paused_at = transcript.paused_at
    call.elapsed_before = transcript.elapsed or 0.0
    spoken = [t for t in call.turns if t.speaker == "persona"]
    # The end-of-call note on fallbacks counts the whole call, not this sitting.
    call.persona_lines = sum(1 for t in spoken if t.beat != Beat.OPENING)
    call.fallbacks = sum(1 for t in spoken if t.fallback)
    call.director.used.update(t.text for t in call.turns if t.speaker == "persona")
    call.director.spoken.extend(t.text for t in call.turns if t.speaker == "persona")
    call.history = [t.state_after for t in call.turns if t.state_after is not None]
    if call.history:
        call.state = call.history.pop().model_copy(update={"outcome": Outcome.CONTINUING})
        call.history.insert(0, initial_state(persona, call.difficulty))
    last = call.turns[-1] if call.turns else None
    if transcript.unscored is not None:
        # Killed while scoring: what the trainee said was saved; score it now.
        raw = transcript.unscored.get("timing")
        timing = Timing.model_validate(raw) if isinstance(raw, dict) else None
        call.say(str(transcript.unscored["text"])[:MAX_TURN_CHARS], timing)
    elif last is not None and last.speaker == "trainee" and last.evaluation is not None:
        # The process died before the client answered: answer now.
        unchanged = StateChange(call.state, [], [], False)
        call.pending = call.director.direct(call.state, unchanged, last.evaluation.signals)
    return call
