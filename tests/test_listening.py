"""What the client hears a turn do: the move a reply must answer first."""

from __future__ import annotations

import pytest

from simulator.engine.listening import ACT_MOVES, hear
from simulator.engine.presuppose import fits_turn
from simulator.models import Persona, TurnEvaluation
from simulator.referee import acts
from simulator.referee.features import ContextTurn, analyse, asked_topics, fact_targets
from simulator.referee.signals import extract
from simulator.vocabulary import Move, Topic


def _primary(persona: Persona, text: str) -> Move:
    signals = extract(analyse(text, []), persona)
    return hear(text, [], TurnEvaluation(signals=signals, skills={}), persona, []).primary


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("Hi there, thanks for jumping on! How's your week going?", Move.SMALL_TALK),
        ("Heyyy, how's it going?! Mad weather today, right? Anyway!", Move.SMALL_TALK),
        ("Hi, how are you handling bookings today?", Move.QUESTION),
        # The question handed back after answering the client's (live round 19b).
        (
            "hi Walter! its been super good, busy but good, thanks for asking. how about yours?",
            Move.SMALL_TALK,
        ),
        # A greeting, then the real question: the job is asked about.
        (
            "Eh iya Kak, belum tidur kok hehe. Butuh apa Kak buat besok pagi? Ceritain dulu aja.",
            Move.QUESTION,
        ),
        ("deal, references tonight. thanks Dana!", Move.FAREWELL),
        # A hurry, not a request for a meeting: "another call" is the trainee's next call.
        (
            "Yeah, yeah, can we speed this up? I've got another call at the top of the hour.",
            Move.PUSH,
        ),
        (
            "That price is only good until Friday, so shall I send it and you sign it today?",
            Move.PUSH,
        ),
        # The question asks; "rather than" inside it offers nothing.
        ("What made you decide to look at this now, rather than six months ago?", Move.QUESTION),
        # A firm's credentials are a pitch, not an argument with the client.
        ("Bit about us: we've been doing this ten years and we've won awards.", Move.PITCH),
        ("Hmm, I'd disagree there. That's not really the problem.", Move.ARGUE),
        ("Makes sense. Just jotting that down so I don't lose it.", Move.STATEMENT),
        (
            "So if I'm hearing you right, it's costing you time and stress. Have I got that right?",
            Move.CHECK,
        ),
        ("Look, we can match that. I'll knock 30% off, no problem.", Move.CONCESSION),
        ("Would it help if we book 30 minutes next week to go through a plan?", Move.NEXT_STEP),
        # Thanks and a greeting around a question leave it a question.
        (
            "Hi, thanks for making the time, really glad we could get this in the diary. "
            "So what's happened lately that put this on your list now, rather than a year ago?",
            Move.QUESTION,
        ),
        ("I can knock twenty percent off if you go with us this month.", Move.CONCESSION),
        (
            "Great, I'll pencil in a kick-off for Monday at nine, sending the invite.",
            Move.NEXT_STEP,
        ),
        ("Hi, thanks for making the time today. How's your week been so far?", Move.SMALL_TALK),
        ("So to kick off, how do things work at the moment, day to day?", Move.QUESTION),
        (
            "Okay, so if I've got it right, it mostly does the job but eats time. Is that fair?",
            Move.CHECK,
        ),
        ("I'd expect the full thing to come in at around eighteen thousand.", Move.PRICE),
        ("Yes, absolutely, whatever you think is best is what we'll do.", Move.CONCESSION),
        # A courtesy, not a demand: "you must be busy" is no ultimatum.
        ("Sorry I'm late, thank you so much, I know you must be incredibly busy.", Move.SMALL_TALK),
        ("Do you think you'd want to go ahead? Could you let me know today?", Move.PUSH),
        ("Great. Thanks again, this was really useful. Speak Tuesday.", Move.FAREWELL),
        ("You'd agree the way you do it now is outdated and costing a fortune, right?", Move.ARGUE),
        ("Oh, that never happens. Seriously, I wouldn't even worry about that one.", Move.ARGUE),
        ("For the first phase you're looking at 14,500, fixed, including testing.", Move.PRICE),
        # An attack or a lecture inside a question is still heard first.
        ("Why are you wasting my time, what's your budget?", Move.HOSTILE),
        ("Wouldn't you agree the real problem is your dispatchers?", Move.ARGUE),
        ("Great to talk today. I run a small studio and we build booking sites.", Move.PITCH),
        ("We've shipped apps to forty thousand users across the region.", Move.PITCH),
        (
            "Having one of those days where every meeting runs over, or is it calmer?",
            Move.SMALL_TALK,
        ),
        ("Heads up, the price I'm quoting only holds until Friday.", Move.PUSH),
        ("There's really no reason to wait.", Move.PUSH),
        ("Sorry, what was that? My other phone went.", Move.REPEAT),
        # Call admin, read by the turn reader: not a request to book, not a question to answer.
        (
            "Hi, thanks for making the time today. I've set aside about half an hour, does "
            "that still suit you?",
            Move.LOGISTICS,
        ),
        ("Mind if I take a few notes as we go?", Move.LOGISTICS),
        ("Can you hear me okay? My connection's been patchy all morning.", Move.LOGISTICS),
        # A price range stated is money talk, not an offer.
        (
            "Based on similar work, a first version usually lands somewhere between fifteen "
            "and twenty-five thousand.",
            Move.PRICE,
        ),
        # Call admin stays call admin when a topic reader finds "your end" in it.
        (
            "Hi, thanks for making the time today, have we still got the full half hour, or "
            "has something come up your end?",
            Move.LOGISTICS,
        ),
        # A discount to close, condition first.
        (
            "Ballpark, it's two to four thousand a month, and if you sign by the end of the "
            "month I can knock off twenty percent.",
            Move.CONCESSION,
        ),
        # The turn reader's attacks count only when the rules hear one too.
        ("Tell me a bit about your business.", Move.QUESTION),
    ],
)
def test_the_client_hears_what_the_turn_mainly_did(
    pit_bull: Persona, text: str, move: Move
) -> None:
    assert _primary(pit_bull, text) == move


