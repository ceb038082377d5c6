"""One spoken line out of a chat model's reply: labels, lead-ins and extra lines removed.

Small chat models answer "Nick: A line in your voice for this moment: "Fine."" or write
the line, a blank line and a commentary. We keep the first line that says something,
without its label, lead-in, stage direction or wrapping quotes, and stop at its newline.
What still reads as prompt text is left for the line check to reject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A label ("Nick:", "**Nick Varga:**", "Client:") at the start of a line.
LABEL = re.compile(r"^\s*[*_]{0,2}([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})[*_]{0,2}\s*:[*_]{0,2}\s*")
GENERIC_LABELS = frozenset(
    [
        "client",
        "customer",
        "assistant",
        "persona",
        "response",
        "reply",
        "answer",
        "line",
        "me",
        "character",
    ]
)
# Lead-ins that introduce the line rather than say it.
LEAD_IN = re.compile(
    r"^\s*(?:(?:sure|okay|ok|certainly)[,!.]?\s+)?(?:here'?s|here is) (?:my|a|the) "
    r"(?:line|reply|response|answer)[^:]{0,40}:\s*|"
    r"^\s*(?:a |my |the )?line in (?:your|my|the client'?s) voice[^:]{0,40}:\s*|"
    r"^\s*\(?\s*(?:private )?direct(?:or'?s note|ion)[^:]{0,80}:\s*",
    re.IGNORECASE,
)
STAGE = re.compile(r"^\s*(?:\([^)]{0,60}\)|\*[^*]{0,60}\*|\[[^\]]{0,60}\])\s*")
QUOTES = "\"'\u201c\u201d\u2018\u2019"
# Enough text to see a label or lead-in before anything is shown: a finished sentence
# past START_CHARS, or HEAD_CHARS of anything (a short reply is cleaned when it ends).
START_CHARS, HEAD_CHARS = 60, 120
DOUBLE_QUOTES = re.compile('["\u201c\u201d]')


def strip_lead(line: str, names: Iterable[str]) -> str:
    """The line without labels naming the client, lead-ins, stage directions or opening quotes."""
    allowed = {n.lower() for n in names} | GENERIC_LABELS
    while True:
        before = line
        label = LABEL.match(line)
        if label and label.group(1).lower() in allowed:
            line = line[label.end() :]
        line = LEAD_IN.sub("", line, count=1)
        line = STAGE.sub("", line, count=1)
        if line[:1] in QUOTES:
            line = line[1:]
        if line == before:
            break
    stripped = line.strip()
    if stripped[-1:] in QUOTES and sum(stripped.count(q) for q in QUOTES) % 2 == 1:
        stripped = stripped[:-1]
    return stripped


def clean_stream(chunks: Iterable[str], names: Iterable[str]) -> Iterator[str]:
    """Yield the first line that says something, cleaned; stop at its newline."""
    names = list(names)
    buf = ""
    started = False
    for chunk in chunks:
        buf += chunk
        if started:
            head, newline, _ = buf.partition("\n")
            head = DOUBLE_QUOTES.sub("", head)  # the closing quote of a quoted line
            if head:
                yield head
            if newline:
                return
            buf = ""
            continue
        while "\n" in buf:
            line, buf = buf.split("\n", 1)
            cleaned = strip_lead(line, names)
            if re.search(r"[A-Za-z]{2}", cleaned):
                yield cleaned
                return
        if len(buf) >= HEAD_CHARS or (len(buf) >= START_CHARS and re.search(r"[.!?]\s", buf)):
            cleaned = strip_lead(buf, names)
            if re.search(r"[A-Za-z]{2}", cleaned):
                started = True
                yield cleaned
                buf = ""
    if not started and buf.strip():
        cleaned = strip_lead(buf, names)
        if cleaned:
            yield cleaned
