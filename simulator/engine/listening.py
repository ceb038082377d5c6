"""What the client heard: the trainee's moves, most telling first, and the fact asked about.

Read from the referee's signals and its move reading of the turn against the client's
last line; the director answers the first move it has a line for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from simulator.engine.presuppose import FIGURE
from simulator.models import Persona, TurnEvaluation
from simulator.referee import acts, topics
from simulator.referee.features import Analysis, ContextTurn, analyse, fact_targets
from simulator.vocabulary import Move, Topic

# A turn this short with nothing the referee recognises is small talk ("Hi!", "Great.").
SMALL_TALK_WORDS = 6
# What a client hears as a put-down or a hurry even when the referee's scoring does not
# count it (it scores skills; the client reacts to tone). Kept small on purpose.
RUDE = re.compile(
    r"\b(?:ridiculous|absurd|nonsense|stupid|idiot\w*|clearly (?:don'?t|do not) (?:understand|get)|"
    r"you'?re (?:wrong|overthinking|being unrealistic)|not how (?:it|this|that) works|"
    r"waste of (?:my )?time|get over)\b",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"\b(?:budget|price|pric\w+|cost|costs|rate|pay|spend|afford|invest\w*|fee|quote|money)\b", re.I
)
DEMANDS = re.compile(r"\b(?:tell|give|show) me\b|\bwhat'?s your\b|\bi need to know\b", re.I)
SELF_TALK_WORDS = 15
# Telling the client what they think, or waving their worry away: heard as answering back.
TALKS_DOWN = re.compile(
    r"\byou'?d agree\b|\bwouldn'?t you (?:agree|say)\b|\bdon'?t you think\b|\bsurely you\b|"
    r"\byou must admit\b|\bnever happens\b|\bwon'?t (?:ever )?happen\b|\bwouldn'?t (?:even )?worry\b|"
    r"\bnothing to worry about\b|\bnot (?:really )?listening\b|\banyone could\b",
    re.IGNORECASE,
)
# Asking the client to say it again: answered as that, never read for a topic.
MISSED_IT = re.compile(
    r"\bwhat was that\b|\bsay (?:that|it) again\b|\bcome again\b|\bdidn'?t (?:catch|hear) (?:that|it|you)\b|"
    r"\bmissed (?:that|it|what you said)\b|\bcould you repeat\b|\bsorry,? what\?",
    re.IGNORECASE,
)
MISSED_IT_WORDS = 14
# Thanks and goodbye: the client says goodbye back.
FAREWELL = re.compile(
    r"\b(?:speak|talk|chat) (?:soon|then|to you (?:soon|then)|(?:on )?(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day|next week|tomorrow)\b|"
    r"\b(?:bye|goodbye|take care)\b|\bhave a (?:good|great|nice|lovely) (?:one|day|week|weekend|evening)\b",
    re.IGNORECASE,
)
# "We hear that one a lot": putting the client at ease, not talking about us.
NORMALISES = re.compile(
    r"\bwe (?:hear|see|get) (?:that|this)(?: one)? (?:quite )?(?:a lot|all the time|often)", re.I
)
# How I work, unasked: "I usually start with a discovery phase, then sketches, then..."
PROCESS_TALK = re.compile(
    r"\b(?:how i work|the way i work|my (?:process|approach|method)|i (?:usually|always|normally|"
    r"typically) (?:start|begin|kick off|do|work|run)|our (?:process|approach|method))\b",
    re.IGNORECASE,
)
WE = re.compile(r"\b(?:we|we'\w+|our|us|ours)\b", re.IGNORECASE)
SCOPE = re.compile(
    r"\b(?:phase|stage|first (?:version|release|piece|part|step)|scope|smaller|pilot|start with|"
    r"must-haves?|second round|later|extra|deadline|timeline|weeks?|months?)\b",
    re.IGNORECASE,
)
# Giving in to whatever the client wants, with nothing asked back.
# "Sure, whatever you think is best"; advice that ends "...whatever you decide" gives nothing.
CAPITULATES = re.compile(
    r"\b(?:yes|yeah|sure|fine|okay|ok|absolutely|of course|no problem|happy to)\b[^.?!]{0,40}"
    r"\b(?:whatever|anything) you (?:think|want|say|need|prefer|decide)\b|"
    r"\bwhatever you (?:think|want|say|need|prefer|decide) (?:is|works|goes)\b|"
    r"\banything you (?:want|say|need)\b",
    re.IGNORECASE,
)
# The small-talk questions themselves (not the thanks around a real question).
_DAY_Q = (
    r"\bone of those (?:days|weeks)\b|\b(?:busy|calm|calmer|hectic|crazy|quiet) (?:day|week|morning|one)\b|"
    r"\bhow(?:'?s| is| are| was| has| have)? (?:your|the|you|things|life|everything|it)(?: been)? "
    r"(?:week|day|weekend|morning|afternoon|month|trip|holiday|summer|doing|going)\b(?!-)"
)
SMALL_TALK_Q = re.compile(_DAY_Q, re.IGNORECASE)
BUY_NOW = re.compile(
    r"\b(?:\d+ ?%|\w+ percent|discount)[^.?!]{0,40}\bif you (?:go with us|sign|commit|book|decide|"
    r"buy|say yes)|"
    # ...and the other way round: "if you sign by the end of the month I can knock off 20%".
    r"\bif you (?:could |can |were to |would )?(?:go with us|sign|commit|book|decide|buy|say yes)"
    r"[^.?!]{0,50}"
    r"(?:\b(?:knock|take)\w* (?:\w+ )?(?:off|\d+)|\d+ ?%|\bpercent\b|\bdiscount)",
    re.IGNORECASE,
)
GIVES_AWAY = re.compile(
    r"\b(?:\d+ ?%|\w+ percent|discount\w*|knock\w* (?:\w+ )?off|take \w+ off|for free|free of charge|"
    r"no charge|on the house|throw(?:n)? in|waive\w*|(?:lower|drop|cut|reduce)\w* (?:my|our|the) "
    r"(?:price|rate|fee)s?)\b",
    re.IGNORECASE,
)
# Any pleasantry: the small-talk questions, "how's things?", the weather, thanks for the time.
SMALL_TALK = re.compile(
    _DAY_Q + r"|\bhow(?:'?s| is| are)? (?:things|life|everything|it)(?: going)?\s*(?:[?!.]|$)|"
    r"\bhow (?:are|have) you(?: been)?(?: doing| keeping)?(?: today)?\s*(?:[?!.]|$)|"
    r"\b(?:weather|weekend|coffee|traffic)\b|"
    r"\bthanks?(?: you)?(?: so much| very much)? for (?:making|taking|agreeing|joining|jumping|"
    r"finding|having|the time)",
    re.IGNORECASE,
)
HURRY = re.compile(
    r"\b(?:(?:answer|decision|decide|sign|commit)\w*(?: (?:it|this|that|the \w+))? "
    r"(?:today|now|this week)|lock it in|only good until|yes or no|(?:speed|hurry) (?:this|it|things) up|"
    r"(?:i'?ve|i have) got (?:another|a) call|wrap (?:this|it) up|get to the point|"
    r"let me know (?:today|tonight|by (?:tomorrow|tonight|the end of)|tomorrow)|"
    r"(?:holds?|only good|valid) (?:only )?(?:until|till|through) \w+|goes up (?:after|on|from)|"
    r"no (?:reason|point) (?:to|in) wait|why wait|"
    r"take it or leave it|final (?:price|offer)|stop wasting time|just tell me)\b",
    re.IGNORECASE,
)


# Moves read inside a question that a plain question does not make.
AFTER_A_QUESTION = frozenset(
    {Move.QUESTION, Move.CLOSED_QUESTION, Move.TRADE, Move.PITCH, Move.WINWIN, Move.EMPATHY}
)
# What a goodbye may also do and still be a goodbye.
PLEASANTRIES = frozenset({Move.EMPATHY, Move.STATEMENT, Move.SMALL_TALK, Move.WINWIN})
# Moves heard before a question even when the turn is mostly its question.
HEARD_BEFORE_A_QUESTION = frozenset({Move.HOSTILE, Move.ARGUE, Move.CONCESSION, Move.PUSH})
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


# The move each act of the turn reader (referee/acts.py) is heard as.
ACT_MOVES = {
    "question": Move.QUESTION,
    "check": Move.CHECK,
    "small_talk": Move.SMALL_TALK,
    "logistics": Move.LOGISTICS,
    "repeat": Move.REPEAT,
    "farewell": Move.FAREWELL,
    "ack": Move.STATEMENT,
    "empathy": Move.EMPATHY,
    "pitch": Move.PITCH,
    "price": Move.PRICE,
    "concession": Move.CONCESSION,
    "push": Move.PUSH,
    "limit": Move.LIMIT,
    "trade": Move.TRADE,
    "next_step": Move.NEXT_STEP,
    "argue": Move.ARGUE,
    "hostile": Move.HOSTILE,
}
# Acts that are the whole turn when the reader is sure: the client answers only them.
WHOLE_TURN = frozenset(
    {Move.LOGISTICS, Move.REPEAT, Move.FAREWELL, Move.SMALL_TALK, Move.CHECK, Move.STATEMENT}
)
# A reading that sets the rest of the turn aside must be this sure (dev: 94 of 95 right at
# 0.8 or more, 5 of 9 below it).
WHOLE_SURE = 0.8
# Acts that turn the client cold: heard only when the rules found them too, or, but for an
# attack, when the reader is this sure (dev: 54 of 54 such readings were one of these acts;
# "Tell me a bit about your business." once read as hostile at 0.73, so attacks need rules).
ALARMS = frozenset({Move.HOSTILE, Move.ARGUE, Move.PUSH, Move.CONCESSION})
SURE_ALARM = 0.7


def _with_act(
    moves: list[Move],
    act: str | None,
    sure: float,
    firm: frozenset[Move],
    holds: frozenset[Move],
) -> list[Move]:
    """The rules' moves with the turn reader's act first, when it is sure of one: "I've set
    aside half an hour, does that still suit you?" is call admin, not a request to book."""
    if act is None:
        return moves
    heard = ACT_MOVES[act]
    if heard in ALARMS and heard not in moves and (heard == Move.HOSTILE or sure < SURE_ALARM):
        return moves
    if heard == Move.QUESTION and Move.CLOSED_QUESTION in moves and Move.QUESTION not in moves:
        heard = Move.CLOSED_QUESTION
    lead = [m for m in moves if m in firm and m != heard]
    if heard in WHOLE_TURN and Move.LIMIT in moves and Move.LIMIT in holds:
        # "I can't put a price on it until I know what it is, can I?" is no playback.
        lead.append(Move.LIMIT)
    if heard in WHOLE_TURN and not lead:
        # A playback is also a warm word: empathy lines answer it where no check line does.
        return [heard, Move.EMPATHY] if heard == Move.CHECK else [heard]
    return [*lead, heard, *(m for m in moves if m not in lead and m != heard)]


