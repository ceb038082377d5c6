"""The shipped referee: the move reading as evidence, the learned skill model as judge.

The rubric rules (rules.py) read what the turn does and keep the hard faults (a cave,
hostility, talking to the evaluator) as guards; the skill model (skill_model.py), trained
on judged pairs, scores everything else from one reading of the turn. Without the encoder
or the model's weights, the rules' levels stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from simulator.evaluation.scale import turn_points
from simulator.models import Persona, SkillScore, Timing, TurnEvaluation
from simulator.referee import rules
from simulator.referee.acts import ACTS
from simulator.referee.client_asks import ATTENTION
from simulator.referee.features import Analysis, ContextTurn
from simulator.referee.gifts import TAKES_BACK
from simulator.referee.hurry import pacing_cap
from simulator.referee.language import reads_as
from simulator.referee.reading import WINDOW, Reading, read
from simulator.referee.signals import extract
from simulator.referee.skill_model import SkillModel, design_row, load_model
from simulator.referee.sympathy import PITCH_OVER_SYMPATHY_CAP, pitch_over_sympathy
from simulator.referee.wording import LEARNED_REASON, NOT_AT_STAKE, PLAIN_REASON

# A turn that addresses the evaluator is not talking to the client: it never gains by it.
INJECTION_PENALTY = 0.5
# A learned score reads whatever text is left, so the penalty alone cannot promise "never
# gains": a turn that talks to the evaluator scores at most this on every skill.
INJECTION_CAP = 0.5
# Hard faults cap the learned level: however warm the words, a cave is no boundary.
CAVE_CAP = {"boundary": 0.5, "winwin": 1.0}
HOSTILE_CAP = 0.5
# The act reader's probability that corroborates a fault the rules read.
FAULT_ACT = 0.3
# At or above this learned level, a fault the rules read from phrases does not cap it.
FAULT_OVERRIDE = 3.0
# How sure the act reader must be of a cave to cap a turn the phrase lists cannot read
# ("I'll fold the extras into the build at the same price", "siap kak, ikut budget aja").
SURE_CAVE = 0.7
PRESSED_CAVE_PACING = 0.5
# The same for a push to close and for answering back or an ultimatum, which the phrase
# lists miss outside English ("kita tanda tangan sekarang saja", "harga terakhir, mau atau
# tidak"): on the held-out act sets (before the round-18 retraining), readings this sure
# of push, argue or hostile were another act in 1 of 56. The skills each fault is a fault
# in, and their caps.
SURE_FAULT = 0.7
ACT_FAULT_CAP: dict[tuple[str, ...], dict[str, float]] = {
    ("push",): {"pacing": 1.0},
    ("argue", "hostile"): {"pacing": 1.0, "winwin": 1.0},
}
# A giveaway the rules did not name as a cave still counts as one when the learned
# boundary level is this low and the turn reads as giving something.
GIVEAWAY_LEVEL = 1.25
# Acts that give nothing and set no terms, and how sure the reader must be of one: per
# skill, the plain acts that can be no fault in it (a next step can rush; a plain question
# can pass a worry by, but is no empathy fault).
PLAIN_ACTS = frozenset({"farewell", "ack", "small_talk", "logistics", "repeat", "next_step"})
PLAIN_FOR = {
    "boundary": PLAIN_ACTS | {"question", "check"},
    "winwin": PLAIN_ACTS | {"question", "check"},
    "empathy": PLAIN_ACTS | {"question"},
    "pacing": PLAIN_ACTS - {"next_step"},
}
PLAIN_ACT = 0.6
# The middle of the 0-4 scale: reasons must agree with the side of it a score lands on.
MIDDLE = 2.0
# A rule level at or below this, decided firmly, is a fault: the skill is at stake.
FAULT_LEVEL = 1.0


class SkillReferee:
    """Deterministic referee: no LLM, no network, tens of milliseconds a turn (the encoder)."""

    def __init__(self, use_learned: bool = True) -> None:
        self.model: SkillModel | None = load_model() if use_learned else None

    def read(self, text: str, context: Sequence[ContextTurn]) -> Reading:
        """The one reading of a turn that the scores and the client's hearing share."""
        return read(text, context)

    def evaluate(
        self,
        text: str,
        context: Sequence[ContextTurn],
        *,
        persona: Persona | None = None,
        timing: Timing | None = None,
        reading: Reading | None = None,
    ) -> TurnEvaluation:
        """Score the four skills and extract signals for one trainee turn."""
        reading = reading if reading is not None and reading.text == text else read(text, context)
        a = reading.analysis
        skills = self.skills(reading, timing)
        if a.injection_spans:
            # Score both readings (sentences removed, phrases removed); keep the lower, minus a penalty.
            other_reading = read(text, reading.context, whole_sentences=False)
            other = self.skills(other_reading, timing)
            # With every sentence removed nothing is left to read: the blank text's scores
            # mean nothing, so the phrase-level reading decides alone.
            blank = not a.clean.strip()
            for name, score in skills.items():
                mine = other[name].score if blank else score.score
                low = _lower(mine, other[name].score)
                if low is not None:
                    low = min(low - INJECTION_PENALTY, INJECTION_CAP)
                score.score = None if low is None else max(0.0, round(low, 3))
        signals = extract(a, persona, reading.act_probabilities)
        signals.concession = gives_away(reading, skills)
        return TurnEvaluation(signals=signals, skills=skills, provoked=a.provoked)

    def skills(self, reading: Reading, timing: Timing | None) -> dict[str, SkillScore]:
        """Rules first (evidence and guards), then the learned level where the model runs."""
        a = reading.analysis
        ruled = rules.levels(a, timing)
        if self.model is None or reading.vector is None:
            return ruled
        lang = reads_as(a.clean)
        foreign = lang != "en"
        model = (self.model.neutral or self.model) if foreign else self.model
        judged = model.judge(design_row(reading, ruled, model.names, model, lang), lang)
        acts_p = reading.act_probabilities
        mine = sum(t.speaker == "self" for t in reading.context)
        # The window holds the whole call so far only in its first turns.
        worded = {
            "pacing": pacing_cap(a, mine, len(reading.context) < WINDOW),
            "empathy": PITCH_OVER_SYMPATHY_CAP if pitch_over_sympathy(a.clean) else None,
        }
        return {k: decide(k, ruled[k], *judged[k], a, acts_p, worded.get(k)) for k in ruled}


