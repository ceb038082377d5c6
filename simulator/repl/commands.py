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
from simulator.evaluation.words import skill_label, state_label, width
from simulator.i18n import N_, _
from simulator.models import SKILLS, Verdict
from simulator.repl.toolbar import legend
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
KEYS_HELP = N_(
    "Ctrl-D pauses like /pause; Ctrl-C cancels what you are typing or stops the client "
    "mid-line; Alt-Enter starts a new line"
)
# Each command's docstring (its /help line), for the catalogue: gettext extraction does not
# read docstrings. A test checks every command's first docstring line is here.
HELP_LINES = (
    N_("End the call for good and show your review."),
    N_("List the commands."),
    N_("A reply per skill for what the client just said, for this client (coached mode)."),
    N_("Stop for now and save the call; `callsim practice --resume last` continues it."),
    N_("Leave now; like /pause, the call is saved to continue later (/end ends it)."),
    N_("Undo your last exchange; the client's state goes back too (coached mode)."),
    N_("The call so far per skill, and your last turn with the reasons (all 0-100)."),
    N_("The client's trust, patience and interest (coached mode)."),
    N_("Your fit verdict: /verdict fit|no-fit|unsure REASON (scored at the end)."),
)


def command_names() -> list[str]:
    """Every /command, for help and completion."""
    return sorted(n[4:] for n, _member in inspect.getmembers(CommandsMixin) if n.startswith("cmd_"))


def command_help() -> dict[str, str]:
    """/name -> first docstring line, in the language in force."""
    return {
        name: _((inspect.getdoc(getattr(CommandsMixin, f"cmd_{name}")) or "").splitlines()[0])
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
        name, _sep, arg = text[1:].partition(" ")
        handler = getattr(self, f"cmd_{name.strip().lower()}", None)
        if handler is None:
            self.io.say(_("unknown command /{name}; try /help").format(name=name), "yellow")
            return
        try:
            handler(arg.strip())
        except UsageError as exc:
            self.io.say(str(exc), "yellow")

    def cmd_help(self, arg: str) -> None:
        """List the commands."""
        for name, doc in command_help().items():
            self.io.say(f"  /{name:<8} {doc}")
        self.io.say(f"  {_(KEYS_HELP)}", "dim")
        self.io.say(f"  {legend()}", "dim")

    def cmd_hint(self, arg: str) -> None:
        """A reply per skill for what the client just said, for this client (coached mode)."""
        if self.mode == "exam":
            self.io.say(_("exam mode: no hints"), "yellow")
            return
        last = next((t for t in reversed(self.call.turns) if t.speaker == "persona"), None)
        beat = last.beat if last else None
        known = " ".join(t.text for t in self.call.turns)
        lines = hint_lines(
            self.call.persona, beat, last.text if last else "", self.hints_asked, known=known
        )
        self.hints_asked += 1
        for skill, line in lines:
            self.io.say(Text.assemble("  ", (skill_label(skill), "bold"), ": ", printable(line)))

    def cmd_score(self, arg: str) -> None:
        """The call so far per skill, and your last turn with the reasons (all 0-100)."""
        if self.mode == "exam":
            self.io.say(_("exam mode: scores are shown at the end"), "yellow")
            return
        scores, overall = call_scores(self.call.turns, load_rubric())
        row = "  ".join(f"{skill_label(k)} {shown(call_points(v))}" for k, v in scores.items())
        self.io.say(
            _("  call so far (0-100): {row}  overall {overall}").format(
                row=row, overall=shown(call_points(overall))
            )
        )
        trainee = [t for t in self.call.turns if t.speaker == "trainee"]
        if trainee and trainee[-1].evaluation:
            skills = trainee[-1].evaluation.skills
            self.io.say(_("  your turn {n}:").format(n=len(trainee)), "dim")
            w = width([skill_label(k) for k in SKILLS])
            for k in SKILLS:
                points = turn_points(skills[k].score)
                self.io.say(
                    f"    {skill_label(k):<{w}}{shown(points):>3} {band(points)}: "
                    + printable(shown_reason(skills[k], k), one_line=True),
                    "dim",
                )

    def cmd_state(self, arg: str) -> None:
        """The client's trust, patience and interest (coached mode)."""
        if self.mode == "exam":
            self.io.say(_("exam mode: the client's state stays hidden"), "yellow")
            return
        s = self.call.state
        facts = ", ".join(s.earned_facts) or _("none yet")
        values = {"trust": s.trust, "patience": s.patience, "interest": s.interest}
        state = "  ".join(f"{state_label(k)} {v:.0f}" for k, v in values.items())
        self.io.say(f"  {state}" + _("  hidden facts uncovered: {facts}").format(facts=facts))

    def cmd_rewind(self, arg: str) -> None:
        """Undo your last exchange; the client's state goes back too (coached mode)."""
        if self.mode == "exam":
            self.io.say(_("exam mode: no rewinds, as in a real call"), "yellow")
            return
        if self.call.rewind():
            said = self.last_persona_line()
            self.io.say(_("rewound; the client last said: {said}").format(said=said), "dim")
        else:
            self.io.say(_("nothing to rewind yet"), "yellow")

    def cmd_pause(self, arg: str) -> None:
        """Stop for now and save the call; `callsim practice --resume last` continues it."""
        if self.call.outcome != Outcome.CONTINUING:
            raise UsageError(_("the client has ended the call: Enter or /end for your review"))
        raise PauseCall()

    def cmd_verdict(self, arg: str) -> None:
        """Your fit verdict: /verdict fit|no-fit|unsure REASON (scored at the end)."""
        choice, _sep, reason = arg.partition(" ")
        if choice.lower() not in VERDICTS:
            raise UsageError(
                _("/verdict: expected one of {choices} then a reason").format(
                    choices=", ".join(VERDICTS)
                )
            )
        if not reason.strip():
            # The verdict is scored with its why; "unsure" with no reason teaches nothing.
            raise UsageError(
                _(
                    "/verdict {choice}: say why too, e.g. /verdict {choice} "
                    "budget not confirmed yet"
                ).format(choice=choice.lower())
            )
        self.call.set_verdict(Verdict(verdict=choice.lower(), reason=reason.strip()))  # type: ignore[arg-type]
        self.io.say(_("verdict noted: {choice}").format(choice=choice.lower()), "dim")

    def cmd_end(self, arg: str) -> None:
        """End the call for good and show your review."""
        raise EndCall()

    def cmd_quit(self, arg: str) -> None:
        """Leave now; like /pause, the call is saved to continue later (/end ends it)."""
        # A trainee who quits mid-call expects to lose nothing, not a review of half a call.
        self.cmd_pause(arg)
