"""Lines that take something for granted: only said when the trainee's turn gave it to them.

"A contract already?" answers a push to sign, not a request for a half-hour call; "Wow,
that's a lot of features" answers a feature list, not a firm's credentials. A line whose
words name one of these things is only chosen when the trainee's turn names it too.
"""

from __future__ import annotations

import re

# What a line takes for granted -> what the trainee must have said for it to fit.
PRESUPPOSITIONS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(line, re.IGNORECASE), re.compile(trainee, re.IGNORECASE))
    for line, trainee in (
        (
            r"\b(?:contract|sign(?:ed|ing)?|paperwork)\b",
            r"\b(?:contract|sign|agreement|paperwork|lock (?:it|this) in|commit|deal|deposit)",
        ),
        (
            r"\b(?:a meeting|meetings?|kick-?off)\b",
            r"\b(?:meet|call|book|calendar|diary|session|minutes|kick-?off|catch up|sit down|slot)",
        ),
        (
            r"\b(?:discount\w*|knock\w* off|took off|take off|another ten off|came down|come down|"
            r"cut your fee|drop(?:ped)? the price|lower(?:ed)? (?:the|your) price)\b",
            r"\b(?:discount|off\b|lower|cheaper|reduce|knock|match|drop|cut|less)",
        ),
        (
            r"\bfeatures?\b",
            r"\b(?:feature|build|add|include|scope|functionality|package)",
        ),
        (r"\b(?:your )?process\b", r"\b(?:process|workshop|stage|steps?|method|phase|approach)"),
        (r"\bquestions\b", r"\?|\bask"),
        (r"\bbrochure\b|\badjectives\b", r"\b(?:we|our|us)\b"),
        (
            r"\b(?:tone|ridiculous|rude)\b",
            r"\b(?:ridiculous|wrong|stupid|absurd|nonsense|disagree)",
        ),
    )
)


# A line that grades what the trainee said ("That's a precise answer", "Fair point") needs
# the trainee to have said something, not only asked.
GRADES = re.compile(
    r"\b(?:answer|honest|fair point|good point|point taken|you'?re right|straight)\b", re.IGNORECASE
)
QUESTION_SENTENCE = re.compile(r"[^.!?]*\?")
STATED_WORDS = 4


def fits_turn(line: str, turn: str) -> bool:
    """Whether everything the line takes for granted is in the trainee's turn."""
    if GRADES.search(line) and len(QUESTION_SENTENCE.sub(" ", turn).split()) < STATED_WORDS:
        return False
    return all(t.search(turn) for pattern, t in PRESUPPOSITIONS if pattern.search(line))
