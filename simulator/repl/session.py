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
from simulator.i18n import N_, _, ngettext
from simulator.models import Timing
from simulator.repl.commands import CommandsMixin, EndCall, PauseCall
from simulator.repl.io import SessionIO
from simulator.repl.render import render_summary
from simulator.vocabulary import Outcome

Mode = Literal["coached", "exam"]
Stop = Literal["end", "pause"]  # how the turn loop stopped
# What the trainee is told when the client ends the call; a closing line may follow.
ENDED_BY_CLIENT = {
    Outcome.NEXT_STEP: N_("({name} agreed a next step. Your closing line, or Enter to skip.)"),
    Outcome.HUNG_UP: N_("({name} hung up. What you would say or send to close, or Enter to skip.)"),
}
LEAVE_HINT = N_("/quit leaves without saving the rest")
# TRANSLATORS: the prompt before each of the trainee's lines; keep the trailing space.
YOU = N_("You: ")


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
        who = _("{name}, {role} at {company}").format(
            name=ident.name, role=ident.role, company=ident.company
        )
        self.io.say(Text.assemble((p.title, "bold"), f": {who}"))
        if self.call.save_problem:
            self.io.say(self.call.save_problem, "red")
        if self.brief:
            self.io.say(self.brief, "dim")
        self.io.say(
            _(
                "Type your reply. /help lists commands; /end finishes and shows your review; "
                "/pause stops to continue later."
            ),
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
        clock = (
            _("{minutes} min on the clock").format(minutes=minutes)
            if minutes
            else _("under a minute on the clock")
        )
        parts = [ngettext("{n} turn of yours", "{n} turns of yours", mine).format(n=mine), clock]
        if self.mode == "coached":  # exam mode keeps what the client gave away hidden
            facts = ", ".join(call.state.earned_facts) or _("none yet")
            parts.append(_("hidden facts uncovered: {facts}").format(facts=facts))
        if call.verdict is not None:
            parts.append(_("your verdict so far: {verdict}").format(verdict=call.verdict.verdict))
        when = ""
        if call.paused_at:
            # Numbers only in the translation: %a and %b would follow the C locale's English.
            # TRANSLATORS: a strftime pattern; keep the leading space.
            when = time.strftime(_(" (paused %a %d %b %H:%M)"), time.localtime(call.paused_at))
        text = _("Resuming your call{when}: {parts}.").format(when=when, parts="; ".join(parts))
        self.io.say(text, "dim")
        last = len(call.turns) - 1
        client = next((i for i in range(last, -1, -1) if call.turns[i].speaker == "persona"), None)
        if client is None:
            return
        yours = next((t for t in reversed(call.turns[:client]) if t.speaker == "trainee"), None)
        if yours is not None:
            self.io.say(_(YOU) + printable(yours.text), "dim")
        self.io.say(
            Text.assemble(
                (f"{self.persona_name}:", "bold cyan"), " ", printable(call.turns[client].text)
            )
        )
        for t in call.turns[client + 1 :]:  # said after it, before the process died
            self.io.say(_(YOU) + printable(t.text), "dim")

    def turn(self, text: str, timing: Timing | None) -> None:
        """One trainee turn and the persona's reply."""
        result = self.call.say(text, timing)
        if self.mode == "coached" and result.evaluation.signals.injection:
            self.io.say(_("(text addressed to the evaluator is ignored when scoring)"), "dim")
        self.stream(self.call.reply())
        if result.farewell and self.call.outcome == Outcome.CONTINUING:
            # Goodbyes said on both sides end the call: a client who has said goodbye does
            # not wait for more, so the verdict comes now, then the review.
            self.call.end()
            self.io.say(_("(You said goodbye: the call is over.)"), "dim")
            with contextlib.suppress(EOFError, KeyboardInterrupt):
                self.ask_verdict()
            raise EndCall()

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
        self.save(_(LEAVE_HINT))
        return self.finish()

    def save(self, leave_hint: str) -> bool:
        """Write what is unsaved; a full disk must not cost the call, so it stays in memory
        while the trainee frees space and retries. True when everything is on disk."""
        while not self.call.flush():
            self.io.say(
                _(
                    "could not save the transcript ({problem}). Free some space "
                    "and press Enter to retry; {leave_hint}."
                ).format(problem=self.call.save_problem, leave_hint=leave_hint),
                "red",
            )
            if self.retry_prompt():
                return False
        return True

    def pause(self) -> None:
        """Save the open call with a pause marker and say how to continue it."""
        self.call.pause()
        saved = self.save(_(LEAVE_HINT))
        if self.call.writer is None:
            self.io.say(_("Call paused (this call is not being saved, so it cannot be resumed)."))
            return
        cid = self.call.header.id
        if not saved:
            self.io.say(
                _(
                    "Call paused, but {n} record(s) could not be saved "
                    "({problem}); --resume {cid} continues from what was saved."
                ).format(n=len(self.call.unsaved), problem=self.call.save_problem, cid=cid),
                "red",
            )
            return
        mine = sum(1 for t in self.call.turns if t.speaker == "trainee")
        self.io.say(
            ngettext(
                "Call paused after {n} turn of yours and saved "
                "(id {cid}). The client will pick up where you left off:",
                "Call paused after {n} turns of yours and saved "
                "(id {cid}). The client will pick up where you left off:",
                mine,
            ).format(n=mine, cid=cid),
            "bold",
        )
        self.io.say(_("  callsim practice --resume {cid}     (or --resume last)").format(cid=cid))
        self.io.say(_("  /end in the resumed call ends it and shows your review."), "dim")

    def last_words(self) -> bool:
        """After the client ends the call: one closing line; then, if none was given, the
        verdict. EOF or Ctrl-C at either prompt skips it. True when /rewind reopened the call."""
        ended = ENDED_BY_CLIENT.get(self.call.outcome)
        if ended is None:
            return False  # the trainee ended it (/end): they chose to go straight to the review
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            self.io.say(_(ended).format(name=self.persona_name), "dim")
            if not self.closing_prompt():
                return self.call.outcome == Outcome.CONTINUING
            self.ask_verdict()
        return False

    def ask_verdict(self) -> None:
        """Ask for the trainee's verdict on the client, unless given; Enter skips it."""
        if self.call.verdict is None:
            self.io.say(
                _(
                    "Is this client a fit? fit, no-fit or unsure, then why "
                    "(e.g. unsure no budget named yet); Enter to skip."
                ),
                "dim",
            )
        while self.call.verdict is None:
            text, _timing = self.io.read(_("Verdict: "))
            if not text.strip():
                break
            try:
                self.cmd_verdict(text.strip().removeprefix("/verdict").strip())
            except UsageError as exc:
                self.io.say(str(exc).replace("/verdict: ", _("verdict: ")), "yellow")

    def closing_prompt(self) -> bool:
        """Read the trainee's closing line (Enter skips it) and let the client answer it;
        False when the trainee asked to go straight to the review (/end, /quit)."""
        while True:
            text, timing = self.io.read(_(YOU))
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
            text, _timing = self.io.read(_("(save) "))
        except (EOFError, KeyboardInterrupt):
            return True
        return text.strip().lower() == "/quit"

    def turns(self) -> Stop:
        """The turn loop, until the call ends ("end") or the trainee stops for now ("pause":
        /pause, /quit or Ctrl-D, which mean "continue later" while the call is going)."""
        try:
            while self.call.outcome == Outcome.CONTINUING:
                try:
                    text, timing = self.io.read(_(YOU))
                except KeyboardInterrupt:
                    self.io.say(
                        _(
                            "(input cancelled; /end finishes the call with a review, "
                            "/pause or Ctrl-D stops here to continue later)"
                        ),
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
