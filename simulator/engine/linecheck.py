"""Every actor line is checked; a failing line is replaced by an authored one and counted."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from simulator.models import Persona

MAX_SENTENCES = 3
AI_TALK = re.compile(
    r"\b(?:as an ai|an ai\b|language model|i'?m an assistant|i am an assistant|chatbot|"
    r"simulation|role-?play|openai|i cannot role)",
    re.IGNORECASE,
)
TRAINEE_TAGS = re.compile(r"(?:^|\s)(?:rep|you|trainee|user|salesperson|freelancer)\s*:", re.I)
SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")


def leaked_fact(line: str, persona: Persona, earned: Iterable[str]) -> str | None:
    """The id of an unearned hidden fact whose tell appears in the line, if any."""
    lowered = line.lower()
    allowed = set(earned)
    for fact in persona.hidden_facts:
        if fact.id in allowed:
            continue
        if any(tell.lower() in lowered for tell in fact.tells):
            return fact.id
    return None


def problem(line: str, persona: Persona, earned: Iterable[str]) -> str | None:
    """Why a whole line fails the check, or None when it passes."""
    text = line.strip()
    if len(re.findall(r"[A-Za-z]", text)) < 2:
        return "empty"
    if AI_TALK.search(text):
        return "talks about being an AI"
    if TRAINEE_TAGS.search(text):
        return "speaks as the trainee"
    fact = leaked_fact(text, persona, earned)
    if fact:
        return f"leaks unearned fact {fact}"
    if len(SENTENCE_END.findall(text)) > MAX_SENTENCES:
        return "more than three sentences"
    return None


@dataclass
class LineGuard:
    """Releases a streamed line sentence by sentence, only after each sentence passes."""

    persona: Persona
    earned: list[str]
    released: str = ""
    failure: str | None = None
    trimmed: bool = False
    _pending: str = field(default="", repr=False)

    def _sentences_released(self) -> int:
        return len(SENTENCE_END.findall(self.released))

    def _accept(self, piece: str) -> str | None:
        if self._sentences_released() >= MAX_SENTENCES:
            self.trimmed = True
            return None
        why = problem(self.released + piece, self.persona, self.earned)
        if why and why != "empty":
            if self.released.strip():
                self.trimmed = True  # keep the good start, drop the bad tail
            else:
                self.failure = why
            return None
        self.released += piece
        return piece

    def feed(self, chunks: Iterable[str]) -> Iterator[str]:
        """Yield approved text as complete sentences arrive; stop at the first bad one."""
        for chunk in chunks:
            self._pending += chunk
            while (m := SENTENCE_END.search(self._pending)) is not None:
                piece, self._pending = self._pending[: m.end()], self._pending[m.end() :]
                approved = self._accept(piece)
                if approved is None:
                    return
                yield approved
        if self._pending.strip():
            approved = self._accept(self._pending)
            if approved is not None:
                yield approved
        if not self.released.strip() and self.failure is None:
            self.failure = "empty"
