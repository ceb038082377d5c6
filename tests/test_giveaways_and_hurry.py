"""Faults the referee reads from the words themselves: value given away, a close pressed with
a clock, a price named before a single question (blind planted calls, round 19)."""

from __future__ import annotations

import pytest

from simulator.referee import ContextTurn, default_referee
from simulator.referee.gifts import gift_spans

REF = default_referee()
# The review's scale: a turn below 25 of 100 (1.0 of 4) is an outright fault.
FAULT = 1.0


def _evaluate(text: str, client: str, earlier: list[ContextTurn] | None = None):  # type: ignore[no-untyped-def]
    return REF.evaluate(text, [*(earlier or []), ContextTurn("partner", client)])


@pytest.mark.parametrize(
    "text",
    [
        "And I will give you also one year free hosting and maintenance, as a gift from us!",
        "And because your company is big, I make you 15% discount on whole price, from start.",
        "I'd be glad to offer a twelve percent reduction on our usual fee for a name like yours.",
        "And if you do go ahead at some point, I'll throw in six months of support, no extra charge.",
        "Of course. I'll keep my phone on so you can reach me any time, day or night.",
        "siap kak, kapan aja bisa, weekend juga bisa kok",
        "Kalau bapak setuju hari ini, saya kasih diskon 10%.",
        "2800 a month for two events. And I mean, I can be flexible on evenings too if it helps.",
        "For that, I will do a free process audit of all eight clinics, no need to pay.",
        "i'll always pick up, whatever time it is, you've got me",
        "Six weeks, and I'm on call around the clock for your dispatchers after go-live.",
        "We will add SMS reminders and one patient feedback module, no extra charges.",
        "And should it help with the board, we could reduce our fee by fifteen percent.",
        "Ya sudah Pak, kami ikut 150 juta saja, cakupannya tetap sama.",
        "Dan kami sertakan juga video brand 60 detik, tanpa biaya tambahan.",
        # Planted calls, round 21.
        "And additionally we give your team free training and six months support, without extra payment.",
        "And we'd do it at 10% under our usual rate, since you're a health provider.",
        "Sure, I'll add the costing module and the subcontractor portal as well, all part of the same job.",
        "Boleh banget Teh, sekalian aja aku bikinin. Kalau ada yang mau ditambah lagi bilang aja ya.",
        "Baik, Pak, saya potong 15%. Lingkup dan jadwal tetap seperti di proposal.",
        "Yaudah deh, gue turunin ke 150 dari 180, biar lo tenang soal runway.",
        # Planted calls, round 22: the reason for the gift is no refusal of it.
        "and just so price isn't a worry, we'd do fifteen percent off for a first-phase pilot.",
        "I will make you 20% discount from the beginning, so you don't feel you are losing money.",
        "Siap, Pak. HP saya aktif dua puluh empat jam, termasuk Sabtu dan Minggu.",
        "kalo ada error jam brp aja kabarin aku ya kak, weekend juga gpp, aku standby",
        "Revisi? Tenang kak, sepuasnya aja, gak ada batasnya kok.",
        "Tim saya lembur dan masuk Sabtu-Minggu kalau perlu, tanggal itu pasti saya kejar.",
    ],
)
def test_value_given_away_in_words_is_a_giveaway(text: str) -> None:
    assert gift_spans(text)
    ev = _evaluate(text, "Sounds good. What happens next?")
    assert ev.signals.concession
    assert (ev.skills["boundary"].score or 0.0) <= FAULT


