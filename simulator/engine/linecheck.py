"""Every actor line is checked; a failing line is replaced by an authored one and counted."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from simulator.models import Persona

MAX_SENTENCES = 3
# Three spoken sentences fit easily; a longer "line" is a server ignoring max_tokens.
MAX_LINE_CHARS = 600
AI_TALK = re.compile(
    r"\b(?:as an ai|an ai\b|language model|i'?m an assistant|i am an assistant|chatbot|"
    r"simulation|role-?play|openai|i cannot role)",
    re.IGNORECASE,
)
TRAINEE_TAGS = re.compile(r"(?:^|\s)(?:rep|you|trainee|user|salesperson|freelancer)\s*:", re.I)
SPEAKER_TAG = re.compile(r"^\s*([A-Z][\w.'-]{0,20}(?: [A-Z][\w.'-]{0,20})?)\s*:\s+")
FIGURE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*\s*k?|\b\d[\d,.]*\s*(?:k\b|grand|thousand|%|percent)|"
    r"\b[a-z-]+ (?:grand|thousand)\b)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
# Prompt scaffolding a model read out instead of speaking: the director's note, the
# "line in your voice" lead-in, a stage direction. Seen through small chat models.
META_TEXT = re.compile(
    r"director'?s note|\bprivate (?:note|direction)\b|\bin your (?:own )?(?:voice|words)\b|for this moment\s*:|"
    r"\bin character\b|\bstage direction|\bsomething like\s*:|\byour next line\b|"
    r"\bwhat moved you\b|\bshare this, and only this\b|\byou feel (?:guarded|wary|open)\b|"
    r"\[[a-z ]+\]|\*[a-z][a-z ]+\*",
    re.IGNORECASE,
)


def leaked_fact(line: str, persona: Persona, earned: Iterable[str]) -> str | None:
    """The id of an unearned hidden fact whose tell appears in the line, if any."""
    allowed = set(earned)
    return next(
        (f.id for f in persona.hidden_facts if f.id not in allowed and f.told_in(line)), None
    )


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """A line's word set; cached because the director compares every candidate with every
    earlier sentence each turn, which grew to 25 ms a turn by turn 30."""
    return frozenset(re.findall(r"[a-z0-9']+", text.lower()))


def similar(a: str, b: str) -> bool:
    """Near-copies of an earlier line: tiny models love to repeat the transcript."""
    wa, wb = _words(a), _words(b)
    if len(wa) < 4:
        return wa == wb
    return len(wa & wb) / len(wa | wb) >= 0.6


def said_sentences(lines: Iterable[str]) -> list[str]:
    """Earlier lines and each of their sentences, for the repetition check."""
    out: list[str] = []
    for line in lines:
        out.append(line)
        out.extend(p for p in re.split(r"(?<=[.!?])\s+", line) if p and p != line)
    return out


def known_figures(persona: Persona) -> str:
    """Every money or percentage figure the persona's own data contains, lower-cased."""
    texts = [persona.opening_line, *(f.reveal_line for f in persona.hidden_facts)]
    texts += persona.lines.texts().values()
    return " ".join(texts).lower()


def invented_figure(line: str, known: str) -> str | None:
    """A money or percentage figure not in `known`: the LLM may not invent facts."""
    for m in FIGURE.finditer(line):
        if m.group().lower().strip() not in known:
            return m.group()
    return None


def problem(
    line: str, persona: Persona, earned: Iterable[str], figures: str | None = None
) -> str | None:
    """Why a whole line fails the check, or None when it passes.

    `figures` is known_figures(persona), passed in by callers that check many pieces.
    """
    text = line.strip()
    if len(re.findall(r"[A-Za-z]", text)) < 2:
        return "empty"
    if AI_TALK.search(text):
        return "talks about being an AI"
    if TRAINEE_TAGS.search(text):
        return "speaks as the trainee"
    if SPEAKER_TAG.match(text):
        return "speaks with someone else's tag"
    if META_TEXT.search(text) or "\n" in text.strip():
        return "meta text"
    fact = leaked_fact(text, persona, earned)
    if fact:
        return f"leaks unearned fact {fact}"
    figure = invented_figure(text, known_figures(persona) if figures is None else figures)
    if figure:
        return f"invents a figure ({figure})"
    if len(SENTENCE_END.findall(text)) > MAX_SENTENCES:
        return "more than three sentences"
    return None


