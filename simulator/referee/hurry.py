"""Pacing faults in so many words: a close pressed with a clock, a price named before asking.

The learned pacing level let "you need to sign by Friday... I'd lock it in now" score 94
and "Before you go into detail, just so you have a ballpark: forty-five thousand" 72 (blind
planted calls, round 19). These are the rubric's hard faults for non-reactive pacing, read
from the words, as a cave is; a refusal in the same sentence ("no pressure to sign today")
undoes a pressed close.
"""

from __future__ import annotations

import re

from simulator.referee.features import Analysis
from simulator.referee.gifts import REFUSED, SENTENCE

# How low a pressed close or a rushed price may score on pacing (0-4 scale).
PUSHY_CAP = 0.5
RUSHED_CAP = 0.75
PUSHY = re.compile(
    r"\bsign (?:it |this |the contract )?(?:today|now|tonight|by (?:friday|monday|tomorrow|the end|end)|"
    r"before (?:the )?end)\b|\block (?:it|this) in (?:now|today)\b|\bclose (?:it|this|the deal) "
    r"(?:today|now)\b|\b(?:decide|sign|commit|go ahead)\b(?: \w+){0,3} (?:before|by) (?:the )?end of "
    r"(?:the )?day\b|\b(?:other|another) clients? "
    r"(?:are|is) (?:booking|waiting|interested|asking)\b|\b(?:offer|price|discount|slot) (?:is only|"
    r"expires|ends|only valid|valid until|won'?t last)\b|\blast (?:chance|slot|spot)\b|"
    # "a yes by Friday", "give the go-ahead today itself", "valid only till month end".
    r"\b(?:a|the|your) (?:verbal |firm )?(?:yes|go-?ahead|green light|decision) (?:by|before) "
    r"(?:friday|monday|tomorrow|the end|end|tonight)\b|\b(?:give|get) (?:me |us )?(?:the |a )?"
    r"(?:verbal )?(?:yes|go-?ahead|green light) (?:today|now|tonight)\b|\b(?:is )?valid only "
    r"(?:till|until)\b|\b(?:better|best) to lock (?:it |this )?(?:in )?now\b|"
    r"\b(?:slot|spot|opening)\b[^.?!]{0,40}\bwon'?t (?:be there|last) long\b|"
    r"\bif you don'?t (?:sign|decide|commit)\b|\byou (?:need|have) to (?:sign|decide|commit) "
    r"(?:by|before|today|now)\b|\btanda tangan (?:hari ini|sekarang|malam ini)\b|\bdeal (?:hari ini|"
    r"sekarang)\b|\b(?:slot|tempat) (?:terakhir|tinggal satu)\b|\bpromo (?:ini )?(?:cuma|hanya) "
    r"(?:sampai|sampe|berlaku)\b|\bharus (?:putuskan|tanda tangan|deal) (?:hari ini|sekarang|minggu ini)\b",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"(?:[$€£]|\brp\.? ?)\s?\d|\b\d[\d,.]*\s?(?:k|jt|juta|ribu|thousand|grand|euros?|dollars?|"
    r"pounds?|rupiah)\b|\b(?:five|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred)[\w -]{0,25}(?:thousand|grand|euros?|dollars?|juta)\b",
    re.IGNORECASE,
)
# "Before you go into detail, just so you have a ballpark:" says the price came first.
RUSHED = re.compile(
    r"\bbefore you (?:go into|get into|explain)\b|\bjust so you have a ballpark\b|"
    r"\bthat'?s the number\b|\bthe figure i'?d quote\b|\bfull and final\b|\bangka final\b|"
    r"\bso (?:it'?s|it is) on the table (?:early|from the start)\b|"
    r"\bso you(?:'ve got| have) (?:a )?(?:number|ballpark|figure)\b[^.?!]{0,30}\bfrom the start\b|"
    r"\ba number in your head\b",
    re.IGNORECASE,
)
# A price named with at most this many questions asked before it, in the first turns.
EARLY_TURNS = 2
EARLY_QUESTIONS = 1


def _pressed(clean: str) -> bool:
    """A close pressed with a clock that its sentence does not refuse before it ("no pressure
    to sign today" refuses; "if you don't sign by Friday" presses, its "don't" included)."""
    for sentence in SENTENCE.finditer(clean):
        text = sentence.group()
        if any(not REFUSED.search(text[: m.start()]) for m in PUSHY.finditer(text)):
            return True
    return False


def pacing_cap(a: Analysis, earlier_turns: int, early: bool) -> float | None:
    """The cap on pacing the turn's words put on it, or None."""
    clean = a.clean
    if _pressed(clean):
        return PUSHY_CAP
    if a.questions or a.moves.holds or a.has("refusal") or not MONEY.search(clean):
        return None
    if MONEY.search(a.partner_text or ""):
        return None  # the client named money first: answering it is not rushing ahead
    named_first = early and earlier_turns <= EARLY_TURNS and a.earlier_questions <= EARLY_QUESTIONS
    return RUSHED_CAP if named_first or RUSHED.search(clean) else None
