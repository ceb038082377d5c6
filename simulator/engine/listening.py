"""What the client heard: the trainee's moves, most telling first, and the fact asked about.

Read from the referee's signals and its move reading of the turn against the client's
last line; the director answers the first move it has a line for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from simulator.engine import hearing_model
from simulator.engine.hearing_acts import ACT_MOVES, ALARMS, WHOLE_TURN, counted_act, with_act
from simulator.engine.hearing_cues import (
    BUY_NOW,
    CAPITULATES,
    DEMANDS,
    FAREWELL,
    GIVES_AWAY,
    GOODBYE,
    HURRY,
    MISSED_IT,
    MISSED_IT_WORDS,
    MONEY,
    NORMALISES,
    OFFER_ASKED,
    OFFER_CHECK,
    PLAYBACK_ASKED,
    PROCESS_TALK,
    RUDE,
    SCOPE,
    SELF_TALK_WORDS,
    SMALL_TALK,
    SMALL_TALK_Q,
    TALKS_DOWN,
    WE,
)
from simulator.engine.presuppose import FIGURE
from simulator.models import Persona, TurnEvaluation
from simulator.referee import acts, topics
from simulator.referee.features import (
    Analysis,
    ContextTurn,
    analyse,
    content_words,
    fact_targets,
    questions_asked,
)
from simulator.referee.reading import Reading
from simulator.vocabulary import Move, Topic

# A turn this short with nothing the referee recognises is small talk ("Hi!", "Great.").
SMALL_TALK_WORDS = 6
# "deal, references tonight. thanks Dana!": a short thanks after a settled point signs off.
THANKS_DONE = re.compile(
    r"\b(?:deal|done|agreed|sorted|settled|sip|siap|fix)\b.*\b(?:thanks|thank you|cheers|makasih|"
    r"terima ?kasih)\b",
    re.IGNORECASE,
)
# A question with this many words that carry meaning, and no pleasantry in it, asks for more
# than a pleasantry, whatever the act reader hears in the greeting around it.
ASKS_WORDS = 4


# Moves read inside a question that a plain question does not make.
AFTER_A_QUESTION = frozenset(
    {Move.QUESTION, Move.CLOSED_QUESTION, Move.TRADE, Move.PITCH, Move.WINWIN, Move.EMPATHY}
)
# What a goodbye may also do and still be a goodbye.
PLEASANTRIES = frozenset({Move.EMPATHY, Move.STATEMENT, Move.SMALL_TALK, Move.WINWIN})
# Moves heard before a question even when the turn is mostly its question.
HEARD_BEFORE_A_QUESTION = frozenset({Move.HOSTILE, Move.ARGUE, Move.CONCESSION, Move.PUSH})
# A turn this long after "show me you understood" is the playback, whatever it ends on.
PLAYBACK_WORDS = 25
# Words outside the questions that leave a turn "just a question" whatever they are.
ASIDE_WORDS = 8
# What the client reacts to before answering, when it is said outside the questions.
REACTED_TO = ("condition", "alternative", "gives", "limit", "push", "pitch", "rebut", "hostile")


def _mostly_asks(a: Analysis) -> bool:
    """Whether the turn is its questions: what it does outside them is a greeting or thanks,
    not an offer, a limit, a pitch or a push ("Hi, thanks for making the time, glad we got
    this in the diary. So what's changed, rather than a year ago?")."""
    asked = [(q.start, q.end) for q in a.questions]
    aside = [s for s in a.sentences if (s.start, s.end) not in asked]
    if sum(len(s.text.split()) for s in aside) <= ASIDE_WORDS:
        return True
    spans = [sp for name in REACTED_TO for sp in a.moves.found.get(name, [])]
    spans += a.spans("pitch", "price", "concession", "refusal", "hostility", "next_step")
    return not any(s.start <= sp.start < s.end for s in aside for sp in spans)


# Words that leave a question a check-in ("What do you make of that so far?").
GENERIC_WORDS = frozenset({"think", "make", "feel", "sound", "sounds", "far", "thoughts", "right"})


def _unplaced(asked: str, topic: Topic | None, act: str | None) -> bool:
    """A real question with no answer ready: the topic reader sure it is on no topic a
    client prepares ("other"), or the act reader sure it is a question while the topic
    reader leans to a topic it cannot confirm. A check-in with nothing in it ("What do you
    think so far?") is not one, and without the topic weights nothing is."""
    best = topics.best_class(asked)
    if topic is not None or best is None or not content_words(asked) - GENERIC_WORDS:
        return False
    name, sure = best
    if name == "other":
        return sure >= topics.MIN_PROBABILITY
    return act == "question" and name not in topics.NO_TOPIC


def _checks_in(asked: str) -> bool:
    """Whether the topic reader is sure the question asks about nothing of the client's
    ("Does that make sense so far?", "Is that ok for you?"): no answer line is owed."""
    if OFFER_ASKED.search(asked):
        return True
    best = topics.best_class(asked)
    return best is not None and best[0] == "none" and best[1] >= topics.MIN_PROBABILITY


def _plain(text: str) -> Move:
    """What a turn with no move left in it is: small talk when short, else a statement."""
    return Move.SMALL_TALK if len(text.split()) <= SMALL_TALK_WORDS else Move.STATEMENT


@dataclass(frozen=True)
class Heard:
    """The trainee's moves in order of how much they call for an answer."""

    moves: list[Move] = field(default_factory=list)
    text: str = ""
    unearned_fact: str | None = None
    topic: Topic | None = None  # what the turn's question asks about
    client_asked: bool = False  # the client's last line asked the trainee something
    unplaced: bool = False  # a real question the client cannot place on any topic
    question: str = ""  # what the turn asks (its last question), for matching answers
    # The question marked before it, when the turn asks two ("How many couriers? And who
    # decides?"): a client answers both when it has an answer to each.
    first_question: str = ""
    earlier: str = ""  # the trainee's turns before this one: what the client has heard
    check_in: bool = False  # the question only checks in ("Does that make sense?", "Ok?")

    @property
    def primary(self) -> Move:
        """The move the client's line should answer first."""
        return self.moves[0] if self.moves else Move.STATEMENT


def hear(
    text: str,
    context: Sequence[ContextTurn],
    evaluation: TurnEvaluation,
    persona: Persona,
    earned: Sequence[str],
    reading: Reading | None = None,
) -> Heard:
    """Order the turn's moves; the referee's own reading decides which moves are there."""
    s = evaluation.signals
    # The referee's reading of this turn when there is one: the turn is not read twice.
    own = reading if reading is not None and reading.text == text else None
    a = own.analysis if own is not None else analyse(text, list(context)[-5:])
    m = a.moves
    asks = s.open_question or s.closed_question
    # "Costing your team a lot. What would good look like?" asks about good, not money; "so
    # it's costing you time, have I got that right?" gives their words back.
    money_asked = any(MONEY.search(q.text) for q in a.questions) or not (
        s.open_question or m.has("reflect")
    )
    # Statements about us with nothing about the client: a pitch, whatever the words; "my
    # end" in an apology for the noise is about me, not about the offer.
    # A freelancer's "I usually start with a discovery phase..." is the same pitch as "we".
    self_talk = (
        not asks
        and not m.has("limit")
        and not NORMALISES.search(text)
        and (
            (m.client_focus < 0 and bool(WE.search(text)))
            or (m.client_focus <= -3 and len(text.split()) >= SELF_TALK_WORDS)
        )
    )
    # "Sounds like ... once we've gone. Fair?" gives the client's words back; it offers nothing.
    offers = m.has("gives") or m.has("alternative") or m.has("accept") or a.has("alternative")
    reflective = m.has("reflect") and not offers
    partner = [t.text for t in context if t.speaker == "partner"]
    # "Tell me what you'd build." asks as much as a question mark does.
    answering = bool(partner) and ("?" in partner[-1] or bool(DEMANDS.search(partner[-1])))
    # Asked "How would that work?", the trainee's plan is the answer asked for, not a pitch.
    pitching = (s.pitch or m.has("pitch") or self_talk or bool(PROCESS_TALK.search(text))) and not (
        answering and not asks
    )
    # "Makes sense", "thanks for making the time": polite, but nothing of theirs given back.
    bare_ack = not (m.reflects or a.has("feelings") or m.echoed)
    hurried = bool(HURRY.search(text))
    offered = m.has("gives") or m.has("alternative") or a.has("alternative") or m.trades
    pushes = m.found.get("push", [])
    pushed = bool(pushes) and not (offered and all(OFFER_CHECK.match(p.text) for p in pushes))
    found: list[tuple[bool, Move]] = [
        (
            s.hostility or m.has("hostile") or m.has("zero_sum") or bool(RUDE.search(text)),
            Move.HOSTILE,
        ),
        # "The price is only good until Friday, sign today": the hurry is what is heard.
        (hurried, Move.PUSH),
        # "You'd agree it's outdated, right?", "Oh, that never happens": talking down.
        (bool(TALKS_DOWN.search(text)), Move.ARGUE),
        # "Twenty percent off if you go with us this month": a discount to close is a cave.
        (bool(BUY_NOW.search(text)), Move.CONCESSION),
        (s.asks_next_step, Move.NEXT_STEP),
        # "Okay, so if I've got it right..." gives their words back; it gives nothing away.
        (
            ((s.concession or m.caves) and not (m.has("reflect") and not m.has("gives")))
            or bool(CAPITULATES.search(text)),
            Move.CONCESSION,
        ),
        # An offer of another way ("start with a small first phase") is heard as a trade
        # where something is at stake (a limit, money, the client's ask); "I'll send my
        # notes over after" offers nothing in the deal.
        (
            not reflective
            and (
                m.trades
                or (
                    (m.has("alternative") or a.has("alternative"))
                    and not m.caves
                    and (
                        m.holds or s.price_talk or m.demand or m.concern or bool(SCOPE.search(text))
                    )
                )
            ),
            Move.TRADE,
        ),
        (s.refusal or m.holds, Move.LIMIT),
        # A number is an instant answer only when the client pushed for one; "we talk
        # tomorrow 10" names a time, not a price, and rushes nobody.
        (
            (pushed or (m.has("instant") and m.demand and bool(FIGURE.search(text))))
            and not s.open_question,
            Move.PUSH,
        ),
        # "We've been doing this ten years" in a pitch is the pitch, not an argument.
        (m.has("rebut") and not (pitching and m.client_focus < 0), Move.ARGUE),
        (pitching, Move.PITCH),
        # "It would come in at around eighteen thousand": a figure stated is heard first.
        (bool(FIGURE.search(text)) and not asks, Move.PRICE),
        (s.price_talk and money_asked, Move.PRICE),
        (s.open_question, Move.QUESTION),
        # "Makes sense. Just jotting that down." acknowledges nothing of theirs: a statement.
        (m.reflects or (s.acknowledgement and not bare_ack), Move.EMPATHY),
        (s.price_talk and not money_asked, Move.PRICE),
        # A plain "we" is not a joint interest: "both", "together", "for you and for us" are.
        (m.has("both") or a.has("winwin"), Move.WINWIN),
        (s.closed_question, Move.CLOSED_QUESTION),
    ]
    moves = list(dict.fromkeys(move for present, move in found if present))
    act, sure = (
        acts.from_probabilities(own.act_probabilities) if own is not None else acts.reading(text)
    )
    # What the rules found that no reading of the act talks the client out of hearing: an
    # attack, a cave, a hurry in words; "an instant answer to a demand" is too weak for it.
    firm = {Move.HOSTILE} | ({Move.PUSH} if hurried or pushed else set())
    # A cave in words ("20% off", "for free", "whatever you think"), not one the rules infer
    # from context: "Great, thanks again, speak soon." after a demand is still a goodbye.
    if GIVES_AWAY.search(text) or BUY_NOW.search(text) or CAPITULATES.search(text):
        firm.add(Move.CONCESSION)
    # A line held in words outranks a call-admin or playback reading of the same turn.
    held = bool(m.holds or s.refusal)
    # A question form the referee can see: a question mark, a question's opening words, a
    # question clause or a topic.
    has_question = asks or s.topic is not None or bool(questions_asked(a))
    if act == "check" and (FIGURE.search(text) or offered or Move.NEXT_STEP in moves):
        # "My price is twelve thousand, six weeks. Is it ok for you?" checks an offer, not
        # a playback: "Roughly, just remember..." would answer words never given back.
        act = None
    if (
        act == "small_talk"
        and a.questions
        and not any(SMALL_TALK.search(q.text) for q in a.questions)
        and max(len(content_words(q.text)) for q in a.questions) >= ASKS_WORDS
    ):
        # "Belum tidur kok hehe. Butuh apa Kak buat besok pagi?" greets, then asks what the
        # job is: the question is owed its answer, not "Santai kak, langsung aja yuk!".
        act = None
    if act == "concession" and Move.CONCESSION not in moves and not s.concession:
        # The referee reads no ground given ("my portfolio is the sample, no free work";
        # "Okay, I'll do the summary you asked for, plus my price"): no "Give in that fast".
        act = None
    act = counted_act(
        act, sure, moves, len(text.split()), s.topic is not None, has_question, answering
    )
    moves = with_act(moves, act, frozenset(firm), held)
    # "Have we still got the full half hour, or has something come up your end?" is call
    # admin even when a topic reader finds "your end" in it: a sure act of that kind is the
    # whole turn, so no topic is answered and no fact deflected.
    whole = act is not None and ACT_MOVES[act] in WHOLE_TURN and moves[0] == ACT_MOVES[act]
    topic = None if whole else s.topic
    if topic is not None and not asks:
        # "any deadline we should know about": a question without its question mark.
        moves.append(Move.QUESTION)
    # "...I will revert in two weeks. Have a good day." ends on its goodbye: whatever came
    # before it (a recap, an offer, a next step), the goodbye is what is left to answer.
    signs_off = bool(
        FAREWELL.search(text[-40:])
        or (len(text.split()) <= SMALL_TALK_WORDS + 2 and THANKS_DONE.search(text))
    ) and not {Move.HOSTILE, Move.CONCESSION} & {*moves}
    pleasant = bool(FAREWELL.search(text)) and set(moves) <= PLEASANTRIES | {Move.NEXT_STEP}
    if not a.questions and (signs_off or pleasant):
        # "Makasih waktunya ya, aku kirim lewat email Jumat" agrees a step and says goodbye:
        # the goodbye is what the client answers.
        moves = [Move.FAREWELL]
    first_line = bool(context) and not any(t.speaker == "self" for t in context)
    if moves and moves[0] == Move.FAREWELL and first_line and not GOODBYE.search(text):
        # Nobody says goodbye in their first line: "Selamat siang Bu, terima kasih sudah
        # meluangkan waktu" opens the call (the thanks reads like a goodbye's).
        moves = [Move.SMALL_TALK, *(m for m in moves if m != Move.FAREWELL)]
    if MISSED_IT.search(text) and len(text.split()) <= MISSED_IT_WORDS:
        # "Sorry, what was that? My other phone went." asks for no topic at all.
        return Heard(moves=[Move.REPEAT], text=text)
    if topic is not None and _mostly_asks(a) and not hurried:
        # "What made you look at this now, rather than six months ago?" asks; the "rather
        # than" or "if" inside the question offers nothing, so the answer comes first.
        # An attack, a lecture, a cave or a hurry is still heard first.
        lead = [m for m in moves if m in HEARD_BEFORE_A_QUESTION]
        moves = [
            *lead,
            Move.QUESTION,
            *(m for m in moves if m not in AFTER_A_QUESTION and m not in lead),
        ]
    playback = False
    if (
        partner
        and PLAYBACK_ASKED.search(partner[-1])
        and moves
        and (
            moves[0] in (Move.PITCH, Move.PRICE, Move.STATEMENT, Move.EMPATHY)
            or (moves[0] not in ALARMS and len(text.split()) >= PLAYBACK_WORDS)
        )
    ):
        # Asked "show me you understood what I want", the plan given back is the playback
        # asked for: the client says whether it is right, not "I didn't ask about you".
        # Its closing "Betul, Pak?" asks whether it is right, not about a topic.
        skip = (Move.CHECK, Move.EMPATHY, Move.QUESTION, Move.CLOSED_QUESTION)
        moves = [Move.CHECK, Move.EMPATHY, *(m for m in moves if m not in skip)]
        topic, playback = None, True
    if not moves:
        moves = [_plain(text)]
    if (
        (SMALL_TALK.search(text) or a.has("over_apology") or m.has("over_apology"))
        # "Are you having one of those days, or is it calmer?" asks about the day, whatever
        # topic the reader guesses; "Thanks for the time. Why now?" asks why now.
        and (topic is None or any(SMALL_TALK_Q.search(q.text) for q in a.questions))
        and set(moves) <= PLEASANTRIES | {Move.QUESTION, Move.CLOSED_QUESTION}
    ):
        # "Sorry I'm late, my laptop restarted, thank you so much..." is a pleasantry too.
        # "Thanks for jumping on! How's your week going? Mad weather!" wants a pleasantry.
        moves = [Move.SMALL_TALK]
    if moves[0] == Move.REPEAT:
        return Heard(moves=[Move.REPEAT], text=text)
    if own is not None:
        # A trade, a cave or a price the learned reader doubts was not made: a client who
        # reacts to it answers something nobody said.
        moves = hearing_model.kept(own, moves) or [_plain(text)]
    targets = list(s.fact_targets)
    if not targets and s.topic is None and DEMANDS.search(text):
        # "Just tell me your budget": a demand for a fact is a question about it.
        targets = fact_targets(persona, [(text, None, 0.0)])
    unearned = None if whole or playback else next((f for f in targets if f not in earned), None)
    # The last question the trainee marked as one: "kurirnya brp org kak? biar aku kebayang
    # sistem jadwalnya perlu seribet apa" asks the first; the clause after only says why.
    marked = [q.text for q in a.questions if q.text.rstrip().endswith("?")]
    asked = (marked or [q.text for q in a.questions])[-1] if a.questions else text
    first = marked[-2] if len(marked) > 1 and not playback else ""
    # A typist who drops the mark ends on the real question ("tiny how tiny? whats on the
    # list"): the unmarked one is asked too, after the marked one, which is answered alone
    # when the other is only a clause (two answers never go to one subject).
    tail = a.sentences[-1] if a.sentences else None
    if (
        marked
        and tail is not None
        and not playback
        and tail.start >= max(q.end for q in a.questions)
        and not tail.text.rstrip().endswith((".", "!", "?"))
        and topics.ASKING.search(tail.text)
        and content_words(tail.text)
    ):
        first, asked = asked, tail.text
    # "Do you keep bees?" to a trucking COO: a question with no answer ready (_unplaced).
    unplaced = (
        not whole
        and moves[0] in (Move.QUESTION, Move.CLOSED_QUESTION)
        and _unplaced(asked, topic, act)
    )
    return Heard(
        moves=moves,
        text=text,
        unearned_fact=unearned,
        topic=topic,
        client_asked=answering,
        unplaced=unplaced,
        question=asked if a.questions and not playback else "",
        first_question=first,
        earlier=" ".join(t.text for t in context if t.speaker == "self"),
        check_in=_checks_in(asked) if a.questions else False,
    )
