"""The practice session: opening, turns, slash commands, the end-of-call review."""

from __future__ import annotations

from typing import Literal

from simulator.engine.call import Call
from simulator.evaluation.summary import CallSummary, summarise
from simulator.models import Outcome, Timing
from simulator.repl.commands import CommandsMixin, EndCall
from simulator.repl.io import SessionIO
from simulator.repl.render import render_summary

Mode = Literal["coached", "exam"]


class PracticeSession(CommandsMixin):
    """Drives a Call through a SessionIO; commands come from CommandsMixin by reflection."""

    def __init__(self, call: Call, io: SessionIO, mode: Mode = "coached", brief: str = "") -> None:
        self.call = call
        self.io = io
        self.mode = mode
        self.brief = brief
        self.summary: CallSummary | None = None

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
        self.io.say(
            f"[bold]{p.title}[/bold]: {p.identity.name}, {p.identity.role} at {p.identity.company}"
        )
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
                self.io.stream(self.persona_name, self.call.reply())
            return
        self.io.stream(self.persona_name, self.call.opening())

    def turn(self, text: str, timing: Timing | None) -> None:
        """One trainee turn and the persona's reply."""
        result = self.call.say(text, timing)
        if self.mode == "coached" and result.evaluation.signals.injection:
            self.io.say("(text addressed to the evaluator is ignored when scoring)", "dim")
        chunks = self.call.reply()
        finished = self.io.stream(self.persona_name, chunks)
        if not finished:
            chunks.close()

    def run(self) -> CallSummary:
        """The whole call, until /end, /quit, EOF or the persona ends it."""
        self.open()
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
                self.turn(text, timing)
        except (EOFError, EndCall):
            pass
        return self.finish()

    def finish(self) -> CallSummary:
        """End the call, print the review and where the transcript is."""
        outcome = self.call.end()
        self.summary = summarise(self.call.turns, self.call.persona, outcome, self.call.verdict)
        render_summary(self.io, self.summary, self.call)
        return self.summary
