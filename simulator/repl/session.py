"""The practice session: opening, turns, slash commands, the end-of-call review."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Generator
from typing import Literal

from rich.text import Text

from simulator.display import printable
from simulator.engine.call import Call, TurnTooLong
from simulator.errors import UsageError
from simulator.evaluation.summary import CallSummary, summarise
from simulator.models import Timing
from simulator.repl.commands import CommandsMixin, EndCall, PauseCall
from simulator.repl.io import SessionIO
from simulator.repl.render import render_summary
from simulator.vocabulary import Outcome

Mode = Literal["coached", "exam"]
Stop = Literal["end", "pause"]  # how the turn loop stopped
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
            "Type your reply. /help lists commands; /end finishes and shows your review; "
            "/pause stops to continue later.",
            "dim",
        )
        if self.call.turns:
            self.recap()
            if self.call.pending is not None:
                self.stream(self.call.reply())
            self.io.restart_clock()  # think time starts once the recap has been read
            return
        self.stream(self.call.opening())

    def recap(self) -> None:
        """Where a resumed call stands, then the last exchange, the client's line last."""
        call = self.call
        mine = sum(1 for t in call.turns if t.speaker == "trainee")
        minutes = int(call.elapsed_before // 60)
        clock = f"{minutes} min on the clock" if minutes else "under a minute on the clock"
        parts = [f"{mine} turn{'s' if mine != 1 else ''} of yours", clock]
        if self.mode == "coached":  # exam mode keeps what the client gave away hidden
            parts.append("facts uncovered: " + (", ".join(call.state.earned_facts) or "none yet"))
        if call.verdict is not None:
            parts.append(f"your verdict so far: {call.verdict.verdict}")
        when = ""
        if call.paused_at:
            when = time.strftime(" (paused %a %d %b %H:%M)", time.localtime(call.paused_at))
        self.io.say(f"Resuming your call{when}: " + "; ".join(parts) + ".", "dim")
        last = len(call.turns) - 1
        client = next((i for i in range(last, -1, -1) if call.turns[i].speaker == "persona"), None)
        if client is None:
            return
        yours = next((t for t in reversed(call.turns[:client]) if t.speaker == "trainee"), None)
        if yours is not None:
            self.io.say("You: " + printable(yours.text), "dim")
        self.io.say(
            Text.assemble(
                (f"{self.persona_name}:", "bold cyan"), " ", printable(call.turns[client].text)
            )
        )
        for t in call.turns[client + 1 :]:  # said after it, before the process died
            self.io.say("You: " + printable(t.text), "dim")

    def turn(self, text: str, timing: Timing | None) -> None:
        """One trainee turn and the persona's reply."""
        result = self.call.say(text, timing)
        if self.mode == "coached" and result.evaluation.signals.injection:
            self.io.say("(text addressed to the evaluator is ignored when scoring)", "dim")
        self.stream(self.call.reply())

    def run(self) -> CallSummary | None:
        """The whole call, until /end or the persona ends it (then the review), or until
        /pause, /quit or EOF (then it is saved to continue later and None is returned)."""
        self.open()
        stop = self.turns()
        # /rewind after the client ended the call takes the trainee back into it.
        while stop == "end" and self.last_words():
            stop = self.turns()
        if stop == "pause":
            self.pause()
            return None
        self.call.end()
        self.save("/quit leaves without saving the rest")
        return self.finish()

    def save(self, leave_hint: str) -> bool:
        """Write what is unsaved; a full disk must not cost the call, so it stays in memory
        while the trainee frees space and retries. True when everything is on disk."""
        while not self.call.flush():
            self.io.say(
                f"could not save the transcript ({self.call.save_problem}). Free some space "
                f"and press Enter to retry; {leave_hint}.",
                "red",
            )
            if self.retry_prompt():
                return False
        return True

    def pause(self) -> None:
        """Save the open call with a pause marker and say how to continue it."""
        self.call.pause()
        saved = self.save("/quit leaves without saving the rest")
        if self.call.writer is None:
            self.io.say("Call paused (this call is not being saved, so it cannot be resumed).")
            return
        cid = self.call.header.id
        if not saved:
            self.io.say(
                f"Call paused, but {len(self.call.unsaved)} record(s) could not be saved "
                f"({self.call.save_problem}); --resume {cid} continues from what was saved.",
                "red",
            )
            return
        mine = sum(1 for t in self.call.turns if t.speaker == "trainee")
        self.io.say(
            f"Call paused after {mine} turn{'s' if mine != 1 else ''} of yours and saved "
            f"(id {cid}). The client will pick up where you left off:",
            "bold",
        )
        self.io.say(f"  callsim practice --resume {cid}     (or --resume last)")
        self.io.say("  /end in the resumed call ends it and shows your review.", "dim")

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

    def turns(self) -> Stop:
        """The turn loop, until the call ends ("end") or the trainee stops for now ("pause":
        /pause, /quit or Ctrl-D, which mean "continue later" while the call is going)."""
        try:
            while self.call.outcome == Outcome.CONTINUING:
                try:
                    text, timing = self.io.read("You: ")
                except KeyboardInterrupt:
                    self.io.say(
                        "(input cancelled; /end finishes the call with a review, "
                        "/pause or Ctrl-D stops here to continue later)",
                        "dim",
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
        except PauseCall:
            return "pause"
        except EOFError:
            return "pause" if getattr(self.io, "pauses_at_eof", True) else "end"
        except EndCall:
            return "end"
        return "end"

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
