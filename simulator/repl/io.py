"""Session I/O: a small interface so the session runs on prompt-toolkit, plain lines or tests."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from typing import IO, Protocol

from rich.text import Text

from simulator.display import plain, printable
from simulator.i18n import _
from simulator.models import Timing


class SessionIO(Protocol):
    """What the session needs from a terminal."""

    def read(self, prompt: str) -> tuple[str, Timing]:
        """One trainee input; EOFError pauses (a terminal) or ends (a pipe) the call,
        KeyboardInterrupt cancels the input."""
        ...

    def stream(self, speaker: str, chunks: Iterator[str]) -> bool:
        """Print a persona line as it streams; False if the trainee interrupted it."""
        ...

    def say(self, text: str | Text, style: str = "") -> None:
        """Print a line of information: a str is shown literally (never markup), a Text as styled."""
        ...

    def restart_clock(self) -> None:
        """Think time counts from now (after a pause, say)."""
        ...


def no_color() -> bool:
    """Honour the NO_COLOR convention."""
    return bool(os.environ.get("NO_COLOR"))


def shown(text: str | Text, style: str = "") -> Text:
    """What say() prints: user and model text is never parsed as markup or escape codes."""
    if isinstance(text, Text):
        if printable(text.plain) != text.plain:
            return plain(text.plain, style)  # control codes inside: lose the styling, not safety
        out = text.copy()
        if style:
            out.stylize(style)
        return out
    return plain(text, style)


def tolerant(stream: IO[str]) -> IO[str]:
    """Undecodable input bytes become U+FFFD instead of raising and losing the turn."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        # Not possible once read from, or on a non-text stream: then leave it as it is.
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")
    return stream


class PlainIO:
    """Line mode for pipes and dumb terminals; the same commands work."""

    def __init__(self, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
        from rich.console import Console

        self.stdin = stdin or tolerant(sys.stdin)
        self.stdout = stdout or sys.stdout
        # Ctrl-D at a terminal means "stop here for now"; the end of piped input means the
        # script is done, so the call ends with its review as a script expects.
        source = stdin or sys.stdin
        self.pauses_at_eof = bool(getattr(source, "isatty", lambda: False)())
        self.console = Console(
            file=self.stdout, no_color=no_color(), highlight=False, soft_wrap=True
        )
        self._shown_at = time.monotonic()

    def read(self, prompt: str) -> tuple[str, Timing]:
        """Read one line; think time runs from the end of the persona's line."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")  # what follows (the pause notice) starts on its own line
            raise EOFError
        waited = round(time.monotonic() - self._shown_at, 2)
        if not self.stdin.isatty():
            self.stdout.write(printable(line.rstrip("\n")) + "\n")  # echo piped input
        return line.rstrip("\n"), Timing(first_key_s=None, submit_s=waited)

    def stream(self, speaker: str, chunks: Iterator[str]) -> bool:
        """Write chunks as they arrive."""
        self.console.print(plain(f"{speaker}:", "bold cyan"), end=" ")
        try:
            for chunk in chunks:
                self.stdout.write(printable(chunk))
                self.stdout.flush()
        except KeyboardInterrupt:
            self.stdout.write(_(" [interrupted]") + "\n")
            return False
        finally:
            self._shown_at = time.monotonic()
        self.stdout.write("\n")
        return True

    def say(self, text: str | Text, style: str = "") -> None:
        """Print information, literally."""
        self.console.print(shown(text, style))

    def restart_clock(self) -> None:
        """Think time counts from now."""
        self._shown_at = time.monotonic()
