"""The end-of-call review as the trainee sees it in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.evaluation.reasons import skill_example
from simulator.evaluation.scale import SCALE_WORDS, call_points, shown
from simulator.evaluation.summary import CallSummary
from simulator.models import Turn
from simulator.repl.toolbar import SKILL_LABEL
from simulator.vocabulary import Outcome

if TYPE_CHECKING:
    from simulator.engine.call import Call
    from simulator.repl.io import SessionIO

OUTCOME_TEXT = {
    Outcome.HUNG_UP: "the client hung up",
    Outcome.NEXT_STEP: "next step agreed",
    Outcome.TRAINEE_ENDED: "you ended the call",
    Outcome.CONTINUING: "still going",
}


def fmt(score: float | None) -> str:
    """A 0-100 call score, right-aligned, or a dash for not applicable."""
    return f"{shown(call_points(score)):>3}"


def render_summary(io: SessionIO, s: CallSummary, call: Call) -> None:
    """The end-of-call review for a live call."""
    render_review(io, s, call.turns, exam=call.header.mode == "exam")
    if call.fallbacks:
        io.say(
            f"  ({call.fallbacks} of {call.persona_lines} client lines used authored fallbacks)",
            "dim",
        )
    if call.writer is not None and call.unsaved:
        io.say(
            f"Transcript NOT complete: {len(call.unsaved)} record(s) could not be saved "
            f"({call.save_problem})",
            "red",
        )
    elif call.writer is not None:
        io.say(f"Transcript saved: {call.writer.path}  (id {call.header.id})", "dim")


def render_review(io: SessionIO, s: CallSummary, turns: list[Turn], exam: bool = False) -> None:
    """Outcome, four skills with evidence, extra signals, fit check, moments to redo."""
    io.say("")
    io.say(f"Call over: {OUTCOME_TEXT[s.outcome]}" + (" (exam call)" if exam else ""), "bold")
    io.say(f"  scores 0-100: {SCALE_WORDS}", "dim")
    for skill, score in s.skills.items():
        best = skill_example(turns, skill)
        io.say(f"  {SKILL_LABEL[skill]:<9}{fmt(score)}" + (f'   e.g. "{best}"' if best else ""))
    io.say(f"  {'overall':<9}{fmt(s.overall)}", "bold")
    q = f"{s.open_questions} open / {s.closed_questions} closed questions"
    io.say(
        f"  {q}; you talked {s.talk_share:.0%} of the time; "
        f"facts uncovered {len(s.facts_uncovered)}/{s.facts_total}"
        + (f" ({', '.join(s.facts_uncovered)})" if s.facts_uncovered else "")
    )
    if s.concessions:
        io.say("  concessions: " + "; ".join(s.concessions))
    io.say(f"  fit verdict: {s.fit_check}")
    render_moments(io, s)


def render_moments(io: SessionIO, s: CallSummary) -> None:
    """Moments to redo, or the one to polish when nothing fell below the middle."""
    if not s.moments:
        io.say("No turn scored yet: nothing to redo.", "dim")
        return
    redo = any(m.fault for m in s.moments)
    io.say("Moments to redo" if redo else "Nothing fell below 50; the moment to polish", "bold")
    for m in s.moments:
        io.say(f"  your turn {m.turn_no}, {SKILL_LABEL[m.skill]} {m.points}:")
        if m.client_said:
            io.say(f'    the client said: "{m.client_said}"', "dim")
        io.say(f'    you said: "{m.you_said}"')
        io.say(f"    why: {m.why}" + (f"; {m.cost}" if m.cost else ""), "dim")
        io.say(f"    try instead: {m.try_instead}")