def test_a_line_that_takes_something_for_granted_needs_the_trainee_to_have_said_it() -> None:
    assert not fits_turn("A contract already? Let's see.", "Could we book half an hour next week?")
    assert fits_turn("A contract already? Let's see.", "I'll send the contract over today.")
    assert not fits_turn("Wow, that's a lot of features.", "We've won a couple of awards.")
    assert fits_turn("Fine, go on.", "We've won a couple of awards.")
    # Grading an answer needs one: a greeting question is not an answer.
    assert not fits_turn("Okay. That's a precise answer.", "Hi! How's your week been?")
    assert fits_turn(
        "Okay. That's a precise answer.", "It's twelve thousand, fixed, for phase one."
    )


def test_asking_who_signs_off_is_not_asking_for_a_next_step(pit_bull: Persona) -> None:
    signals = extract(analyse("Who else would need to sign off on it?", []), pit_bull)
    assert not signals.asks_next_step
    assert signals.fact_targets == ["decision"]


def test_statements_that_open_like_questions_are_not_questions(pit_bull: Persona) -> None:
    for text in (
        "Can't promise anything on the deadline yet.",
        "Will do, I'll check who else needs to sign off.",
    ):
        signals = extract(analyse(text, []), pit_bull)
        assert signals.topic is None, text