def decide(
    skill: str,
    rule: SkillScore,
    level: float,
    gated: bool,
    a: Analysis,
    acts_p: Any | None = None,
    word_cap: float | None = None,
) -> SkillScore:
    """The shown score for one skill: the learned level where the skill is at stake, the
    hard faults' caps, and a reason and evidence that agree with the score's direction."""
    # The rules bring a skill into play when they read a fault in it (a cave, an attack, a
    # push); whether a good or neutral turn had the skill at stake is the learned gate's call
    # (a discovery question after a demand has no boundary to score). Not at stake: null.
    ruled_in = rule.score is not None and rule.strength == "hard" and rule.score <= FAULT_LEVEL
    # A cave the act reader is sure of puts ground at stake (boundary, win-win) even when
    # nothing was asked for: an unasked discount is a giveaway, not a skill out of play.
    sure_cave = sure_act_cave(a, acts_p)
    # A fault the act reader is sure of, or one read from the words (gifts, hurry, sympathy).
    caps = [c for c in (act_fault_cap(skill, a, acts_p), word_cap) if c is not None]
    fault_cap = min(caps) if caps else None
    ruled_in = ruled_in or (sure_cave and skill in CAVE_CAP) or fault_cap is not None
    # A goodbye, an "ok, noted", a next step or call admin gives no ground, sets no terms
    # and answers nothing too soon: no fault, whatever the learned level says ("Siap Pak,
    # saya catat" scored boundary 0, "Great, thanks Maya" 15, "Ready, go ahead" to "Take
    # notes" pacing 10). It stays above a cave in a pair, so it is lifted to the middle
    # rather than taken out of play.
    lifted = not ruled_in and level < MIDDLE and _plain_act(acts_p, PLAIN_FOR[skill])
    if lifted:
        level = MIDDLE
    # With no client line (an opening turn) nothing was asked, voiced or offered yet: no
    # limit, feeling or deal to answer. Only how the trainee opens (a question first or a
    # pitch) is in play, and that is the gate's call: nulling every opening put the campsite
    # openers "What do you need most?" lowest on pacing (dev grouped CV 0.774 -> 0.788,
    # casino_elicit_pref 0.697 -> 0.816; the sales data has no opening turns).
    if not ruled_in and not (gated and (bool(a.partner_text) or skill == "pacing")):
        return SkillScore(
            score=None, reason=NOT_AT_STAKE[skill], at_stake=False, rule_level=rule.score
        )
    m = a.moves
    # The rules' fault readings are phrase-level ("idiot" in "you weren't an idiot", a warm
    # "happy to!" before terms): they cap a level unless the learned judgement is sure the
    # turn is good, so the guard holds for real faults and not for their words.
    # A second reader (the act reader) that hears the same fault keeps the guard in force.
    sure = level < FAULT_OVERRIDE
    # The phrase lists miss most ways of giving ground (and read English only): a sure act
    # reading of a cave is the guard too.
    caves = m.caves or sure_cave
    # Value given away in so many words (gifts.py) is the guard whatever the learned level.
    if caves and (sure or m.has("gift") or heard(acts_p, "concession") or takes_their_number(a)):
        if skill in CAVE_CAP:
            level = min(level, CAVE_CAP[skill])
        if skill == "pacing" and (a.provoked or m.demand or m.wants_answer):
            level = min(level, PRESSED_CAVE_PACING)
    if hostile(a) and (sure or heard(acts_p, "hostile", "argue")):
        level = min(level, HOSTILE_CAP)
    if fault_cap is not None:
        level = min(level, fault_cap)
    level = round(level, 3)
    agrees = rule.score is not None and (rule.score >= MIDDLE) == shows_good(level)
    learned = (
        PLAIN_REASON if lifted and level == MIDDLE else LEARNED_REASON[(skill, shows_good(level))]
    )
    return SkillScore(
        score=level,
        evidence=rule.evidence if agrees else [],
        reason=rule.reason if agrees else learned,
        anchored=rule.anchored and agrees,
        strength="hard" if rule.strength == "hard" and agrees else "soft",
        at_stake=True,
        rule_level=rule.score,
    )