@dataclass(frozen=True)
class Heard:
    """The trainee's moves in order of how much they call for an answer."""

    moves: list[Move] = field(default_factory=list)
    text: str = ""
    unearned_fact: str | None = None
    topic: Topic | None = None  # what the turn's question asks about
    client_asked: bool = False  # the client's last line asked the trainee something
    unplaced: bool = False  # a real question the client cannot place on any topic

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
) -> Heard:
    """Order the turn's moves; the referee's own reading decides which moves are there."""
    s = evaluation.signals
    a = analyse(text, list(context)[-5:])
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
    pitching = s.pitch or m.has("pitch") or self_talk or bool(PROCESS_TALK.search(text))
    # "Makes sense", "thanks for making the time": polite, but nothing of theirs given back.
    bare_ack = not (m.reflects or a.has("feelings") or m.echoed)
    hurried = bool(HURRY.search(text))
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
        # A number is an instant answer only when the client pushed for one.
        (
            (m.has("push") or (m.has("instant") and m.demand)) and not s.open_question,
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
    act, sure = acts.reading(text)
    # What the rules found that no reading of the act talks the client out of hearing: an
    # attack, a cave, a hurry in words; "an instant answer to a demand" is too weak for it.
    firm = {Move.HOSTILE} | ({Move.PUSH} if hurried or m.has("push") else set())
    # A cave in words ("20% off", "for free", "whatever you think"), not one the rules infer
    # from context: "Great, thanks again, speak soon." after a demand is still a goodbye.
    if GIVES_AWAY.search(text) or BUY_NOW.search(text) or CAPITULATES.search(text):
        firm.add(Move.CONCESSION)
    # A line held in words outranks a call-admin or playback reading of the same turn.
    holds = frozenset({Move.LIMIT} if m.holds or s.refusal else ())
    if act is not None and ACT_MOVES[act] in WHOLE_TURN and sure < WHOLE_SURE:
        act = None  # too unsure to set the rest of the turn aside
    if act == "repeat" and (len(text.split()) > MISSED_IT_WORDS or s.topic is not None):
        # A request to repeat is short and asks about nothing: "Sorry, I'm jumping around,
        # but what was the trigger for reaching out now" and "What worries you most about
        # starting again?" ask questions.
        act = None
    moves = _with_act(moves, act, sure, frozenset(firm), holds)
    # "Have we still got the full half hour, or has something come up your end?" is call
    # admin even when a topic reader finds "your end" in it: a sure act of that kind is the
    # whole turn, so no topic is answered and no fact deflected.
    whole = act is not None and ACT_MOVES[act] in WHOLE_TURN and moves[0] == ACT_MOVES[act]
    topic = None if whole else s.topic
    if topic is not None and not asks:
        # "any deadline we should know about": a question without its question mark.
        moves.append(Move.QUESTION)
    if FAREWELL.search(text) and not a.questions and set(moves) <= PLEASANTRIES:
        moves = [Move.FAREWELL]
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
    if not moves:
        words = len(text.split())
        moves = [Move.SMALL_TALK if words <= SMALL_TALK_WORDS else Move.STATEMENT]
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
    targets = list(s.fact_targets)
    if not targets and s.topic is None and DEMANDS.search(text):
        # "Just tell me your budget": a demand for a fact is a question about it.
        targets = fact_targets(persona, [(text, None, 0.0)])
    unearned = None if whole else next((f for f in targets if f not in earned), None)
    asked = a.questions[-1].text if a.questions else text
    # "Do you keep bees?" to a trucking COO: a real question with no answer ready (the topic
    # reader's "other", or a question the act reader is sure of that no topic fits), which
    # is not "Does that make sense?" (the topic reader's "none").
    unplaced = (
        topic is None
        and not whole
        and moves[0] in (Move.QUESTION, Move.CLOSED_QUESTION)
        and (
            topics.best_class(asked) == "other"
            or (act == "question" and topics.best_class(asked) != "none")
        )
    )
    partner = [t.text for t in context if t.speaker == "partner"]
    asked_us = bool(partner) and "?" in partner[-1]
    return Heard(
        moves=moves,
        text=text,
        unearned_fact=unearned,
        topic=topic,
        client_asked=asked_us,
        unplaced=unplaced,
    )
