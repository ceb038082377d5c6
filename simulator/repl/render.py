"""The end-of-call review as the trainee sees it in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.evaluation.reasons import skill_example
from simulator.evaluation.scale import call_points, scale_words, shown
from simulator.evaluation.summary import CallSummary
from simulator.evaluation.words import skill_label, width
from simulator.i18n import N_, _
from simulator.models import Turn
from simulator.vocabulary import Outcome

if TYPE_CHECKING:
    from simulator.engine.call import Call
    from simulator.repl.io import SessionIO

OUTCOME_TEXT = {
    Outcome.HUNG_UP: N_("the client hung up"),
    Outcome.NEXT_STEP: N_("next step agreed"),
    Outcome.TRAINEE_ENDED: N_("you ended the call"),
    Outcome.CONTINUING: N_("still going"),
}


def fmt(score: float | None) -> str:
    """A 0-100 call score, right-aligned, or a dash for not applicable."""
    return f"{shown(call_points(score)):>3}"


def render_summary(io: SessionIO, s: CallSummary, call: Call) -> None:
    """The end-of-call review for a live call."""
    render_review(io, s, call.turns, exam=call.header.mode == "exam")
    if call.fallbacks:
        io.say(
            _("  ({n} of {total} client lines used authored fallbacks)").format(
                n=call.fallbacks, total=call.persona_lines
            ),
            "dim",
        )
    if call.writer is not None and call.unsaved:
        io.say(
            _("Transcript NOT complete: {n} record(s) could not be saved ({problem})").format(
                n=len(call.unsaved), problem=call.save_problem
            ),
            "red",
        )
    elif call.writer is not None:
        io.say(
            _("Transcript saved: {path}  (id {id})").format(
                path=call.writer.path, id=call.header.id
            ),
            "dim",
        )


def render_review(io: SessionIO, s: CallSummary, turns: list[Turn], exam: bool = False) -> None:
    """Outcome, four skills with evidence, extra signals, fit check, moments to redo."""
    io.say("")
    over = _("Call over: {outcome}").format(outcome=_(OUTCOME_TEXT[s.outcome]))
    io.say(over + (_(" (exam call)") if exam else ""), "bold")
    io.say(_("  scores 0-100: {scale}").format(scale=scale_words()), "dim")
    overall = _("overall")
    w = width([*(skill_label(k) for k in s.skills), overall])
    quoted: list[str] = []
    for skill, score in s.skills.items():
        best = skill_example(turns, skill, quoted)
        quoted.append(best)
        eg = _('   e.g. "{example}"').format(example=best) if best else ""
        io.say(f"  {skill_label(skill):<{w}}{fmt(score)}" + eg)
    io.say(f"  {overall:<{w}}{fmt(s.overall)}", "bold")
    counts = _(
        "  {open} open / {closed} closed questions; you talked {share:.0%} of the time; "
        "hidden facts uncovered {found}/{total}"
    ).format(
        open=s.open_questions,
        closed=s.closed_questions,
        share=s.talk_share,
        found=len(s.facts_uncovered),
        total=s.facts_total,
    )
    io.say(counts + (f" ({', '.join(s.facts_uncovered)})" if s.facts_uncovered else ""))
    if s.concessions:
        io.say(_("  concessions: ") + "; ".join(s.concessions))
    io.say(_("  fit verdict: {fit}").format(fit=s.fit_check))
    render_moments(io, s)


def render_moments(io: SessionIO, s: CallSummary) -> None:
    """Moments to redo, or the one to polish when nothing fell below the middle."""
    if not s.moments:
        io.say(_("No turn scored yet: nothing to redo."), "dim")
        return
    redo = any(m.fault for m in s.moments)
    io.say(
        _("Moments to redo") if redo else _("Nothing fell below 50; the moment to polish"), "bold"
    )
    for m in s.moments:
        io.say(
            _("  your turn {n}, {skill} {points}:").format(
                n=m.turn_no, skill=skill_label(m.skill), points=m.points
            )
        )
        if m.client_said:
            io.say(_('    the client said: "{said}"').format(said=m.client_said), "dim")
        io.say(_('    you said: "{said}"').format(said=m.you_said))
        io.say(_("    why: {why}").format(why=m.why) + (f"; {m.cost}" if m.cost else ""), "dim")
        io.say(_("    try instead: {line}").format(line=m.try_instead))
