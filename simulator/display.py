"""The one display filter: text from trainees, models and files made safe to print or render.

Every command shows data through these choke points: `echo` for plain lines, `plain`/`cell`
for Rich, `csv_cell` for CSV, `md` for Markdown and `html_value` for the Jinja pages.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich loads lazily: `callsim --help` stays instant
    from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls (a lone 0x9b is a CSI on some
# terminals), and the bidi overrides that make text read differently from how it is stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ESCAPE_SEQ = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|.)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte (C1) form of CSI
)
MAX_SHOWN = 20_000
# Characters that make Markdown do something, backslash-escaped: raw HTML and autolinks
# such as <javascript:...> (`<`), links and images (`[`, `!`), entities (`&`), emphasis,
# code and table cells. Line-start syntax (#, -, >) cannot occur: text is one line behind
# our own prefix.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|!&~])")
_BARE_LINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*(?=://)|www(?=\.))")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP's CSV injection).
_FORMULA_START = ("=", "+", "-", "@")


def printable(text: object, *, one_line: bool = False, limit: int | None = MAX_SHOWN) -> str:
    """`text` with terminal escape sequences and control characters removed.

    Whole sequences go first (so an OSC title's payload is not left behind as words), then
    any stray control character. The saved text stays faithful; only what is shown changes.
    """
    out = _CONTROL.sub("", _ESCAPE_SEQ.sub("", str(text)))
    if one_line:
        out = " ".join(out.split())
    if limit is not None and len(out) > limit:
        out = out[:limit] + f"… ({len(out) - limit} more characters not shown)"
    return out


def echo(line: object, *, err: bool = False, one_line: bool = False) -> None:
    """Print a plain line that holds data (names, paths, messages), filtered."""
    print(printable(line, one_line=one_line), file=sys.stderr if err else sys.stdout)


def plain(text: object, style: str = "", *, one_line: bool = False) -> Text:
    """A rich Text that is never parsed as markup, with control codes removed."""
    from rich.text import Text

    return Text(printable(text, one_line=one_line), style=style)


def cell(text: object) -> Text:
    """A table cell from data: one line, no markup, no control codes."""
    return plain(text, one_line=True)


def csv_cell(value: object) -> object:
    """A CSV cell: numbers as they are; text on one line, filtered, never a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = printable(value, one_line=True, limit=None)
    return "'" + text if text.startswith(_FORMULA_START) else text


def md(text: object) -> str:
    """Text as inert Markdown: one line, no control codes, nothing interpreted."""
    escaped = _MD_SPECIAL.sub(r"\\\1", printable(text, one_line=True))
    # GitHub also links bare "https://..." and "www....": an escaped colon or dot stops it.
    return _BARE_LINK.sub(lambda m: m.group(0) + "\\", escaped)


def html_value(value: object) -> object:
    """Jinja's finalize: every value a page shows loses its control codes (autoescape follows).

    Markup (our CSS, the SVG charts, `tojson`) is already trusted and safe, and passes as is.
    """
    from markupsafe import Markup

    if value is None or isinstance(value, Markup | int | float):
        return value
    return printable(value, limit=None)


def mid_sentence(text: str) -> str:
    """A sentence's start written to follow other words: "Wants a site" -> "wants a site",
    but an acronym or a name keeps its capital ("MVP yang awal" stays)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
