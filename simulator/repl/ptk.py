"""The prompt-toolkit REPL: history, suggestions, completion, toolbar, timing, streaming."""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import Output
from rich.console import Console
from rich.text import Text

from simulator.config import data_dir
from simulator.display import plain, printable
from simulator.engine.call import Call
from simulator.models import SKILLS, Timing
from simulator.repl.commands import VERDICTS, command_help
from simulator.repl.io import no_color, shown

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
        self.started = time.monotonic()
        if history is None:
            try:
                data_dir().mkdir(parents=True, exist_ok=True)
                history = FileHistory(str(data_dir() / "history"))
            except OSError:
                history = InMemoryHistory()
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
        self._paused = False
        self._first_key: float | None = None
        self.session.default_buffer.on_text_changed += self._on_key

    def _on_key(self, _buffer: Any) -> None:
        if self._first_key is None:
            self._first_key = time.monotonic()

    def toolbar(self) -> StyleAndTextTuples:
        """Persona, difficulty, turns, time and backend; live meters in coached mode.

        Formatted-text tuples, not HTML: a persona title or model name with `&` or `<`
        must not be parsed (an HTML parse error there loops the prompt forever).
        """
        call = self.call
        elapsed = int(time.monotonic() - self.started)
        turns = sum(1 for t in call.turns if t.speaker == "trainee")
        title = printable(call.persona.title, one_line=True, limit=60)
        backend = printable(call.backend.name, one_line=True, limit=24)
        model = printable(call.backend.model, one_line=True, limit=200).removesuffix(".gguf")
        parts = [
            f"({call.difficulty.value})",
            f"turn {turns}",
            f"{elapsed // 60}:{elapsed % 60:02d}",
            f"{backend}/{model[:24]}",
        ]
        if self.mode == "coached":
            s = call.state
            parts.append(f"T{s.trust:.0f} P{s.patience:.0f} I{s.interest:.0f}")
            last = next((t for t in reversed(call.turns) if t.evaluation), None)
            if last and last.evaluation:
                ev = last.evaluation.skills
                parts.append(
                    " ".join(
                        f"{k[:3]} {'-' if ev[k].score is None else f'{ev[k].score:.1f}'}"
                        for k in SKILLS
                    )
                )
        return [("bold", title), ("", " " + "  |  ".join(parts))]

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
        try:
            with self.console.status(plain(f"{speaker} is thinking..."), spinner="dots"):
                first = next(chunks, "")
            self.console.print(plain(f"{speaker}:", "bold cyan"), end=" ")
            self.console.print(plain(first), end="")
            for chunk in chunks:
                self.console.print(plain(chunk), end="")
        except KeyboardInterrupt:
            self.console.print(Text(" (interrupted)", style="dim"))
            return False
        finally:
            self._shown_at = time.monotonic()
        self.console.print()
        return True

    def say(self, text: str | Text, style: str = "") -> None:
        """Print information, literally."""
        self.console.print(shown(text, style))

    def restart_clock(self) -> None:
        """Think time counts from now; the paused time leaves the call clock too."""
        now = time.monotonic()
        self.started += now - self._shown_at if self._paused else 0.0
        self._paused = False
        self._shown_at = now

    def pause_clock(self) -> None:
        """Stop the call clock until restart_clock."""
        self._paused = True
        self._shown_at = time.monotonic()
