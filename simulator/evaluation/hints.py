"""What the client is pressing on, in a few words, from what they said."""

from __future__ import annotations

import re

TOPIC_HINTS = [
    (r"price|expensive|cheaper|discount|quote|\$|\d+k|budget|number", "the price"),
    (r"free|trial|test|mock", "doing work before we agree terms"),
    (r"tonight|weekend|saturday|sunday|late|7 ?a\.?m", "the timing"),
    (r"also|add|while you'?re|extra|throw in|favou?r", "the extra scope"),
    (r"last (?:guy|vendor|agency|fellow|web)|burned|vanish|disappear", "what happened last time"),
    (r"deadline|march|june|september|date|by when", "the deadline"),
    (r"take it or leave it|final offer|or we'?re done", "the ultimatum"),
]


def topic_of(lines: list[str]) -> str:
    """The latest line's known topic, or an empty string when none is named."""
    for line in reversed(lines):
        for pattern, topic in TOPIC_HINTS:
            if re.search(pattern, line, re.IGNORECASE):
                return topic
    return ""
