"""Three short alternative replies for /hint: empathic, boundary, question."""

from __future__ import annotations

import re

from simulator.referee.lexicon import PROVOCATION_RE

TOPIC_HINTS = [
    (r"price|expensive|cheaper|discount|quote|\$|\d+k|budget", "the price"),
    (r"free|trial|test|mock", "doing work before we agree terms"),
    (r"tonight|weekend|saturday|sunday|late|7 ?a\.?m", "the timing"),
    (r"also|add|while you'?re|extra|throw in|favou?r", "the extra scope"),
    (r"last (?:guy|vendor|agency|fellow)|burned|vanish|disappear", "what happened last time"),
    (r"deadline|march|june|september|date|by when", "the deadline"),
]


def _topic(lines: list[str]) -> str:
    """What the client is pressing on: the latest line that names a known topic."""
    for line in reversed(lines):
        for pattern, topic in TOPIC_HINTS:
            if re.search(pattern, line, re.IGNORECASE):
                return topic
    return ""


def hints(last_persona_line: str, earlier: list[str] | None = None) -> list[tuple[str, str]]:
    """(direction, suggested reply) for the trainee's next turn."""
    topic = _topic([*(earlier or []), last_persona_line]) or "this"
    pressured = bool(PROVOCATION_RE.search(last_persona_line))
    empathic = (
        f"It sounds like {topic} is a real concern for you. What's behind it?"
        if pressured
        else "That's helpful, thank you. What matters most to you here?"
    )
    boundary = (
        f"I want to be straight with you about {topic}: that's not something I can do as asked, "
        "because it would cost the quality you're paying for. What I can offer instead is a smaller "
        "first step we both feel good about."
    )
    question = (
        f"Before I answer on {topic}, can I ask what a good outcome looks like for you, "
        "and by when?"
    )
    return [("empathic", empathic), ("boundary", boundary), ("question", question)]