def test_a_question_asked_as_a_request_is_read_for_its_topic(pit_bull: Persona) -> None:
    text = "So tell me a little about your business and who your customers usually are."
    signals = extract(analyse(text, []), pit_bull)
    heard = hear(text, [], TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert heard.primary == Move.QUESTION and heard.topic == Topic.BUSINESS


def test_call_admin_is_not_answered_as_a_topic(pit_bull: Persona) -> None:
    text = "Have we still got the full half hour, or has something come up your end?"
    signals = extract(analyse(text, []), pit_bull)
    heard = hear(text, [], TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert heard.moves == [Move.LOGISTICS] and heard.topic is None and not heard.unplaced


def test_the_time_this_call_has_is_not_a_request_for_another(pit_bull: Persona) -> None:
    ours = extract(
        analyse("I've set aside about half an hour, does that still suit you?", []), pit_bull
    )
    another = extract(analyse("Could we set aside half an hour next week?", []), pit_bull)
    assert not ours.asks_next_step and another.asks_next_step


def test_taking_back_your_own_date_is_not_an_ultimatum(pit_bull: Persona) -> None:
    back = "Actually, scratch that, tomorrow's not going to happen. End of next week maybe?"
    assert _primary(pit_bull, back) != Move.HOSTILE
    assert _primary(pit_bull, "That's never going to happen.") == Move.HOSTILE


def test_a_greeting_asks_for_no_fact_whatever_its_words(pit_bull: Persona) -> None:
    # "decide" is one of the decision fact's words; the reader places the question as none.
    text = "Sorry, they had to decide something on my other call, how are things, all good?"
    a = analyse(text, [])
    assert [q for q, topic, sure in asked_topics(a) if topic is None and sure >= 0.4]
    assert extract(a, pit_bull).fact_targets == []
    # Its words still count for a question the reader cannot place at all.
    assert "decision" in fact_targets(pit_bull, [("so who gets to decide then", None, 0.2)])


def test_a_goodbye_after_a_demand_is_still_a_goodbye(pit_bull: Persona) -> None:
    context = [ContextTurn("partner", "Fine. Send it by Friday and cut the price.")]
    text = "Great, thanks again, speak soon."
    signals = extract(analyse(text, context), pit_bull)
    heard = hear(text, context, TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert heard.moves == [Move.FAREWELL]


def test_a_turn_that_ends_on_its_goodbye_is_answered_as_a_goodbye(pit_bull: Persona) -> None:
    context = [ContextTurn("partner", "Right. Okay then. Sure.")]
    text = (
        "Thank you. I will send a short email today with what we discussed, so you have "
        "something to show the committee. I will revert in two weeks. Have a good day."
    )
    signals = extract(analyse(text, context), pit_bull)
    heard = hear(text, context, TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert heard.moves == [Move.FAREWELL]


def test_an_apology_before_a_question_is_not_a_request_to_repeat(pit_bull: Persona) -> None:
    text = "Sorry, I know I am all over the place, but what was it that made you reach out now"
    signals = extract(analyse(text, []), pit_bull)
    heard = hear(text, [], TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert heard.primary == Move.QUESTION and heard.topic == Topic.WHY_NOW


def test_advice_that_ends_whatever_you_decide_gives_nothing_away(pit_bull: Persona) -> None:
    advice = "Loads of firms leave backups too late, so I'd get on top of that whatever you decide."
    assert _primary(pit_bull, advice) != Move.CONCESSION
    assert _primary(pit_bull, "Sure, whatever you want.") == Move.CONCESSION
    assert (
        _primary(
            pit_bull,
            "It's ten grand, but if you could sign this month I could knock ten percent off.",
        )
        == Move.CONCESSION
    )


def test_every_act_the_reader_names_is_heard_as_a_move() -> None:
    assert set(ACT_MOVES) == set(acts.ACTS)


def test_a_discount_in_figures_is_a_cave_even_in_a_goodbye(pit_bull: Persona) -> None:
    assert _primary(pit_bull, "Happy to take 20% off. Thanks, speak soon.") == Move.CONCESSION


def test_a_check_in_is_not_a_question_the_client_cannot_place(pit_bull: Persona) -> None:
    for text in ("What do you think so far?", "What do you make of that?"):
        signals = extract(analyse(text, []), pit_bull)
        heard = hear(text, [], TurnEvaluation(signals=signals, skills={}), pit_bull, [])
        assert not heard.unplaced, text


def test_a_statement_with_what_in_it_is_not_a_question(pit_bull: Persona) -> None:
    text = "I hear you, and what made it tricky was the handover."
    assert extract(analyse(text, []), pit_bull).topic is None


def test_advice_with_no_question_in_it_is_not_a_question(pit_bull: Persona) -> None:
    text = (
        "For what it's worth, I'd start small with one simple dashboard rather than anything fancy."
    )
    signals = extract(analyse(text, []), pit_bull)
    heard = hear(text, [], TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert Move.QUESTION not in heard.moves[:1] and not heard.unplaced


def test_a_playback_asked_for_is_heard_as_a_check_not_a_pitch(pit_bull: Persona) -> None:
    client = "Hold it right there. I need you to show me you understood what I want first."
    text = (
        "Sure. One tool across all your sites: site managers log progress and delays from a "
        "phone, and by five you get one screen with every site. Did I miss anything?"
    )
    context = [ContextTurn("partner", client)]
    signals = extract(analyse(text, context), pit_bull)
    heard = hear(text, context, TurnEvaluation(signals=signals, skills={}), pit_bull, [])
    assert heard.primary == Move.CHECK and heard.topic is None
    assert Move.CONCESSION not in heard.moves


def test_lines_that_take_a_move_for_granted_give_way_when_it_was_not_made() -> None:
    kept = "Forty buys the original MVP on the date, plus the read-only list. Agreed?"
    assert not fits_turn("I don't really see why the date has to move for small stuff.", kept)
    assert fits_turn("I don't really see why the date has to move.", "Could we move launch later?")
    assert not fits_turn("Urgency is a sales tactic.", "Shall I send you two studio names?")
    assert not fits_turn("That's vague. What happens at night?", "How many clients log in?")
    offered = "Hari ini saya kirim portofolio pilihan dan studi kasus label tenun Bali."
    assert not fits_turn("Terlalu cepat. Saya perlu melihat dulu bahwa Anda selevel.", offered)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("ok cool whats on the list and who signs it off", True),
        ("how many people use it every day", True),
        ("when we start I will send the plan", False),
        ("makes sense, i will send it over tonight", False),
    ],
)
def test_an_english_question_typed_without_its_mark_is_counted(text: str, asks: bool) -> None:
    """Live round 22: a lowercase typist's eight questions were "0 open / 0 closed"."""
    from simulator.personas import get_persona
    from simulator.referee import default_referee

    context = [ContextTurn("partner", "There are a few extras.")]
    persona = get_persona("scope-creeper", "en")
    assert default_referee().evaluate(text, context, persona=persona).signals.open_question is asks