# What the rules call accepting a demand: after an agreed next step, "deal, references
# tonight, thanks Dana!" accepts the step agreed, not a demand (live round 19: pacing 10,
# "conceded at once under pressure", for a polite closing line).
AGREEING = frozenset({rules.ACCEPTED_DEMAND, rules.CONCEDED_PRESSED})


def closing(evaluation: TurnEvaluation, agreed: bool = False, gave: bool = False) -> TurnEvaluation:
    """A trainee's last word after the client agreed a next step or hung up: judged on the
    rules' hard faults only (an attack, a cave in words). The learned readers took "siap
    kak, ajak aja partnernya. sampai senin ya!" for a cave (boundary 5) and a moment. After
    an agreement, saying yes to it is no fault unless value is given away in words (`gave`)."""
    for name, score in evaluation.skills.items():
        # A rule level of 0 is the firmest fault, not a missing one.
        level = MIDDLE if score.rule_level is None else score.rule_level
        hard_fault = score.strength == "hard" and level <= FAULT_LEVEL
        if agreed and not gave and score.reason in AGREEING:
            hard_fault = False
        if score.score is not None and score.score < MIDDLE and not hard_fault:
            evaluation.skills[name] = SkillScore(
                score=None, reason=NOT_AT_STAKE[name], at_stake=False, rule_level=score.rule_level
            )
    boundary = evaluation.skills["boundary"]
    evaluation.signals.concession = evaluation.signals.concession and boundary.score is not None
    return evaluation


def shows_good(level: float) -> bool:
    """The level reads as the middle or above once shown in 0-100 steps of 5."""
    return turn_points(level) >= turn_points(MIDDLE)  # type: ignore[operator]


def heard(acts_p: Any | None, *names: str, at: float = 0.0) -> bool:
    """The act reader gives these acts together at least FAULT_ACT (or AT)."""
    if acts_p is None:
        return False
    return sum(float(acts_p[ACTS.index(n)]) for n in names) >= max(at, FAULT_ACT)


def _plain_act(acts_p: Any | None, plain: frozenset[str]) -> bool:
    """The act reader is sure the turn's act is one of PLAIN."""
    if acts_p is None:
        return False
    i = int(acts_p.argmax())
    return ACTS[i] in plain and float(acts_p[i]) >= PLAIN_ACT


