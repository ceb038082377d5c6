"""The practice session: opening, turns, slash commands, the end-of-call review."""

from __future__ import annotations

import contextlib
from collections.abc import Generator
from typing import Literal

from rich.text import Text

from simulator.engine.call import Call, TurnTooLong
from simulator.errors import UsageError
from simulator.evaluation.summary import CallSummary, summarise
from simulator.models import Timing
from simulator.repl.commands import CommandsMixin, EndCall
from simulator.repl.io import SessionIO
from simulator.repl.render import render_summary
from simulator.vocabulary import Outcome

Mode = Literal["coached", "exam"]
# What the trainee is told when the client ends the call; a closing line may follow.
ENDED_BY_CLIENT = {
    Outcome.NEXT_STEP: "({name} agreed a next step. Your closing line, or Enter to skip.)",
    Outcome.HUNG_UP: "({name} hung up. What you would say or send to close, or Enter to skip.)",
}


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
        # /rewind after the client ended the call takes the trainee back into it.
        while not leaving and self.last_words():
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

    def last_words(self) -> bool:
        """After the client ends the call: one closing line; then, if none was given, the
        verdict. EOF or Ctrl-C at either prompt skips it. True when /rewind reopened the call."""
        ended = ENDED_BY_CLIENT.get(self.call.outcome)
        if ended is None:
            return False  # the trainee ended it (/end): they chose to go straight to the review
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            self.io.say(ended.format(name=self.persona_name), "dim")
            if not self.closing_prompt():
                return self.call.outcome == Outcome.CONTINUING
            if self.call.verdict is None:
                self.io.say(
                    "Is this client a fit? fit, no-fit or unsure, then why "
                    "(e.g. no-fit wants free work); Enter to skip.",
                    "dim",
                )
            while self.call.verdict is None:
                text, _ = self.io.read("Verdict: ")
                if not text.strip():
                    break
                try:
                    self.cmd_verdict(text.strip().removeprefix("/verdict").strip())
                except UsageError as exc:
                    self.io.say(str(exc).replace("/verdict: ", "verdict: "), "yellow")
        return False

    def closing_prompt(self) -> bool:
        """Read the trainee's closing line (Enter skips it) and let the client answer it;
        False when the trainee asked to go straight to the review (/end, /quit)."""
        while True:
            text, timing = self.io.read("You: ")
            text = text.strip()
            if not text:
                return True
            if text.startswith("/"):
                if text.split()[0].lower() in ("/end", "/quit"):
                    return False
                self.dispatch(text)  # /verdict, /help, /score...: then the closing line
                if self.call.outcome == Outcome.CONTINUING:
                    return False  # /rewind: the call is open again
                continue
            try:
                self.call.closing_line(text, timing)
            except TurnTooLong as exc:
                self.io.say(str(exc), "yellow")
                continue
            if self.call.pending is not None:
                self.stream(self.call.reply(use_backend=False))
            return True

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
