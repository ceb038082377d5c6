"""Sympathy as a runway for a pitch: "Sorry to hear that. That's exactly where our platform
shines" and "I understand, but let me walk you through our feature set first".

The learned empathy level liked the sympathy and scored such turns 75-83 (blind planted
calls, round 19); the rubric's anchor 0 for empathy is a pitch over the client's concern, so
it is a hard fault read from the words, as a cave is: sympathy first, then the sell.
"""

from __future__ import annotations

import re

# How high empathy may score when the sympathy leads into a pitch (0-4 scale).
PITCH_OVER_SYMPATHY_CAP = 0.75
SYMPATHY = re.compile(
    r"\b(?:(?:i'?m |i am )?(?:so |really |very |truly )?sorry to hear|i (?:\w+ )?understand|"
    r"i hear you|i (?:totally )?get it|i can imagine|that sounds (?:hard|tough|frustrating|"
    r"painful|awful)|turut prihatin|(?:ikut )?sedih (?:dengernya|dengarnya)|maaf (?:dengernya|"
    r"dengarnya)|(?:saya|aku) (?:paham|ngerti|mengerti)|sayang banget|i appreciate (?:the|your) "
    r"(?:\w+'? )?concerns?|i know you (?:are having|have) (?:a )?(?:very )?good)\b",
    re.IGNORECASE,
)
SELL = re.compile(
    r"\bthat(?:'s| is) (?:exactly |precisely |just )?(?:why|where|what) (?:our|my|the|we)\b|"
    r"\bso that'?s why (?:our|my|we)\b|\bfor this reason,? (?:our|my)\b|"
    r"\b(?:our|my) [\w -]{0,40}\b(?:is|are) (?:perfect|ideal|the best(?: option)?|exactly what)\b|"
    r"\bshines\b|\blet me (?:show|share|walk) you (?:through )?(?:how\b|(?:our|the|my) )|"
    r"\b(?:i|we)(?:'ll| will)? show you (?:the|our) (?:\w+ )?(?:demo|dashboard|features?|platform|"
    r"portal)\b|\blet'?s focus (?:first )?on (?:the )?(?:[\w-]+ )?features\b|"
    r"\byou need to (?:move|switch|go|upgrade) to (?:our|my)\b|"
    # "...; however, our standard module handles that perfectly well", "so this problem will
    # disappear completely", "his system is outdated only, and our cloud platform is much
    # more modern"
    r"\bhandles? (?:that|this|it) (?:perfectly|easily|really) well\b|\bwill disappear\b|"
    r"\b(?:our|my) [\w -]{0,30}\bis (?:much )?more modern\b|"
    r"\bjustru (?:itu|karena itu),? (?:kami|produk|aplikasi|paket|platform)\b|"
    r"\bmakanya (?:paket|produk|aplikasi|platform|solusi|sistem) (?:kami|saya|aku)\b|"
    r"\b(?:paket|produk|platform|solusi|sistem) (?:kami|saya|aku) (?:paling|cocok|pas|solusinya)\b",
    re.IGNORECASE,
)


def pitch_over_sympathy(clean: str) -> bool:
    """Sympathy voiced, then a sell after it in the same turn."""
    first = SYMPATHY.search(clean)
    return first is not None and SELL.search(clean, first.end()) is not None
