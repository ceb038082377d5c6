"""Text from trainees, models and files made safe to print: no control codes, no markup."""

from __future__ import annotations

import re
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


def printable(text: object, *, one_line: bool = False, limit: int = MAX_SHOWN) -> str:
    """`text` with terminal escape sequences and control characters removed.

    Whole sequences go first (so an OSC title's payload is not left behind as words), then
    any stray control character. The saved text stays faithful; only what is shown changes.
    """
    out = _CONTROL.sub("", _ESCAPE_SEQ.sub("", str(text)))
    if one_line:
        out = " ".join(out.split())
    if len(out) > limit:
        out = out[:limit] + f"… ({len(out) - limit} more characters not shown)"
    return out


def plain(text: object, style: str = "", *, one_line: bool = False) -> Text:
    """A rich Text that is never parsed as markup, with control codes removed."""
    from rich.text import Text

    return Text(printable(text, one_line=one_line), style=style)


def cell(text: object) -> Text:
    """A table cell from data: one line, no markup, no control codes."""
    return plain(text, one_line=True)
