"""What of the English catalogue is still in a screen that should be Indonesian.

Each msgid the Indonesian catalogue translates differently is cut at its placeholders into
pieces of words; a piece of two words or more, or a long single word, found in the screen
(whole words, any case) is English left over. Data on the screen (ids, paths, personas'
own words) is not in the catalogue, so it does not count.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from simulator.i18n import LOCALE_DIR

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "callsim.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)\w|%[sr]|`[^`]*`|--?[\w-]+")
# Option names, commands and file formats are the same in both languages.
SAME = {"batch runs", "batch run", "coaching.any", "lines.deflect", "try-instead"}


def _pieces(msgid: str) -> list[str]:
    out = []
    for part in PLACEHOLDER.split(msgid):
        for piece in re.split(r"[():;,.!?\"'“”\[\]\n]|\s-\s|->", part):
            words = re.findall(r"[A-Za-z][A-Za-z'-]*", piece)
            text = " ".join(words)
            if len(words) >= 2 or (len(words) == 1 and len(text) >= 7):
                out.append(text)
    return out


@lru_cache(maxsize=1)
def english_pieces() -> frozenset[str]:
    """Every English piece of wording the Indonesian catalogue translates."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        catalog = read_po(f)
    pieces: set[str] = set()
    translated: set[str] = set()
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        translated.update(w.lower() for s in strings for w in re.findall(r"[A-Za-z']+", s))
        if set(ids) == set(strings):
            continue
        for msgid in ids:
            pieces.update(p.lower() for p in _pieces(msgid))
    # A word Indonesian uses as it is (backend, batch, file, id) is no English left over.
    return frozenset(p for p in pieces if p not in SAME and not set(p.split()) <= translated)


def english_left(screen: str) -> list[str]:
    """The English pieces in SCREEN; of a page, what a reader sees (its text and the labels
    of its table cells), not its style sheet, data or markup."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", screen, flags=re.DOTALL)
    text = re.sub(r'\sdata-label="([^"]*)"', r">\1<", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    # Where in a file a problem is (lines.deflect.budget, skills.empathy[1]: ...) is data.
    text = re.sub(r"[\w-]+(?:(?:\.[\w-]+)|\[\d+\])+", " ", text)
    text = re.sub(r"(?:(?<=: )|^)[\w-]+(?=: )", " ", text, flags=re.MULTILINE)
    words = " ".join(re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", text)).lower()
    return sorted(
        p for p in english_pieces() if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", words)
    )