# Time given to the client: waiting is no ground given, whatever the act reader says.
WAITS = re.compile(r"\bno rush\b|\btake (?:your|whatever) time\b", re.IGNORECASE)
# Time given to consult someone: "of course you need to talk with your team first".
CONSULTS = re.compile(
    r"\b(?:talk|speak|check|discuss|consult|run it by)\w* (?:it |this |that )?(?:with|to|by)? ?"
    r"your (?:team|boss|partners?|director|board|co-?founders?|manager|colleagues|family)\b|"
    r"\b(?:diskusi|ngobrol|rembug|rembugan|bicara|bahas)\w* (?:dulu )?(?:dengan|sama|dgn) "
    r"(?:tim|atasan|bos|partner|direksi|keluarga|co-?founder) (?:bapak|ibu|kakak|kak|mas|mbak|anda|"
    r"kamu|lo|lu)\b",
    re.IGNORECASE,
)
# Leave to speak, when nothing was demanded: "righto gordon, go for it", "Ok, go ahead, I am
# listening".
LISTENS = re.compile(
    r"\bgo (?:for it|ahead)\b|\bi'?m (?:all )?ears\b|\b(?:i'?m|i am) listening\b|\bfire away\b|"
    r"\b(?:silakan|monggo|mangga) (?:cerita|lanjut|dijelaskan|disampaikan)\b|\bsaya dengarkan\b",
    re.IGNORECASE,
)
# Less for less: "I can do 10 trucks instead of 20 for 1.8k", "the alerts come in phase two".
TRADES_DOWN = re.compile(
    r"\b\d+ [a-z]+ instead of \d+|\b(?:in|into|to|for) (?:a |the )?(?:second|next|later) "
    r"(?:phase|stage|release)\b|\bphase (?:two|2)\b|\bsmaller (?:first )?(?:step|scope|version)\b|"
    r"\b(?:fewer|less) \w+,? (?:for )?less (?:work|money|cost|price)\b|"
    r"\b(?:fase|tahap) (?:dua|kedua|2|berikutnya|selanjutnya)\b",
    re.IGNORECASE,
)


# A figure of two or more digits ("800", "12,000"; commas and dots dropped to compare) or a
# round number in words ("forty", "lima puluh").
NUMBER = re.compile(
    r"\d[\d,.]*\d|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan) puluh)\b",
    re.IGNORECASE,
)


def takes_their_number(a: Analysis) -> bool:
    """A yes the rules read that names the very figure the client's line demanded ("800
    quid. Take it." - "£800 it is then"): the client's number taken is a cave, however calm
    the words around it."""
    if not a.moves.caves or not a.partner_text:
        return False
    return bool(_figures(a.partner_text) & _figures(a.clean))


def _figures(text: str) -> set[str]:
    """The figures named in a text, written alike ("12,000" and "12000" are one)."""
    return {n.replace(",", "").replace(".", "").lower() for n in NUMBER.findall(text)}


def sure_act_cave(a: Analysis, acts_p: Any | None) -> bool:
    """The act reader is sure the turn gives ground, and the rules read no limit held in it
    ("I'm off tomorrow, so no. Sam can push it" is not a cave, whatever the reader says)."""
    m = a.moves
    if (
        m.holds
        or a.has("refusal")
        or any(WAITS.search(d.text) for d in m.spans("defer"))
        or ((CONSULTS.search(a.clean) or TRADES_DOWN.search(a.clean)) and not m.has("gift"))
        or (LISTENS.search(a.clean) and not m.demand and not m.has("gift"))
    ):
        # "No rush, take your time; the cheaper quote may be the right call for you" waits.
        return False
    if not m.demand and not m.has("gift") and ATTENTION.search(a.partner_text):
        # A yes to "put what I've told you in writing first" gives nothing away ("Okay, I'll
        # do the one-page summary, plus my price and my two conditions" read 0.96 sure).
        return False
    return heard(acts_p, "concession", at=SURE_CAVE)


def act_fault_cap(skill: str, a: Analysis, acts_p: Any | None) -> float | None:
    """The cap on `skill` when the act reader is sure of a push or of answering back, and the
    rules read no limit held (a firm "no" is not an argument)."""
    if a.moves.holds or a.has("refusal"):
        return None
    caps = [
        c[skill]
        for names, c in ACT_FAULT_CAP.items()
        if skill in c and heard(acts_p, *names, at=SURE_FAULT)
    ]
    return min(caps) if caps else None


def hostile(a: Analysis) -> bool:
    """The rules read an attack or contempt."""
    return a.moves.has("hostile") or a.has("hostility")


def gives_away(reading: Reading, skills: dict[str, SkillScore]) -> bool:
    """A cave, or something given that nobody traded for (an unasked discount, free work):
    the learned boundary level says ground was given, and a reader heard something given."""
    m = reading.analysis.moves
    boundary = skills["boundary"].score
    if boundary is None or TAKES_BACK.search(reading.analysis.clean):
        return False
    if m.caves and (boundary < MIDDLE or takes_their_number(reading.analysis)):
        return True
    if sure_act_cave(reading.analysis, reading.act_probabilities):
        return True
    given = m.caves or m.has("gives") or heard(reading.act_probabilities, "concession")
    return given and boundary <= GIVEAWAY_LEVEL


def _lower(a: float | None, b: float | None) -> float | None:
    """The lower of two scores, n/a counting as lowest."""
    if a is None or b is None:
        return None
    return min(a, b)
