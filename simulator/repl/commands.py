"""Slash commands, discovered by convention: `cmd_<name>` is `/name`, its docstring the help."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from rich.text import Text

from simulator.display import printable
from simulator.errors import UsageError
from simulator.evaluation.coaching import hint_lines
from simulator.evaluation.reasons import shown_reason
from simulator.evaluation.rubric import load_rubric
from simulator.evaluation.scale import band, call_points, shown, turn_points
from simulator.evaluation.summary import call_scores
from simulator.models import SKILLS, Verdict
from simulator.repl.toolbar import LEGEND, SKILL_LABEL
from simulator.vocabulary import Outcome

if TYPE_CHECKING:
    from simulator.engine.call import Call
    from simulator.repl.io import SessionIO

VERDICTS = ("fit", "no-fit", "unsure")


class EndCall(Exception):
    """Raised by /end to leave the turn loop for the review."""


class PauseCall(Exception):
    """Raised by /pause and /quit: stop now, the call stays open to continue later."""


# What /help adds under the commands: the keys, which a trainee cannot discover by typing /.
KEYS_HELP = (
    "Ctrl-D pauses like /pause; Ctrl-C cancels what you are typing or stops the client "
    "mid-line; Alt-Enter starts a new line"
)


def command_names() -> list[str]:
    """Every /command, for help and completion."""
    return sorted(n[4:] for n, _ in inspect.getmembers(CommandsMixin) if n.startswith("cmd_"))


def command_help() -> dict[str, str]:
    """/name -> first docstring line."""
    return {
        name: (inspect.getdoc(getattr(CommandsMixin, f"cmd_{name}")) or "").splitlines()[0]
        for name in command_names()
    }


class CommandsMixin:
    """The trainee's controls during a call."""

    call: Call
    io: SessionIO
    mode: str
    hints_asked: int = 0  # each /hint shows the next of this client's lines, not the same ones

    def last_persona_line(self) -> str:  # provided by the session
        """What the client said last."""
        raise NotImplementedError

    def dispatch(self, text: str) -> None:
        """Run `/name args`; unknown commands get one line of help."""
        name, _, arg = text[1:].partition(" ")
        handler = getattr(self, f"cmd_{name.strip().lower()}", None)
        if handler is None:
            self.io.say(f"unknown command /{name}; try /help", "yellow")
            return
        try:
            handler(arg.strip())
        except UsageError as exc:
            self.io.say(str(exc), "yellow")

    def cmd_help(self, arg: str) -> None:
        """List the commands."""
        for name, doc in command_help().items():
            self.io.say(f"  /{name:<8} {doc}")
        self.io.say(f"  {KEYS_HELP}", "dim")
        self.io.say(f"  {LEGEND}", "dim")

    def cmd_hint(self, arg: str) -> None:
        """A reply per skill for what the client just said, for this client (coached mode)."""
        if self.mode == "exam":
            self.io.say("exam mode: no hints", "yellow")
            return
        last = next((t for t in reversed(self.call.turns) if t.speaker == "persona"), None)
        beat = last.beat if last else None
        known = " ".join(t.text for t in self.call.turns)
        lines = hint_lines(
            self.call.persona, beat, last.text if last else "", self.hints_asked, known=known
        )
        self.hints_asked += 1
        for skill, line in lines:
            self.io.say(Text.assemble("  ", (SKILL_LABEL[skill], "bold"), ": ", printable(line)))

    def cmd_score(self, arg: str) -> None:
        """The call so far per skill, and your last turn with the reasons (all 0-100)."""
        if self.mode == "exam":
            self.io.say("exam mode: scores are shown at the end", "yellow")
            return
        scores, overall = call_scores(self.call.turns, load_rubric())
        row = "  ".join(f"{SKILL_LABEL[k]} {shown(call_points(v))}" for k, v in scores.items())
        self.io.say(f"  call so far (0-100): {row}  overall {shown(call_points(overall))}")
        trainee = [t for t in self.call.turns if t.speaker == "trainee"]
        if trainee and trainee[-1].evaluation:
            skills = trainee[-1].evaluation.skills
            self.io.say(f"  your turn {len(trainee)}:", "dim")
            for k in SKILLS:
                points = turn_points(skills[k].score)
                self.io.say(
                    f"    {SKILL_LABEL[k]:<9}{shown(points):>3} {band(points)}: "
                    + printable(shown_reason(skills[k], k), one_line=True),
                    "dim",
                )

    def cmd_state(self, arg: str) -> None:
        """The client's trust, patience and interest (coached mode)."""
        if self.mode == "exam":
            self.io.say("exam mode: the client's state stays hidden", "yellow")
            return
        s = self.call.state
        facts = ", ".join(s.earned_facts) or "none yet"
        self.io.say(
            f"  trust {s.trust:.0f}  patience {s.patience:.0f}  interest {s.interest:.0f}"
            f"  facts uncovered: {facts}"
        )

    def cmd_rewind(self, arg: str) -> None:
        """Undo your last exchange; the client's state goes back too (coached mode)."""
        if self.mode == "exam":
            self.io.say("exam mode: no rewinds, as in a real call", "yellow")
            return
        if self.call.rewind():
            self.io.say(f"rewound; the client last said: {self.last_persona_line()}", "dim")
        else:
            self.io.say("nothing to rewind yet", "yellow")

    def cmd_pause(self, arg: str) -> None:
        """Stop for now and save the call; `callsim practice --resume last` continues it."""
        if self.call.outcome != Outcome.CONTINUING:
            raise UsageError("the client has ended the call: Enter or /end for your review")
        raise PauseCall()

    def cmd_verdict(self, arg: str) -> None:
        """Your fit verdict: /verdict fit|no-fit|unsure REASON (scored at the end)."""
        choice, _, reason = arg.partition(" ")
        if choice.lower() not in VERDICTS:
            raise UsageError(f"/verdict: expected one of {', '.join(VERDICTS)} then a reason")
        if not reason.strip():
            # The verdict is scored with its why; "unsure" with no reason teaches nothing.
            raise UsageError(
                f"/verdict {choice.lower()}: say why too, e.g. /verdict {choice.lower()} "
                "budget not confirmed yet"
            )
        self.call.set_verdict(Verdict(verdict=choice.lower(), reason=reason.strip()))  # type: ignore[arg-type]
        self.io.say(f"verdict noted: {choice.lower()}", "dim")

    def cmd_end(self, arg: str) -> None:
        """End the call for good and show your review."""
        raise EndCall()

    def cmd_quit(self, arg: str) -> None:
        """Leave now; like /pause, the call is saved to continue later (/end ends it)."""
        # A trainee who quits mid-call expects to lose nothing, not a review of half a call.
        self.cmd_pause(arg)
