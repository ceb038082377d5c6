"""A call, turn by turn: referee -> state -> director's note -> actor -> transcript."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace

from simulator.backends import ActorRequest, Backend
from simulator.backends.prompting import primer
from simulator.backends.scripted import ScriptedBackend
from simulator.engine.director import Direction, Director
from simulator.engine.linecheck import LineGuard, said_sentences, similar
from simulator.engine.listening import hear
from simulator.engine.selection import TERMINAL
from simulator.engine.state import StateChange, apply_turn, initial_state
from simulator.engine.voice import model_voices, voiced
from simulator.errors import BackendError, UsageError
from simulator.i18n import _
from simulator.models import (
    CallHeader,
    Persona,
    PersonaState,
    Timing,
    Turn,
    TurnEvaluation,
    Verdict,
)
from simulator.referee import ContextTurn, Referee
from simulator.referee.reading import Reading, hear_client
from simulator.referee.scorer import closing
from simulator.transcript import Transcript, TranscriptSaveError, TranscriptWriter
from simulator.vocabulary import Beat, Difficulty, Move, Outcome

# A tiny model's bad line is often fixed by a second sample; more would slow the call.
ACTOR_ATTEMPTS = 2
# Seconds from the trainee's Enter to the client line's end on screen when the model voices
# it: after that the authored rest is spoken (live calls froze 3-17 s on a busy machine).
# The reading, the check of the model's words and saving the line fit in the 0.15 s left of 1 s.
LINE_BUDGET = 0.85
# What the call keeps in mind for context, repeats and what was said: far more turns than
# any real call has, and what keeps turn 10,000 of a pasted loop as quick as turn 10.
MEMORY_TURNS = 200
# A spoken turn is a few sentences; a page of text is a paste accident or an attack on the
# referee's time. About 600 words.
MAX_TURN_CHARS = 4000


class TurnTooLong(UsageError):
    """A trainee turn over MAX_TURN_CHARS."""

    def __init__(self, length: int) -> None:
        text = _(
            "your reply is {n:,} characters; a turn can be at most {most:,}. Say it in shorter turns."
        )
        super().__init__(text.format(n=length, most=MAX_TURN_CHARS))


@dataclass
class TraineeResult:
    """What one trainee turn did."""

    turn: Turn
    evaluation: TurnEvaluation
    change: StateChange
    direction: Direction
    # The trainee said goodbye and the client says goodbye back: the call is over.
    farewell: bool = False


class Call:
    """Owns the persona's state and the transcript; the backend only speaks."""

    def __init__(
        self,
        persona: Persona,
        header: CallHeader,
        backend: Backend,
        referee: Referee,
        writer: TranscriptWriter | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.persona = persona
        self.header = header
        self.difficulty = Difficulty(header.difficulty)
        self.backend = backend
        self.referee = referee
        self.writer = writer
        self.notify = notify or (lambda _msg: None)
        self.director = Director(persona, header.seed, self.difficulty)
        self.state: PersonaState = initial_state(persona, self.difficulty)
        self.turns: list[Turn] = []
        self.history: list[PersonaState] = []
        self.pending: Direction | None = None
        self.backend_down = False
        self.fallbacks = 0
        self.persona_lines = 0
        self.rewinds = 0
        self.verdict: Verdict | None = None
        self._persona_done_at = time.time()
        self._cut_off = False
        self._ended = False  # the end of the call is recorded once, before any closing words
        self._line_deadline: float | None = None
        # Call time before this sitting (a paused call resumed), so the clock carries on.
        self.elapsed_before = 0.0
        self.paused_at: float | None = None  # when a resumed call was paused
        self._sitting = time.monotonic()
        # Records a failed write (disk full, say) could not save, oldest first: the call
        # goes on in memory and every later write, or /end, tries them again.
        self.unsaved: list[dict[str, object]] = []
        self.save_problem: str | None = None
        if writer is not None and writer.is_empty():
            self.record(header.model_dump(mode="json"))

    # --- recording -------------------------------------------------------------------
    def record(self, record: dict[str, object]) -> None:
        """Append one event to the transcript (durably), if the call is being saved."""
        if self.writer is None:
            return
        self.unsaved.append(record)
        self.flush()

    def flush(self) -> bool:
        """Write what is unsaved; True when the transcript is complete on disk."""
        if self.writer is None or not self.unsaved:
            return True
        try:
            self.writer.append_many(self.unsaved)
        except TranscriptSaveError as exc:
            if self.save_problem is None:
                self.notify(
                    _("{p}; the call goes on in memory and saving is retried").format(p=exc)
                )
            self.save_problem = str(exc)
            return False
        self.unsaved.clear()
        self.save_problem = None
        return True

    def close(self) -> None:
        """Release the transcript (and its lock)."""
        if self.writer is not None:
            self.writer.close()

    def _add_turn(self, turn: Turn) -> None:
        self.turns.append(turn)
        self.record(turn.model_dump(mode="json", exclude_none=True))

    def context(self) -> list[ContextTurn]:
        """The call so far, from the trainee's side (self) and the client's (partner)."""
        return [
            ContextTurn("self" if t.speaker == "trainee" else "partner", t.text)
            for t in self.turns[-MEMORY_TURNS:]
        ]

    @property
    def outcome(self) -> Outcome:
        """How the call stands."""
        return self.state.outcome

    # --- the flow -----------------------------------------------------------------------
    def opening(self) -> Generator[str, None, None]:
        """The persona's authored opening line."""
        self.pending = self.director.opening()
        return self.reply(use_backend=False)

    def _heard_out(
        self, text: str, timing: Timing | None
    ) -> tuple[float, list[ContextTurn], Reading, TurnEvaluation]:
        """Save what the trainee said, then read and score it once."""
        if len(text) > MAX_TURN_CHARS:
            raise TurnTooLong(len(text))
        started = time.time()
        self._line_deadline = time.monotonic() + LINE_BUDGET  # the trainee waits from here
        # Saved before scoring: a kill while the referee works must not lose what was said.
        said: dict[str, object] = {"type": "said", "index": len(self.turns), "text": text}
        if timing is not None:
            said["timing"] = timing.model_dump(mode="json")
        self.record({**said, "at": started})
        # One reading of the turn (its moves, act and meaning) serves the scores and the hearing.
        context = self.context()
        reading = self.referee.read(text, context)
        evaluation = self.referee.evaluate(
            text, context, persona=self.persona, timing=timing, reading=reading
        )
        return started, context, reading, evaluation

    def _trainee_turn(
        self, text: str, timing: Timing | None, started: float, evaluation: TurnEvaluation
    ) -> Turn:
        turn = Turn(
            index=len(self.turns),
            speaker="trainee",
            text=text,
            started_at=started - (timing.submit_s or 0.0) if timing else started,
            ended_at=started,
            timing=timing,
            evaluation=evaluation,
            state_after=self.state,
        )
        self._add_turn(turn)
        return turn

    def say(self, text: str, timing: Timing | None = None) -> TraineeResult:
        """Score a trainee turn, move the persona's state and decide the next beat."""
        started, context, reading, evaluation = self._heard_out(text, timing)
        change = apply_turn(self.persona, self.difficulty, self.state, text, evaluation)
        heard = hear(text, context, evaluation, self.persona, self.state.earned_facts, reading)
        direction = self.director.direct(self.state, change, evaluation.signals, heard)
        self.history.append(self.state)
        self.state = change.state
        turn = self._trainee_turn(text, timing, started, evaluation)
        self.pending = direction
        farewell = heard.primary == Move.FAREWELL and direction.beat not in TERMINAL
        return TraineeResult(turn, evaluation, change, direction, farewell)

    def closing_line(self, text: str, timing: Timing | None = None) -> TurnEvaluation:
        """The trainee's last word after the client agreed a next step or hung up: scored and
        saved, the state left as the call ended it; a client who agreed says goodbye back."""
        started, _said, reading, evaluation = self._heard_out(text, timing)
        agreed = self.state.outcome == Outcome.NEXT_STEP
        evaluation = closing(evaluation, agreed, reading.analysis.moves.has("gift"))
        self._trainee_turn(text, timing, started, evaluation)
        if self.state.outcome == Outcome.NEXT_STEP:
            self.pending = self.director.goodbye()
        return evaluation

    def reply(self, use_backend: bool = True) -> Generator[str, None, None]:
        """Stream the persona's line; records it even when the consumer stops early."""
        direction = self.pending
        if direction is None:
            raise RuntimeError("reply() before say()")
        self.pending = None
        started = time.time()
        if self._line_deadline is None:  # a line nobody's turn started: the opening, a retry
            self._line_deadline = time.monotonic() + LINE_BUDGET
        said = said_sentences(t.text for t in self.turns[-MEMORY_TURNS:])
        guard = LineGuard(self.persona, list(self.state.earned_facts), said)
        fallback_reason: str | None = None
        interrupted = True
        use_backend = use_backend and model_voices(self.backend, self.persona.lang, direction)
        try:
            if use_backend:
                fallback_reason, direction = yield from self._stream(direction, guard)
            if not use_backend or fallback_reason:
                direction = self._unspoken(direction)
                guard.released = direction.example
                yield direction.example
            interrupted = False
        finally:
            self._line_deadline = None
            self._finish(direction, guard, started, fallback_reason, interrupted, use_backend)

    def _stream(
        self, direction: Direction, guard: LineGuard
    ) -> Generator[str, None, tuple[str | None, Direction]]:
        """Stream from the backend through the line guard; one retry if nothing was shown.

        The retry keeps the chosen line (it is the one that answers the turn) with another
        seed, and starts from a clean guard: no leftover of the failed attempt.
        """
        failure: str | None = None
        for attempt in range(ACTOR_ATTEMPTS):
            guard.reset()
            failure = yield from self._attempt(direction, guard, attempt)
            if failure is None or guard.released.strip() or failure == "backend error":
                break
        return failure, direction

    def _unspoken(self, direction: Direction) -> Direction:
        """The fallback line, checked for repeats like any other line (a resumed call, say)."""
        recent = self.turns[-MEMORY_TURNS:]
        earlier = said_sentences(t.text for t in recent if t.speaker == "persona")
        if direction.beat == Beat.REVEAL or not any(similar(direction.example, s) for s in earlier):
            return direction
        return replace(direction, example=self.director.pick(direction.beat).text)

    def _attempt(
        self, direction: Direction, guard: LineGuard, attempt: int
    ) -> Generator[str, None, str | None]:
        backend: Backend = ScriptedBackend() if self.backend_down else self.backend
        request = ActorRequest(
            persona=self.persona,
            difficulty=self.difficulty,
            beat=direction.beat,
            direction=direction.direction,
            note=direction.note,
            example=direction.example,
            history=[(t.speaker, t.text) for t in self.turns[-MEMORY_TURNS:]],
            pairs=list(direction.pairs),
            seed=self.header.seed + len(self.turns) + 1000 * attempt,
        )
        chunks = backend.stream_line(request)
        start = primer(direction.example)
        rest = direction.example[len(start) :]
        if getattr(backend, "tiny", False) and start:
            chunks = voiced(chunks, start, rest, until=self._line_deadline)
            guard.vouched = start  # the director's own words: shown before the model speaks
        try:
            yield from guard.feed(chunks)
        except Exception as exc:  # any backend failure: fall back, the call goes on
            if not isinstance(exc, BackendError):
                exc = BackendError(f"{type(exc).__name__}: {exc}")
            self.backend_down = True
            failed = _("{backend} backend failed ({p}); continuing on authored lines")
            self.notify(failed.format(backend=backend.name, p=exc))
            if not guard.released.strip():
                return "backend error"
            self._cut_off = True  # what was shown is kept, marked as cut short
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        # Only the authored start was shown and the model's words after it failed: the
        # authored rest finishes the line, so the trainee sees one line, never a retry.
        finished = guard.complete_with(rest)
        if finished:
            self._cut_off = False
            yield finished
        if guard.failure:
            return f"line check: {guard.failure}"
        return None

    def _finish(
        self,
        direction: Direction,
        guard: LineGuard,
        started: float,
        fallback_reason: str | None,
        interrupted: bool,
        counted: bool,
    ) -> None:
        text = guard.released.strip() or direction.example
        self.director.spoken.append(text)
        if counted:
            self.persona_lines += 1
            self.fallbacks += 1 if fallback_reason else 0
        self._add_turn(
            Turn(
                index=len(self.turns),
                speaker="persona",
                text=text,
                started_at=started,
                ended_at=time.time(),
                beat=direction.beat,
                fallback=bool(fallback_reason),
                fallback_reason=fallback_reason,
                trimmed=guard.trimmed,
                interrupted=interrupted,
                cut_off=self._cut_off,
            )
        )
        self._cut_off = False
        # The trainee's answer is read against this line: encoding it now, while they read
        # and type, keeps the scoring of their turn to one encode.
        hear_client(text)
        self._persona_done_at = time.time()
        if self.state.outcome != Outcome.CONTINUING and not self._ended:
            self._ended = True
            self.record({"type": "end", "outcome": self.state.outcome.value, "at": time.time()})

    # --- trainee controls ---------------------------------------------------------------------
    def rewind(self) -> bool:
        """Undo the last exchange; the persona's state reverts. False when nothing to undo."""
        last_trainee = next((t for t in reversed(self.turns) if t.speaker == "trainee"), None)
        if last_trainee is None or not self.history:
            return False
        keep = last_trainee.index
        self.turns = self.turns[:keep]
        self.director.spoken = [t.text for t in self.turns if t.speaker == "persona"]
        self.state = self.history.pop()
        self._ended = False  # a rewound ending may come again, and is recorded again
        self.rewinds += 1
        self.record({"type": "rewind", "keep": keep, "at": time.time()})
        return True

    def set_verdict(self, verdict: Verdict) -> None:
        """Record the trainee's fit verdict."""
        self.verdict = verdict
        self.record({"type": "verdict", **verdict.model_dump(), "at": time.time()})

    def elapsed(self) -> float:
        """Seconds of call time so far, over every sitting of a paused call."""
        return self.elapsed_before + time.monotonic() - self._sitting

    def pause(self) -> None:
        """Stop for now: the call stays open (outcome continuing) for `--resume`."""
        # The marker says the trainee stopped on purpose (history shows it as paused) and
        # carries the call time, so a resumed call's clock goes on from there.
        self.record({"type": "pause", "at": time.time(), "elapsed": round(self.elapsed(), 1)})

    def end(self) -> Outcome:
        """The trainee ends the call (unless the persona already did)."""
        if self.state.outcome == Outcome.CONTINUING:
            self.state = self.state.model_copy(update={"outcome": Outcome.TRAINEE_ENDED})
            self.record({"type": "end", "outcome": Outcome.TRAINEE_ENDED.value, "at": time.time()})
        return self.state.outcome

    @classmethod
    def resume(
        cls,
        transcript: Transcript,
        persona: Persona,
        backend: Backend,
        referee: Referee,
        writer: TranscriptWriter,
        notify: Callable[[str], None] | None = None,
    ) -> Call:
        """Continue a saved call from its last recorded state."""
        from simulator.engine.resume import restore

        return restore(
            cls(persona, transcript.header, backend, referee, writer, notify), transcript
        )
