"""Lines that take something for granted: only said when the trainee's turn gave it to them.

"A contract already?" answers a push to sign, not a request for a half-hour call; "Wow,
that's a lot of features" answers a feature list, not a firm's credentials. A line whose
words name one of these things is only chosen when the trainee's turn names it too.
"""

from __future__ import annotations

import re

# A figure named as a price: "around eighteen thousand", "12k", "$4,000".
FIGURE = re.compile(
    r"(?:[$£€]\s?\d|\b\d{1,3}(?:,\d{3})+\b|\b\d[\d,.]*\s?(?:k|grand|thousand)\b|\b\w+(?:[- ]\w+)? "
    r"(?:thousand|grand)\b)(?! (?:users|people|customers|members|downloads|visitors|orders|drivers|"
    r"employees|staff|patients|clients|items|products|rows|records|pages))",
    re.IGNORECASE,
)
# A line asking for the price, after the trainee named one, did not listen.
ASKS_PRICE = re.compile(
    r"\bwhat'?s your (?:price|number|rate|pricing|best one)\b|\byour (?:number|price) first\b|"
    r"\bwhat do you (?:charge|usually charge)\b|\bwhat does your pricing\b|"
    r"\b(?:get|give) me a number\b|\bprice first\b",
    re.IGNORECASE,
)
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
        (
            r"\b(?:pilot|sprint|phased?|first step|one (?:store|team|site|clinic|piece) first|"
            r"a bit at a time|smaller first|priority list)\b",
            r"\b(?:(?:pilot|sprint|phase|first|step|smaller|start with|begin with|stage|part|piece|"
            r"bit)\b|priorit)",
        ),
        (r"\b(?:weekly|reports?)\b", r"\b(?:weekly|report|update|check-?in|progress)"),
        (
            r"\b(?:trade-off|a trade|what to drop|rush rate)\b",
            r"\b(?:trade|drop|instead|swap|in return|rush|urgent)",
        ),
        (r"\bbrochure\b|\badjectives\b", r"\b(?:we|our|us)\b"),
        (
            r"\b(?:tone|ridiculous|rude)\b",
            r"\b(?:ridiculous|wrong|stupid|absurd|nonsense|disagree)",
        ),
        # "I don't respond to deadlines set by suppliers" needs a deadline to have been set.
        (
            r"\bdeadlines?\b",
            r"\b(?:deadline|by (?:mon|tues|wednes|thurs|fri|satur|sun)day|by (?:the )?end of|"
            r"until|expire|only (?:good|valid)|this week|today|tomorrow|offer ends|decide by|"
            r"(?:an answer|to know) by|date|timeline|deliver)",
        ),
        # "No, that's not correct, the regulation is quite specific" needs a rule mentioned.
        (
            r"\bregulat\w*|\bcomplian\w*",
            r"\b(?:regulat|complian|law|legal|gdpr|hipaa|rules?\b|certif|iso\b|soc ?2|audit|"
            r"requirement)",
        ),
        # "Not yet, sorry" answers an attempt to close or book.
        (
            r"^\W*not yet\b",
            r"\b(?:sign|book|next step|move forward|go ahead|commit|start|proceed|decide|ready|"
            r"agree|deal|call|meeting|invoice|deposit|contract)",
        ),
        # "Yay, thank you!" thanks someone for something offered.
        (
            r"^\W*(?:(?:yay|oh|ooh|aw+)\W+)?thank(?:s| you)\b",
            r"\b(?:free|include|throw(?:ing)? in|extra|bonus|discount|off\b|happy to|i'?ll|"
            r"i will|i can|we can|we'?ll|add|give|offer|no charge|on me|gift|send)",
        ),
        # "I don't really see why the date has to move" needs a moved date on the table.
        (
            r"\bdate\b.*\bmove|\bmove\b.*\bdate\b|\bpush(?:ed|ing)? (?:it )?(?:back|out)\b",
            r"\b(?:date|deadline|timeline|later|move|push|delay|extra (?:time|week)|weeks?\b|"
            r"months?\b|launch)",
        ),
    )
)
# A greeting opens a call: "Hiya!" or "Hey hey, all good here!" mid-call sounds like a
# client who forgot they were already talking (engine/director.py drops them after that).
GREETING = re.compile(
    r"^\W*(?:(?:well|oh|ah),?\s+)?(?:hi|hey|hello|hiya|howdy|good (?:morning|afternoon|evening)|"
    r"morning)\b",
    re.IGNORECASE,
)


# A line that grades what the trainee said ("That's a precise answer", "Fair point") needs
# the trainee to have said something, not only asked.
GRADES = re.compile(
    r"\b(?:(?:a|an|the)(?: \w+)? answer|fair point|good point|point taken|you'?re right|"
    r"that'?s honest|(?:a|the) straight)\b",
    re.IGNORECASE,
)
QUESTION_SENTENCE = re.compile(r"[^.!?]*\?")
STATED_WORDS = 4


def fits_turn(line: str, turn: str, client_asked: bool = True, earlier: str = "") -> bool:
    """Whether everything the line takes for granted is in the trainee's turn (and, for a
    line that grades an answer, whether the client had asked anything); a line asking for
    the price is not said once the trainee has named one anywhere in the call (`earlier`:
    their turns before this one)."""
    if GRADES.search(line) and (
        not client_asked or len(QUESTION_SENTENCE.sub(" ", turn).split()) < STATED_WORDS
    ):
        return False
    if ASKS_PRICE.search(line) and (FIGURE.search(turn) or FIGURE.search(earlier)):
        return False
    return all(t.search(turn) for pattern, t in PRESUPPOSITIONS if pattern.search(line))
