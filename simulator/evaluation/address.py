"""Advice spoken to the client as the persona's own coaching lines speak to them.

The Indonesian generic lines say "Bapak/Ibu" and "saya"; a client the persona's authored
coaching calls "kamu" (with "aku"), "Kakak", "Bapak" or "Ibu" is spoken to that way.
"""

from __future__ import annotations

import re

from simulator.models import Persona

_YOU_WORDS = ("kamu", "Kakak", "Bapak", "Ibu", "Anda")
_BOTH = re.compile(r"\bBapak/Ibu\b")
_SAYA = re.compile(r"\b([Ss])aya\b")


def addressed(line: str, persona: Persona | None) -> str:
    """LINE with "Bapak/Ibu" (and, in an aku/kamu register, "saya") as the persona's own
    coaching lines put them; unchanged when they say neither or the line has no slash."""
    if persona is None or persona.coaching is None or not _BOTH.search(line):
        return line
    own = " ".join(persona.coaching.all_lines())
    counts = {w: len(re.findall(rf"\b{w}\b", own)) for w in _YOU_WORDS}
    you = max(counts, key=lambda w: counts[w])
    if not counts[you]:
        return line
    line = _BOTH.sub(you, line)
    if you == "kamu" and re.search(r"\baku\b", own, re.IGNORECASE):
        line = _SAYA.sub(lambda m: "Aku" if m.group(1) == "S" else "aku", line)
    return line