@pytest.mark.parametrize(
    "text",
    [
        "Instead of a free pilot, I'd suggest a paid two-week sprint.",
        "About free mockups, honestly I don't do them, but I can show you three past projects.",
        "If you sign a twelve-month retainer, I can take 10% off the monthly fee.",
        "Not 15% on a promise. Sign phase two now and I'll take 10% off both.",
        "Half upfront and one round of design sign-off, and I can take ten percent off.",
        "I can drop the reporting module for 10% less.",
        "What discount did you have in mind?",
        "Revisi dua kali ya kak, gratis. Lebih dari itu ada biaya tambahan.",
        "Kalau DP 50% masuk minggu ini, saya kasih diskon 5%.",
        "You'll get a progress note every Wednesday, and you can call me any time in office hours.",
        "A message before 6 pm gets done the same day; anything later I'll pick up the next morning.",
        "You mentioned wanting someone on call every month. What's driving that?",
        "nah mate that wasnt a discount, thats less stuff for less money. pick one",
        # An independent review of round 21's patterns: priced extras and held prices.
        "this we do charge for, it is a separate line item at 500",
        "Yes we can also do that, it's 1,200 on top of the quote",
        "Oke pak, 150 juta.",
    ],
)
def test_refused_traded_or_bounded_value_is_no_giveaway(text: str) -> None:
    assert not gift_spans(text)


def test_a_close_pressed_with_a_clock_fails_pacing_whatever_the_learned_level() -> None:
    pushy = _evaluate(
        "Realistically, if you want this before tax season you need to sign by Friday. "
        "After that I can't guarantee it, so I'd lock it in now.",
        "I still have questions about the security setup.",
    )
    assert (pushy.skills["pacing"].score or 0.0) <= FAULT
    promise = _evaluate(
        "Good catch, sorry! Let me check rather than guess. I'll confirm in writing by end of day.",
        "Your website says us-east. So which is it?",
    )
    assert (promise.skills["pacing"].score or 4.0) > FAULT


@pytest.mark.parametrize(
    "text",
    [
        # Planted calls, round 22.
        "so if you could give me a yes by Friday that would really help us both.",
        "Sir, kindly give the go-ahead today itself, because our price is valid only till month "
        "end. Better to lock now.",
        "I've got a slot opening from the first of the month and it won't be there long.",
    ],
)
def test_a_clock_in_other_words_is_a_pressed_close(text: str) -> None:
    ev = _evaluate(text, "I need to think about it and talk to my partner.")
    assert (ev.skills["pacing"].score or 0.0) <= FAULT


def test_a_price_before_any_question_fails_pacing_but_not_once_the_need_is_known() -> None:
    opening = [ContextTurn("partner", "Hi! We run eight clinics and scheduling is a mess.")]
    rushed = _evaluate(
        "Before you go into detail, just so you have a ballpark: a rebuild like this is "
        "forty-five thousand.",
        "It's the reminders, mostly.",
        opening,
    )
    assert (rushed.skills["pacing"].score or 0.0) <= FAULT
    asked = [
        ContextTurn("partner", "Hi! We run eight clinics and scheduling is a mess."),
        ContextTurn("self", "What breaks first on a busy day, and who feels it?"),
        ContextTurn("partner", "No-shows. Front desks spend hours calling patients."),
        ContextTurn("self", "How many bookings a week, and what have you tried so far?"),
    ]
    informed = _evaluate(
        "Given that, the reminders and the shared calendar come to twenty-eight thousand.",
        "About 1,200 a week; we tried a plugin and it broke.",
        asked,
    )
    assert (informed.skills["pacing"].score or 4.0) > FAULT


@pytest.mark.parametrize(
    ("text", "pitched"),
    [
        (
            "Sorry to hear that. That's precisely why the portal has secure share links built in.",
            True,
        ),
        ("I understand price matters, but let me walk you through our feature set first.", True),
        ("Oh, I'm sorry to hear that, Walter. That's exactly where our platform shines.", True),
        ("Sorry to hear that. What did it cost you, beyond the money?", False),
        ("I understand. What would have to be true for you to feel safe this time?", False),
    ],
)
def test_sympathy_as_a_runway_for_a_pitch_fails_empathy(text: str, pitched: bool) -> None:
    ev = _evaluate(text, "The last agency vanished halfway through and we lost the season.")
    score = ev.skills["empathy"].score
    assert ((score or 0.0) <= FAULT) == pitched


def test_a_pressed_close_is_undone_only_by_a_refusal_before_it() -> None:
    from simulator.referee.hurry import _pressed

    assert _pressed("If you don't sign by Friday, the team moves to another client.")
    assert not _pressed("There's no pressure to sign today; take the week.")


