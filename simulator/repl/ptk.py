"""The prompt-toolkit REPL: history, suggestions, completion, toolbar, timing, streaming."""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import Output
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.spinner import Spinner
from rich.text import Text

from simulator.config import data_dir
from simulator.display import plain
from simulator.engine.call import Call
from simulator.i18n import _
from simulator.models import Timing
from simulator.repl.commands import VERDICTS, command_help
from simulator.repl.io import no_color, shown
from simulator.repl.toolbar import status
from simulator.safe_files import private_file

ARGUMENTS = {"verdict": list(VERDICTS)}


@contextlib.contextmanager
def _no_echo() -> Iterator[None]:
    """Keys typed while the client speaks stay typeahead for the next prompt, not screen noise."""
    try:
        import termios
    except ImportError:  # not a POSIX terminal
        yield
        return
    try:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError, io.UnsupportedOperation):
        yield
        return
    quiet = list(saved)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


class SlashCompleter(Completer):
    """Completes /commands and their first argument."""

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterable[Completion]:
        """Yield completions for the text before the cursor."""
        text = document.text_before_cursor
        if not text.startswith("/"):
            return
        name, space, arg = text[1:].partition(" ")
        if not space:
            for cmd, doc in command_help().items():
                if cmd.startswith(name):
                    yield Completion("/" + cmd, start_position=-len(text), display_meta=doc)
            return
        for choice in ARGUMENTS.get(name, []):
            if choice.startswith(arg) and " " not in arg:
                yield Completion(choice, start_position=-len(arg))


def _bindings() -> KeyBindings:
    kb = KeyBindings()

    @kb.add("escape", "enter")
    def _newline(event: KeyPressEvent) -> None:
        """Alt-Enter or Esc-Enter inserts a newline; Enter sends."""
        event.current_buffer.insert_text("\n")

    return kb


# Every line the trainee typed: a few MB is years of practice; past this it is not ours.
MAX_HISTORY_BYTES = 4 * 1024 * 1024


def typed_history() -> History:
    """The typed lines across calls: a private (0600) regular file, else memory only."""
    path = data_dir() / "history"
    try:
        data_dir().mkdir(parents=True, exist_ok=True)
    except OSError:
        return InMemoryHistory()
    # It holds everything said on every call (prices, names): never world-readable, and a
    # FIFO or device planted there must not hang the prompt or fill memory.
    if not private_file(path, MAX_HISTORY_BYTES):
        return InMemoryHistory()
    return FileHistory(str(path))


class PromptToolkitIO:
    """SessionIO on a real terminal (or on pipe input and dummy output in tests)."""

    def __init__(
        self,
        call: Call,
        mode: str,
        *,
        input: Input | None = None,
        output: Output | None = None,
        console_file: IO[str] | None = None,
        history: History | None = None,
    ) -> None:
        self.call = call
        self.mode = mode
        # A resumed call's clock goes on from the time it was paused at.
        self.started = time.monotonic() - call.elapsed_before
        if history is None:
            history = typed_history()
        self.session: PromptSession[str] = PromptSession(
            history=history,
            auto_suggest=AutoSuggestFromHistory(),
            completer=SlashCompleter(),
            complete_while_typing=True,
            key_bindings=_bindings(),
            bottom_toolbar=self.toolbar,
            input=input,
            output=output,
        )
        self.console = Console(file=console_file, no_color=no_color(), highlight=False)
        self._shown_at = time.monotonic()
        self._first_key: float | None = None
        self.session.default_buffer.on_text_changed += self._on_key

    def _on_key(self, _buffer: Any) -> None:
        if self._first_key is None:
            self._first_key = time.monotonic()

    def toolbar(self) -> StyleAndTextTuples:
        """Persona, difficulty, your turn, time and backend; labelled meters in coached mode.

        Formatted-text tuples, not HTML: a persona title or model name with `&` or `<`
        must not be parsed (an HTML parse error there loops the prompt forever).
        """
        title, rest = self.status_line(self._width())
        return [("bold", title), ("", rest)]

    def status_line(self, width: int) -> tuple[str, str]:
        """The toolbar's text for a given width, shared with the line shown while the client speaks."""
        elapsed = int(time.monotonic() - self.started)
        return status(self.call, self.mode, elapsed, width)

    def _width(self) -> int:
        try:
            return get_app().output.get_size().columns
        except Exception:  # no running app (tests, a closed terminal): assume 80 columns
            return 80

    def read(self, prompt: str) -> tuple[str, Timing]:
        """Prompt for one turn and time it from the end of the persona's line."""
        self._first_key = None
        text = self.session.prompt(prompt)
        now = time.monotonic()
        first = None if self._first_key is None else round(self._first_key - self._shown_at, 2)
        return text, Timing(first_key_s=first, submit_s=round(now - self._shown_at, 2))

    def stream(self, speaker: str, chunks: Iterator[str]) -> bool:
        """Show a spinner until the first chunk, then print chunks as they arrive."""
        with _no_echo():
            return self._stream(speaker, chunks)

    def _stream(self, speaker: str, chunks: Iterator[str]) -> bool:
        """The client's line grows above the status line, so the meters never go blank."""
        said = ""

        def frame(thinking: bool) -> Group:
            title, rest = self.status_line(self.console.width)
            bar = plain(title, "bold reverse") + plain(rest, "reverse")
            words: RenderableType = (
                Spinner("dots", plain(_("{speaker} is thinking...").format(speaker=speaker)))
                if thinking
                else plain(f"{speaker}: ", "bold cyan") + plain(said)
            )
            return Group(words, bar)

        interrupted = False
        try:
            with Live(
                frame(True), console=self.console, transient=True, refresh_per_second=8
            ) as live:
                for chunk in chunks:
                    said += chunk
                    live.update(frame(False))
        except KeyboardInterrupt:
            interrupted = True
        finally:
            self._shown_at = time.monotonic()
        self.console.print(plain(f"{speaker}:", "bold cyan"), plain(said), end="")
        if interrupted:
            self.console.print(Text(_(" (interrupted)"), style="dim"))
            return False
        self.console.print()
        return True

    def say(self, text: str | Text, style: str = "") -> None:
        """Print information, literally."""
        self.console.print(shown(text, style))

    def restart_clock(self) -> None:
        """Think time counts from now."""
        self._shown_at = time.monotonic()
