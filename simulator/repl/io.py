"""Session I/O: a small interface so the session runs on prompt-toolkit, plain lines or tests."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from typing import IO, Protocol

from simulator.models import Timing


class SessionIO(Protocol):
    """What the session needs from a terminal."""

    def read(self, prompt: str) -> tuple[str, Timing]:
        """One trainee input; EOFError ends the call, KeyboardInterrupt cancels the input."""
        ...

    def stream(self, speaker: str, chunks: Iterator[str]) -> bool:
        """Print a persona line as it streams; False if the trainee interrupted it."""
        ...

    def say(self, text: str, style: str = "") -> None:
        """Print a line of information (rich markup allowed)."""
        ...

    def restart_clock(self) -> None:
        """Think time counts from now (after a pause, say)."""
        ...


def no_color() -> bool:
    """Honour the NO_COLOR convention."""
    return bool(os.environ.get("NO_COLOR"))


class PlainIO:
    """Line mode for pipes and dumb terminals; the same commands work."""

    def __init__(self, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
        from rich.console import Console

        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
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
            raise EOFError
        waited = round(time.monotonic() - self._shown_at, 2)
        if not self.stdin.isatty():
            self.stdout.write(line if line.endswith("\n") else line + "\n")  # echo piped input
        return line.rstrip("\n"), Timing(first_key_s=None, submit_s=waited)

    def stream(self, speaker: str, chunks: Iterator[str]) -> bool:
        """Write chunks as they arrive."""
        self.console.print(f"[bold cyan]{speaker}:[/bold cyan] ", end="")
        try:
            for chunk in chunks:
                self.stdout.write(chunk)
                self.stdout.flush()
        except KeyboardInterrupt:
            self.stdout.write(" [interrupted]\n")
            return False
        finally:
            self._shown_at = time.monotonic()
        self.stdout.write("\n")
        return True

    def say(self, text: str, style: str = "") -> None:
        """Print information."""
        self.console.print(f"[{style}]{text}[/{style}]" if style else text)

    def restart_clock(self) -> None:
        """Think time counts from now."""
        self._shown_at = time.monotonic()