@pytest.mark.parametrize(
    ("client", "text"),
    [
        (
            "Love the enthusiasm! But let's see a little sample first, then we plan.",
            "ok, I think we are going in circles. my portfolio is the sample, no free work. if "
            "the deposit lands I start, otherwise lets talk after your pitch. good luck Leo!",
        ),
        (
            "Not so fast. Put what I've told you in writing first, then we'll see.",
            "Okay, I will do the needful: a one-page summary of what you told me today, before "
            "spring ground-breaking. Plus my price and my two conditions. You will have it by noon.",
        ),
        (
            "Could you also do the lanyards tonight?",
            "Ah, no Tara, I should not have offered that freebie so quickly, my mistake. Tonight "
            "is only the banner, at the rush rate. Anything more tonight, I will quote first.",
        ),
        (
            "Wah, baik sekali, tapi saya tidak minta dimurahkan. Yang adil saja.",
            "Terima kasih Pak. Kalau begitu biaya kunjungan 5 juta itu berdiri sendiri, tidak "
            "dipotong. Kira-kira minggu depan Bapak bisa kumpul hari apa?",
        ),
        (
            "Hurry me and I'll just take the cheaper quote. Your call.",
            "fair, no rush from me, sorry. take your time. if the cheaper quote really covers the "
            "same stuff, honestly it might be the right call for you.",
        ),
    ],
)
def test_a_limit_a_promised_write_up_or_time_given_is_no_cave(client: str, text: str) -> None:
    """Live round 19b: each read as a sure cave (boundary 0) and the client said 'Give in
    that fast'; the act reader alone does not make a cave of a held line or a wait."""
    ev = _evaluate(text, client)
    assert not ev.signals.concession
    assert (ev.skills["boundary"].score or 50.0) > FAULT


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Ah, fair enough, £800 it is then, same week, same deliverables.", "800 quid. Take it."),
        # Words that hold a price elsewhere do not hide a cave.
        ("ok if that's the rate you need we can make it work", "Is that your best?"),
        ("the price doesn't change much, so sure, 800 is fine", "Too much."),
        ("Fine, 800. I'll check with the team on the timeline", "Can you do 800?"),
        ("Forty? ...Alright, forty it is. Let's not fight over it.", "Forty. Take it or leave it."),
    ],
)
def test_taking_the_clients_number_is_a_cave(text: str, client: str) -> None:
    assert _evaluate(text, client).signals.concession


def test_a_price_stated_is_no_cave() -> None:
    assert not _evaluate(
        "we charge $900 it's what every client pays", "What's the price?"
    ).signals.concession


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # Live round 21: a held price and a trade of less for less read as caves.
        ("the rate doesnt move. 32k with checks or 25k without, pick one", "Gave in already?"),
        (
            "theres no padding mate. 32k, thats the quote.",
            "If you give that up so fast, it was padding.",
        ),
        (
            "it lands at 2.5k, thats not a haggle number. if you want it cheaper i can do 10 trucks "
            "instead of 20 for 1.8k",
            "That's the opening number. Where does it actually land?",
        ),
        (
            "Okay, of course you need to talk with your team first. I send you a summary tomorrow.",
            "I need to check with my team before anything.",
        ),
        ("Ok, go ahead, I am listening", "Ok, let me explain the whole thing."),
    ],
)
def test_held_prices_trades_and_time_given_are_no_cave(text: str, client: str) -> None:
    assert not _evaluate(text, client).signals.concession


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "About the free admin panel I mentioned: I have to take that back, sorry. "
            "It is paid work, about 1,500 extra.",
            "Great, so the admin panel is free then.",
        ),
        (
            "Maaf Pak, diskon 45 ke 38 juta tadi saya tarik ya, angkanya tetap 45 juta.",
            "Oke, jadi 38 juta ya.",
        ),
    ],
)
def test_an_offer_taken_back_is_no_concession(text: str, client: str) -> None:
    """Live rounds 20-22: the turn that withdrew a freebie or a discount was the one listed
    as given away."""
    assert not _evaluate(text, client).signals.concession
