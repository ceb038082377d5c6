"""The client's first words: shown before the line is done, and a prompt prefix that stays put."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

from simulator.backends import ActorRequest
from simulator.backends.prompting import completion_prompt, primer, window_start
from simulator.engine.linecheck import LineGuard
from simulator.models import Persona
from simulator.vocabulary import Beat, Difficulty
from tests.conftest import make_call

LINE = "I hear you, honestly I do. But I'm not sure we have the budget for all of that."


class SlowTiny:
    """A tiny-model stand-in that streams the primer, then the rest a word at a time."""

    name = "slow"
    model = "slow"
    tiny = True
    continues_start = True

    def __init__(self, rest: str | None = None) -> None:
        self.rest = rest
        self.pulled = 0
        self.done = False
        self.calls = 0

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        """Yield the primer, then each word, counting what the consumer has pulled."""
        self.calls += 1
        start = primer(request.example)
        yield start
        rest = request.example[len(start) :] if self.rest is None else self.rest
        for word in rest.split(" "):
            self.pulled += 1
            yield (" " + word) if word else ""
        self.done = True

    def complete(self, messages: object, *, schema: object = None) -> str:
        """Unused."""
        raise NotImplementedError


def test_the_authored_start_is_shown_before_the_model_sentence_ends(pit_bull: Persona) -> None:
    guard = LineGuard(pit_bull, [], vouched="I hear you, but honestly")
    pulled: list[str] = []

    def chunks() -> Iterator[str]:
        for piece in ("I hear ", "you, but honestly", " I'm not", " sure.", " More."):
            pulled.append(piece)
            yield piece

    stream = guard.feed(chunks())
    assert next(stream) == "I hear you, but honestly"
    assert len(pulled) == 2  # nothing of the model's sentence was needed yet
    assert "".join(stream) == " I'm not sure. More."


def test_the_first_chunk_reaches_the_repl_before_the_line_is_complete(pit_bull: Persona) -> None:
    backend = SlowTiny()
    call = make_call(pit_bull, backend)
    list(call.opening())
    call.say("What's prompting this project right now?")
    assert call.pending is not None
    call.pending = replace(call.pending, beat=Beat.OBJECTION, example=LINE)
    reply = call.reply()
    first = next(reply)
    assert first == primer(LINE) and not LINE.startswith(first + ".")
    assert not backend.done and backend.pulled <= 1
    assert first + "".join(reply) == LINE
    assert call.turns[-1].text == LINE and not call.turns[-1].fallback


def test_a_bad_model_tail_after_shown_words_is_finished_in_authored_words(
    pit_bull: Persona,
) -> None:
    backend = SlowTiny(rest=" we cannot, as an AI language model, say more.")
    call = make_call(pit_bull, backend)
    list(call.opening())
    call.say("What's prompting this project right now?")
    assert call.pending is not None
    call.pending = replace(call.pending, beat=Beat.OBJECTION, example=LINE)
    shown = "".join(call.reply())
    assert shown == LINE  # one line, no glued retry
    assert backend.calls == 1
    assert call.turns[-1].text == LINE


def _request(persona: Persona, history: list[tuple[str, str]], example: str) -> ActorRequest:
    return ActorRequest(
        persona=persona,
        difficulty=Difficulty.NORMAL,
        beat=Beat.PROBING,
        direction="asks a pointed question",
        note="",
        example=example,
        history=history,
        pairs=[("Some trainee line?", "Some client line.")] if len(history) % 4 else [],
    )


def test_the_prompt_prefix_is_identical_between_consecutive_turns(pit_bull: Persona) -> None:
    history: list[tuple[str, str]] = [("persona", pit_bull.opening_line)]
    previous: str | None = None
    for turn in range(12):
        history = [*history, ("trainee", f"Question number {turn}?")]
        prompt = completion_prompt(_request(pit_bull, history, f"Answer {turn} and more words."))
        if previous is not None:
            stable = previous[: previous.rindex("\n(")]  # all but the turn's direction
            assert prompt.startswith(stable)
        previous = prompt
        history = [*history, ("persona", f"Answer {turn} and more words.")]


def test_the_window_moves_in_steps_not_every_turn() -> None:
    history = [("trainee" if i % 2 else "persona", f"Line {i} of the call.") for i in range(120)]
    starts = [window_start(history[:n]) for n in range(1, 121)]
    assert starts[:40] == [0] * 40
    changes = sum(1 for a, b in itertools.pairwise(starts) if a != b)
    assert changes <= 120 // 20
    assert all(n - start <= 40 for n, start in zip(range(1, 121), starts, strict=True))


def test_a_long_paste_moves_the_window_so_the_prompt_fits() -> None:
    history = [("persona", "Hello there.")] + [("trainee", "word " * 1000)] * 3
    start = window_start(history)
    assert start == len(history) - 1  # only the last (long) turn is left
    assert window_start([("persona", "Hi.")]) == 0
