"""Try-instead lines for this persona and this moment, in the call's own words."""

from __future__ import annotations

import re

from simulator.evaluation.hints import topic_of
from simulator.models import SKILLS, Persona
from simulator.vocabulary import Beat

# Only for a persona without a `coaching:` block (a user's own, say): no project, no names.
GENERIC: dict[str, list[str]] = {
    "empathy": [
        'When you say "{client_words}", it sounds like something is at stake for you. '
        "What's behind it?"
    ],
    "boundary": [
        "I want to be straight with you: that's not something I can do as asked, because it "
        "would cost the quality you're paying for. What I can offer instead is a smaller first "
        "step."
    ],
    "pacing": [
        'Before I answer "{client_words}", can I ask what a good outcome looks like for you?'
    ],
    "winwin": [
        "If we agree first on what matters most to you, we can shape the rest so it works "
        "for both of us."
    ],
}
MAX_QUOTE_WORDS = 12
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def client_words(line: str) -> str:
    """The client's words worth quoting back: the sentence that presses, kept short."""
    sentences = [s.strip() for s in _SENTENCE.findall(line) if len(s.strip().split()) >= 2]
    if not sentences:
        return ""
    pressing = [s for s in sentences if topic_of([s])] or [s for s in sentences if "?" in s]
    chosen = (pressing or sentences)[0]
    words = chosen.split()
    if len(words) > MAX_QUOTE_WORDS:
        head = chosen.split(",")[0].split()
        words = head if len(head) >= 2 else words
        words = words[:MAX_QUOTE_WORDS]
    return " ".join(words).rstrip(".!?,;: ")


def fill(template: str, client_line: str) -> str:
    """The template with the client's own words in place, or a plain reference if none."""
    words = client_words(client_line)
    if not words:
        template = template.replace('"{client_words}"', "that")
        return template.replace("{client_words}", "that")
    return template.replace("{client_words}", words)


def try_instead(
    persona: Persona | None, beat: Beat | None, skill: str, client_line: str, nth: int = 0
) -> str:
    """One try-instead line for this persona, beat and skill; `nth` rotates through them."""
    lines = persona.coaching.lines(beat, skill) if persona and persona.coaching else []
    lines = lines or GENERIC[skill]
    return fill(lines[nth % len(lines)], client_line)


def hint_lines(
    persona: Persona | None, beat: Beat | None, client_line: str, nth: int = 0
) -> list[tuple[str, str]]:
    """(skill, suggested reply) for each skill, for what the client just said."""
    return [(skill, try_instead(persona, beat, skill, client_line, nth)) for skill in SKILLS]