@dataclass
class LineGuard:
    """Releases a streamed line sentence by sentence, only after each sentence passes."""

    persona: Persona
    earned: list[str]
    said: list[str] = field(default_factory=list)
    # Authored words the line starts with (the primer): shown as soon as they arrive, since
    # the director chose them; the model's words after them wait for their sentence's end.
    vouched: str = ""
    released: str = ""
    failure: str | None = None
    trimmed: bool = False
    _pending: str = field(default="", repr=False)
    _figures: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self._figures = known_figures(self.persona)  # once per line, not once per sentence

    def reset(self) -> None:
        """Start an attempt clean: a failed attempt's leftover must not prefix the retry."""
        self._pending = ""
        self.released = ""
        self.failure = None
        self.trimmed = False

    def _sentences_released(self) -> int:
        return len(SENTENCE_END.findall(self.released))

    def _accept(self, piece: str) -> str | None:
        if not self.released:
            # Chat models often start with their own name tag; drop it, keep the line.
            tag = SPEAKER_TAG.match(piece)
            if tag and tag.group(1).split()[0] == self.persona.identity.name.split()[0]:
                piece = piece[tag.end() :]
        if self._sentences_released() >= MAX_SENTENCES:
            self.trimmed = True
            return None
        if len(self.released) + len(piece) > MAX_LINE_CHARS:
            if self.released.strip():
                self.trimmed = True
            else:
                self.failure = "too long"
            return None
        why = problem(self.released + piece, self.persona, self.earned, self._figures)
        if why == "empty" and self.released.strip():
            why = None  # a stray fragment after a good sentence; keep going
        if why is None and piece.strip():
            if len(re.findall(r"[A-Za-z]", piece)) < 2:
                why = "no words"
            elif any(similar(piece, earlier) for earlier in self.said):
                why = "repeats an earlier line"
        if why:
            if self.released.strip():
                self.trimmed = True  # keep the good start, drop the bad tail
            else:
                self.failure = why
            return None
        if self.released.count('"') % 2 == 0 and piece.count('"') % 2 == 1:
            piece = piece.replace('"', "")  # a stray closing quote from the prompt's example
        if piece.rstrip().endswith(")") and "(" not in piece:
            piece = piece.rstrip()[:-1]
        self.released += piece
        return piece

    def _early(self) -> str | None:
        """The vouched start, once the stream has delivered it and it passes the line check."""
        if not self.vouched.strip() or self.released or not self._pending.startswith(self.vouched):
            return None
        if problem(self.vouched, self.persona, self.earned, self._figures) is not None:
            self.vouched = ""  # cannot vouch after all: wait for whole sentences
            return None
        self.released, self._pending = self.vouched, self._pending[len(self.vouched) :]
        return self.vouched

    def complete_with(self, rest: str) -> str:
        """After a stream that showed only the vouched start, the authored rest finishes it."""
        if not self.vouched.strip() or self.released != self.vouched or not rest.strip():
            return ""
        self.released += rest
        self.trimmed = False
        self.failure = None
        return rest

    def _release(self, chunks: Iterable[str]) -> Iterator[str]:
        for chunk in chunks:
            if not self.released and self.vouched:
                self._pending += chunk
                early = self._early()
                if early is not None:
                    yield early
                elif self.vouched.startswith(self._pending):
                    continue  # the vouched start is still arriving
                else:
                    self.vouched = ""  # the stream did not start on it: no early words
                chunk, self._pending = self._pending, ""
            # Search only the new text: what was pending had no sentence end (an end at the
            # very end of the text matches `$`, so it would have been split off already).
            # Rescanning from 0 made many tiny chunks cost quadratic time.
            scan = len(self._pending)
            self._pending += chunk
            while (m := SENTENCE_END.search(self._pending, scan)) is not None:
                piece, self._pending = self._pending[: m.end()], self._pending[m.end() :]
                scan = 0
                approved = self._accept(piece)
                if approved is None:
                    return
                yield approved
            if len(self._pending) > MAX_LINE_CHARS:
                self._accept(self._pending)  # too long: fails or trims, and we stop reading
                return
        if self._pending.strip():
            approved = self._accept(self._pending)
            if approved is not None:
                yield approved

    def feed(self, chunks: Iterable[str]) -> Iterator[str]:
        """Yield approved text as complete sentences arrive; stop at the first bad one."""
        yield from self._release(chunks)
        if not self.released.strip() and self.failure is None:
            self.failure = "empty"
