"""The response bank: lines that answer the trainee's move, no repeats, a clean retry."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from simulator.backends.fake import FakeBackend
from simulator.backends.scripted import ScriptedBackend
from simulator.engine.director import Director
from simulator.engine.linecheck import SENTENCE_END, LineGuard, problem, said_sentences, similar
from simulator.engine.listening import Heard
from simulator.models import BankLine, Persona, PersonaState
from simulator.personas import get_persona, persona_paths
from simulator.vocabulary import LANGS, Beat, Difficulty, Move, Outcome
from tests.conftest import make_call

# Moves a weak trainee makes that every client needs its own reactions to.
REACTED_MOVES = (
    Move.HOSTILE,
    Move.ARGUE,
    Move.PITCH,
    Move.CONCESSION,
    Move.PUSH,
    Move.NEXT_STEP,
    Move.STATEMENT,
    Move.LOGISTICS,
    Move.CHECK,
    Move.SMALL_TALK,
    Move.PRICE,
)
OPEN_BEATS = ("probing", "objection", "pressure", "softening", "next_step", "hang_up")
ENDS_THE_CALL = re.compile(
    r"\b(?:bye|goodbye|hanging up|hang up|i'?m (?:done|out)|we'?re (?:done|finished)|"
    r"(?:this|the) call is over|end(?:ing)? (?:this|the) call|leave it (?:here|there)|"
    r"don'?t call)\b",
    re.IGNORECASE,
)
# The Indonesian cast ends a call in its own words: "saya tutup", "kita sudahi", "dah".
ENDS_THE_CALL_ID = re.compile(
    r"\b(?:bye|dah|dadah|permisi|sampai jumpa|(?:saya|aku|gue) (?:tutup|akhiri|sudahi|"
    r"pamit|keluar|cabut|pergi)|tutup (?:telepon|teleponnya|call)|(?:kita|telepon ini|call ini)"
    r" (?:selesai|sudahi|udahan|akhiri)|udahan|selesai|sudahi|akhiri|sampai di sini)\b|"
    r"\bselamat (?:pagi|siang|sore|malam)\W*$",
    re.IGNORECASE,
)
GOOD = [
    "Thanks for making the time. What's prompting this project right now?",
    "That makes sense. What happens today when it goes wrong?",
    "It sounds like that's been a real strain. What would a good outcome look like?",
    "I can't lower my rate, because it covers the testing, but we could phase the work.",
]
BAD = [
    "We're an award-winning agency with the best team around.",
    "Sure, I can knock twenty percent off, no problem.",
    "Honestly, that's ridiculous, you clearly don't understand software.",
    "Take it or leave it, that's my final price.",
    "You're wrong about this, that's not how it works.",
    "I need an answer today, yes or no?",
]


def _state(trust: float = 40, patience: float = 60, interest: float = 50) -> PersonaState:
    return PersonaState(trust=trust, patience=patience, interest=interest)


@pytest.mark.parametrize(
    ("move", "said", "expected"),
    [
        (Move.CONCESSION, "Okay, I'll take twenty percent off.", "You folded fast."),
        (Move.PITCH, "We're an award-winning team with a track record.", "I didn't ask for a"),
        (Move.NEXT_STEP, "Can we book the kick-off for Monday?", "Nope. You don't get"),
        (Move.ARGUE, "Actually, that's not how dispatch works.", "Don't tell me I'm wrong"),
    ],
)
def test_selection_picks_the_line_that_answers_the_move(
    pit_bull: Persona, move: Move, said: str, expected: str
) -> None:
    director = Director(pit_bull, seed=3)
    choice = director.pick(Beat.OBJECTION, Heard(moves=[move], text=said), _state())
    assert choice.text.startswith(expected)
    assert choice.why == "answers the move, fits the mood"


def test_a_move_with_no_line_in_the_beat_borrows_one_that_answers_it(pit_bull: Persona) -> None:
    director = Director(pit_bull, seed=3)
    choice = director.pick(Beat.PROBING, Heard(moves=[Move.HOSTILE], text="You idiot."), _state())
    reactions = [e.say for e in pit_bull.lines.reactions[Move.HOSTILE]]
    tagged = [e.say for b in Beat for e in pit_bull.lines.entries(b) if Move.HOSTILE in e.answers]
    assert choice.text in reactions + tagged


def test_selection_matches_the_question_asked(pit_bull: Persona) -> None:
    director = Director(pit_bull, seed=3)
    heard = Heard(moves=[Move.QUESTION], text="What happens today when a delivery goes wrong?")
    assert director.pick(Beat.PROBING, heard, _state()).text.startswith("When it goes wrong")


def test_an_answer_written_for_another_question_is_not_given(pit_bull: Persona) -> None:
    director = Director(pit_bull, seed=3)
    heard = Heard(moves=[Move.QUESTION], text="How did you come across us?")
    said = director.pick(Beat.PROBING, heard, _state()).text
    answers = [
        e.say
        for b in Beat
        for e in pit_bull.lines.entries(b)
        if e.after and Move.QUESTION in e.answers
    ]
    assert said not in answers


def test_an_unearned_fact_question_is_deflected_in_the_persona_words(pit_bull: Persona) -> None:
    call = make_call(pit_bull, ScriptedBackend())
    list(call.opening())
    call.say("What budget have you got for this?")
    line = "".join(call.reply())
    assert line in pit_bull.lines.deflect["budget"]
    assert "budget" not in call.state.earned_facts


def test_no_line_repeats_in_a_40_turn_call() -> None:
    persona = get_persona("good-fit-partner")
    # A model that says the same thing every time: each repeat falls back to the bank.
    fake = FakeBackend(lines=["Sure, tell me more about that."] * 80)
    call = make_call(persona, fake, difficulty=Difficulty.EASY)
    list(call.opening())
    turns = [*GOOD, "Okay.", "Right, I see.", "Interesting, go on."]
    for i in range(40):
        assert call.outcome == Outcome.CONTINUING, f"call ended at turn {i}"
        call.say(turns[i % len(turns)])
        "".join(call.reply())
    lines = [t.text for t in call.turns if t.speaker == "persona"]
    assert len(lines) == 41
    for i, line in enumerate(lines):
        earlier = said_sentences(lines[:i])
        assert not any(similar(line, s) for s in earlier), f"turn {i} repeats: {line!r}"


def test_the_guard_retry_starts_clean(pit_bull: Persona) -> None:
    guard = LineGuard(pit_bull, [])
    assert "".join(guard.feed(["As an AI, no. I"])) == ""
    assert guard.failure == "talks about being an AI"
    guard.reset()
    assert "".join(guard.feed(["Oh. I thought so."])) == "Oh. I thought so."
    assert guard.failure is None


def test_a_retry_in_a_call_does_not_glue_the_failed_attempt_on(pit_bull: Persona) -> None:
    call = make_call(pit_bull, FakeBackend(lines=["As an AI, no. I", "Oh. I thought so."]))
    list(call.opening())
    call.say("What's driving the dashboard project?")
    assert "".join(call.reply()) == "Oh. I thought so."


def test_a_bad_trainee_hears_pushback_and_a_hang_up(pit_bull: Persona) -> None:
    good, bad = make_call(pit_bull, ScriptedBackend()), make_call(pit_bull, ScriptedBackend())
    for call, script in ((good, GOOD), (bad, BAD)):
        list(call.opening())
        for text in script:
            if call.outcome != Outcome.CONTINUING:
                break
            call.say(text)
            "".join(call.reply())
    bad_beats = [t.beat for t in bad.turns[1:] if t.speaker == "persona"]
    assert bad.outcome == Outcome.HUNG_UP and bad_beats[-1] == Beat.HANG_UP
    assert ENDS_THE_CALL.search(bad.turns[-1].text)
    assert all(b in (Beat.OBJECTION, Beat.PRESSURE, Beat.HANG_UP) for b in bad_beats)
    assert good.outcome == Outcome.CONTINUING
    good_beats = [t.beat for t in good.turns if t.speaker == "persona"]
    assert Beat.PRESSURE not in good_beats and Beat.HANG_UP not in good_beats


@pytest.mark.parametrize(
    ("lang", "pid"), [(lang, pid) for lang in LANGS for pid in sorted(persona_paths(lang))]
)
def test_every_shipped_bank_is_complete(lang: str, pid: str) -> None:
    persona = get_persona(pid, lang)
    ends = ENDS_THE_CALL if lang == "en" else ENDS_THE_CALL_ID
    lines = persona.lines
    for beat in OPEN_BEATS:
        assert 6 <= len(lines.for_beat(Beat(beat))) <= 10, f"{pid} {beat}"
    assert {f.id for f in persona.hidden_facts} <= set(lines.deflect), pid
    assert all(len(v) >= 2 for v in lines.deflect.values()), pid
    assert len(lines.back_channel) >= 4, pid
    for move in REACTED_MOVES:
        assert len(lines.reactions.get(move, [])) >= 3, f"{pid}: lines.reactions.{move}"
    assert len(lines.unplaced) >= 3, f"{pid}: lines.unplaced"
    for line in lines.for_beat(Beat.HANG_UP):
        assert ends.search(line), f"{pid}: hang-up line does not end the call: {line!r}"
    tagged = [e for b in OPEN_BEATS for e in lines.entries(Beat(b)) if e.answers]
    assert len(tagged) >= 20 and sum(bool(e.after) for e in tagged) >= 15, pid
    for where, text in lines.texts().items():
        if where.startswith("lines.opening"):
            continue
        assert len(SENTENCE_END.findall(text)) <= 3, f"{pid} {where}: {text!r}"
        assert problem(text, persona, [f.id for f in persona.hidden_facts]) is None, where


def test_the_authored_voice_setting_never_asks_the_model(pit_bull: Persona) -> None:
    from simulator.config import load_settings

    fake = FakeBackend(settings=load_settings(voice="authored"))
    call = make_call(pit_bull, fake)
    list(call.opening())
    call.say("What happens today when a truck is late?")
    line = "".join(call.reply())
    authored = {*pit_bull.lines.texts().values(), *(f.reveal_line for f in pit_bull.hidden_facts)}
    assert fake.requests == [] and line in authored


def test_the_model_keeps_the_chosen_line_meaning_or_the_authored_words_are_spoken() -> None:
    from simulator.engine.voice import voiced

    start, rest = "Why now?", " Because my dispatchers spend the day on the phone."
    drift = ["Why now?", " You promised me a refund.", " And a cake."]
    assert "".join(voiced(drift, start, rest)) == start + rest
    stops = ["Why now?"]  # the model added nothing: the line is not cut to its first words
    assert "".join(voiced(stops, start, rest)) == start + rest
    close = ["Why now?", " Because my dispatchers spend all day on the phone.", " Cake."]
    assert "".join(voiced(close, start, rest)) == (
        "Why now? Because my dispatchers spend all day on the phone."
    )
    # Close in words, opposite in meaning: the authored words are spoken.
    start, rest = "Honestly, I just need someone to say", " yes and build it."
    flipped = [start, " no, build it.", " Okay."]
    assert "".join(voiced(flipped, start, rest)) == start + rest


def test_a_slow_model_never_freezes_the_line_the_authored_rest_comes_at_once() -> None:
    from simulator.engine.voice import voiced

    start, rest = "Why now?", " Because my dispatchers spend the day on the phone."
    ticks = iter(range(100))  # a clock where every token takes a whole second

    def slow_clock() -> float:
        return float(next(ticks))

    pulled: list[str] = []

    def model() -> Iterator[str]:
        for chunk in ["Why now?", " Because", " my", " dispatchers", " are", " slow."]:
            pulled.append(chunk)
            yield chunk

    spoken = "".join(voiced(model(), start, rest, budget=1.5, clock=slow_clock))
    assert spoken == start + rest
    assert len(pulled) < 6  # the model was not waited on to the end of its sentence


def test_a_model_stalled_mid_line_does_not_hold_the_line() -> None:
    import threading

    from simulator.engine.voice import voiced

    start, rest = "Why now?", " Because my dispatchers spend the day on the phone."
    release, closed = threading.Event(), threading.Event()

    def stalled() -> Iterator[str]:
        try:
            yield "Why now?"
            release.wait(30)  # starved of CPU: the next token does not come
            yield " Because"
        finally:
            closed.set()

    spoken = "".join(voiced(stalled(), start, rest, budget=0.05))
    assert spoken == start + rest and not release.is_set()  # spoken while still stalled
    # The line ended without waiting for the model to give its token back.
    assert not closed.is_set()
    release.set()
    assert closed.wait(5)  # the stream is closed after all: the model's lock is released


def test_a_reaction_written_after_one_line_waits_for_a_turn_like_it(pit_bull: Persona) -> None:
    from simulator.engine.selection import Bank

    bank = Bank(pit_bull)
    entry = BankLine(
        say="A rush rate for real emergencies? Okay, that's reasonable.",
        answers=[Move.TRADE],
        after="I can take weekend work at a rush rate for real emergencies.",
    )
    unrelated = Heard(moves=[Move.TRADE], text="Busy time of year, isn't it?")
    related = Heard(moves=[Move.TRADE], text="Weekend emergencies would be billed as rush work.")
    assert not bank._echoes(entry, unrelated, None)
    assert bank._echoes(entry, related, None)


def test_a_goodbye_gets_a_goodbye_back(pit_bull: Persona) -> None:
    from simulator.engine.plain_lines import FAREWELLS

    call = make_call(pit_bull, ScriptedBackend())
    list(call.opening())
    call.say("What's prompting this project right now?")
    "".join(call.reply())
    call.say("Great, thanks again, this was really useful. Speak Tuesday.")
    # The client's own goodbye first (a shared one was the same words from every client).
    own = [e.say for e in pit_bull.lines.reactions[Move.FAREWELL]]
    assert own and "".join(call.reply()) in [*own, *FAREWELLS["en"]]


def test_a_request_to_repeat_is_not_answered_as_a_question(pit_bull: Persona) -> None:
    from simulator.engine.plain_lines import SAY_AGAIN

    call = make_call(pit_bull, ScriptedBackend())
    list(call.opening())
    call.say("Sorry, what was that? My other phone went.")
    assert "".join(call.reply()) in SAY_AGAIN["en"]


@pytest.mark.parametrize(
    ("said", "lines"),
    [
        # Call admin gets a reply to the admin, not a request to book or an answer.
        ("I've blocked out forty minutes, is that still okay on your end?", "logistics"),
        ("Mind if I jot a few notes down while we talk?", "logistics"),
        # A playback gets a yes, a "half right" or a correction, not a new subject.
        ("So if I've understood, the main headache is the time it all takes. Right?", "check"),
        # A question on nothing the client has an answer ready for is not answered as another.
        ("Do you keep any pets at the office?", "unplaced"),
    ],
)
def test_turns_the_client_must_interpret_get_a_reply_to_what_they_did(
    pit_bull: Persona, said: str, lines: str
) -> None:
    call = make_call(pit_bull, ScriptedBackend(), seed=3)
    list(call.opening())
    call.say(said)
    reply = "".join(call.reply())
    bank = pit_bull.lines
    allowed = bank.unplaced if lines == "unplaced" else bank.reactions[Move(lines)]
    assert reply in [e.say for e in allowed]
