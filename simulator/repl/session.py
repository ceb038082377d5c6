"""The practice session: opening, turns, slash commands, the end-of-call review."""

from __future__ import annotations

from collections.abc import Generator
from typing import Literal

from rich.text import Text

from simulator.engine.call import Call, TurnTooLong
from simulator.evaluation.summary import CallSummary, summarise
from simulator.models import Timing
from simulator.repl.commands import CommandsMixin, EndCall
from simulator.repl.io import SessionIO
from simulator.repl.render import render_summary
from simulator.vocabulary import Outcome

Mode = Literal["coached", "exam"]


class PracticeSession(CommandsMixin):
    """Drives a Call through a SessionIO; commands come from CommandsMixin by reflection."""

    def __init__(self, call: Call, io: SessionIO, mode: Mode = "coached", brief: str = "") -> None:
        self.call = call
        self.io = io
        self.mode = mode
        self.brief = brief
        self.summary: CallSummary | None = None
        # Notices raised while the client speaks wait for the end of the line, so a
        # backend failure is never printed inside the client's words.
        self._notices: list[str] = []
        call.notify = self._notices.append

    def stream(self, chunks: Generator[str, None, None]) -> None:
        """Show the client's line, then any notice it raised."""
        if not self.io.stream(self.persona_name, chunks):
            chunks.close()
        while self._notices:
            self.io.say(self._notices.pop(0), "yellow")

    @property
    def persona_name(self) -> str:
        """The client's first name, used as the speaker tag."""
        return self.call.persona.identity.name.split()[0]

    def last_persona_line(self) -> str:
        """What the client said last."""
        return next((t.text for t in reversed(self.call.turns) if t.speaker == "persona"), "")

    def open(self) -> None:
        """Show the brief and the persona's opening line (or recap a resumed call)."""
        p = self.call.persona
        ident = p.identity
        self.io.say(
            Text.assemble((p.title, "bold"), f": {ident.name}, {ident.role} at {ident.company}")
        )
        if self.call.save_problem:
            self.io.say(self.call.save_problem, "red")
        if self.brief:
            self.io.say(self.brief, "dim")
        self.io.say(
            "Type your reply. /help lists commands; /end finishes and shows your review.", "dim"
        )
        if self.call.turns:
            for t in self.call.turns[-4:]:
                who = self.persona_name if t.speaker == "persona" else "You"
                self.io.say(f"{who}: {t.text}", "dim")
            if self.call.pending is not None:
                self.stream(self.call.reply())
            return
        self.stream(self.call.opening())

    def turn(self, text: str, timing: Timing | None) -> None:
        """One trainee turn and the persona's reply."""
        result = self.call.say(text, timing)
        if self.mode == "coached" and result.evaluation.signals.injection:
            self.io.say("(text addressed to the evaluator is ignored when scoring)", "dim")
        self.stream(self.call.reply())

    def run(self) -> CallSummary:
        """The whole call, until /end, /quit, EOF or the persona ends it; then save it."""
        self.open()
        leaving = self.turns()
        self.call.end()
        # A full disk must not cost the call: it stays in memory until saving works.
        while not self.call.flush() and not leaving:
            self.io.say(
                f"could not save the transcript ({self.call.save_problem}). Free some space "
                "and press Enter (or /end) to retry; /quit leaves without saving the rest.",
                "red",
            )
            leaving = self.retry_prompt()
        return self.finish()

    def retry_prompt(self) -> bool:
        """Ask whether to retry saving; True means leave anyway."""
        try:
            text, _ = self.io.read("(save) ")
        except (EOFError, KeyboardInterrupt):
            return True
        return text.strip().lower() == "/quit"

    def turns(self) -> bool:
        """The turn loop; True when the trainee is leaving for good (EOF or /quit)."""
        try:
            while self.call.outcome == Outcome.CONTINUING:
                try:
                    text, timing = self.io.read("You: ")
                except KeyboardInterrupt:
                    self.io.say(
                        "(input cancelled; /end finishes the call, Ctrl-D saves and quits)", "dim"
                    )
                    continue
                text = text.strip()
                if not text:
                    continue
                if text.startswith("/"):
                    self.dispatch(text)
                    continue
                try:
                    self.turn(text, timing)
                except TurnTooLong as exc:
                    self.io.say(str(exc), "yellow")
        except EOFError:
            return True
        except EndCall as end:
            return end.leave
        return False

    def finish(self) -> CallSummary:
        """End the call, print the review and where the transcript is."""
        outcome = self.call.end()
        self.summary = summarise(
            self.call.turns,
            self.call.persona,
            outcome,
            self.call.verdict,
            difficulty=self.call.difficulty,
        )
        render_summary(self.io, self.summary, self.call)
        return self.summary
