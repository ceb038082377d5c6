"""`callsim review`: the annotated transcript in the terminal."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from simulator.display import cell, plain, printable
from simulator.evaluation.reasons import clauses, shown_reason
from simulator.evaluation.scale import (
    LOW,
    call_points,
    scale_words,
    shown,
    trainee_numbers,
    turn_points,
)
from simulator.evaluation.words import outcome_word, skill_word, state_label
from simulator.i18n import _, current_lang
from simulator.models import SKILLS, Turn
from simulator.review.view import CallView

SKILL_STYLE = {"empathy": "magenta", "boundary": "yellow", "pacing": "cyan", "winwin": "green"}


def _score(v: float | None) -> str:
    return shown(turn_points(v), _("n/a"))


def state_line(trust: float, patience: float, interest: float) -> str:
    """'trust 50  patience 60  interest 55' in the language in force."""
    values = {"trust": trust, "patience": patience, "interest": interest}
    return "  ".join(f"{state_label(k)} {v:.0f}" for k, v in values.items())


def highlighted(t: Turn) -> Text:
    """The turn's text with each skill's evidence spans underlined in the skill's colour."""
    if t.evaluation is None or printable(t.text) != t.text:
        return plain(t.text)  # control codes inside: safety first, highlights would shift
    text = Text(t.text)
    for skill in SKILLS:
        for span in clauses(t.text, t.evaluation.skills[skill].evidence):
            if 0 <= span.start < span.end <= len(t.text):
                text.stylize(f"underline {SKILL_STYLE[skill]}", span.start, span.end)
    return text


def evidence_lines(t: Turn) -> list[Text]:
    """Each skill's evidence in words, marked + (shown) or - (missed): the underline alone
    says neither, and shows nothing in a pipe or with NO_COLOR."""
    out: list[Text] = []
    if t.evaluation is None:
        return out
    for skill in SKILLS:
        s = t.evaluation.skills[skill]
        points = turn_points(s.score)
        found = clauses(t.text, s.evidence)
        if points is None or not s.at_stake or not found:
            continue
        mark = "+" if points >= LOW else "-"
        quoted = "; ".join(f'"{c.text}"' for c in found)
        out.append(plain(f"  {mark} {skill_word(skill)}: {quoted}", SKILL_STYLE[skill]))
    return out


def render(view: CallView, console: Console) -> None:
    """Header, each turn annotated, then the call-level scores and coaching."""
    # The gap is added outside the filter, which trims a line's edges ("23:55id ...").
    header = plain(view.title, "bold", one_line=True)
    header.append("   id ")
    console.print(header + plain(view.id, one_line=True))
    for problem in view.transcript.problems:
        console.print(plain(problem, "yellow", one_line=True))
    legend = "  ".join(f"[underline {c}]{skill_word(s)}[/]" for s, c in SKILL_STYLE.items())
    console.print(
        _("evidence: {legend}   scores 0-100: {scale}").format(legend=legend, scale=scale_words())
    )
    numbers = trainee_numbers(view.turns)
    name = view.persona.identity.name.split()[0] if view.persona else _("Client")
    for t in view.turns:
        if t.speaker == "persona":
            flag = Text(_(" (authored fallback)") if t.fallback else "", style="dim")
            cut = Text(_(" (cut off: the backend failed)") if t.cut_off else "", style="dim")
            console.print(plain(f"{name}: ", "bold cyan") + plain(t.text) + flag + cut)
            continue
        scores = Table.grid(padding=(0, 2))
        ev = t.evaluation
        if ev is not None:
            scores.add_row(
                *(
                    f"[{SKILL_STYLE[k]}]{skill_word(k)} {_score(ev.skills[k].score)}[/]"
                    if ev.skills[k].at_stake
                    else "[dim]"
                    + _("{skill} ({score}, not at stake)").format(
                        skill=skill_word(k), score=_score(ev.skills[k].score)
                    )
                    + "[/dim]"
                    for k in SKILLS
                ),
                f"[dim]{_('provoked') if ev.provoked else ''}[/dim]",
            )
        parts: list[RenderableType] = [highlighted(t), scores, *evidence_lines(t)]
        if ev is not None:
            reasons = "; ".join(
                f"{skill_word(k)}: {shown_reason(ev.skills[k], k)}"
                for k in SKILLS
                if ev.skills[k].reason
            )
            parts.append(plain(reasons, "dim"))
        if t.state_after is not None:
            s = t.state_after
            after = state_line(s.trust, s.patience, s.interest)
            parts.append(Text(_("client after: {state}").format(state=after), style="dim"))
        if t.timing is not None and t.timing.submit_s is not None:
            waited = _("replied after {s:.1f}s").format(s=t.timing.submit_s)
            parts.append(Text(waited, style="dim"))
        for note in view.judge_notes_for(t.text):
            judged = _('judge: try instead "{line}" ({why})')
            parts.append(plain(judged.format(line=note["try_instead"], why=note["why"]), "bold"))
        console.print(
            Panel(
                Group(*parts),
                title=_("Your turn {n}").format(n=numbers[t.index]),
                title_align="left",
                border_style="dim",
            )
        )
    render_scores(view, console)


def render_scores(view: CallView, console: Console) -> None:
    """Call-level scores (referee and judge), fit verdict and moments."""
    s = view.summary
    if s is None:
        missing = _("persona file missing: call scores unavailable")
        console.print(f"[yellow]{missing}[/yellow]")
        return
    # English shows the outcome's value as saved (next_step_agreed); others, in words.
    outcome = s.outcome.value if current_lang() == "en" else outcome_word(s.outcome)
    table = Table(
        _("skill"), _("referee"), _("judge"), title=_("Outcome: {outcome}").format(outcome=outcome)
    )
    judge = (view.judge or {}).get("skills", {})
    for k in SKILLS:
        table.add_row(skill_word(k), shown(call_points(s.skills[k])), cell(judge.get(k, "-")))
    table.add_row(f"[bold]{_('overall')}[/bold]", shown(call_points(s.overall)), "")
    console.print(table)
    console.print(plain(_("fit verdict: {fit}").format(fit=s.fit_check)))
    if view.scenario_check is not None:
        from simulator.review.scenario_check import describe

        console.print(plain(describe(view.scenario_check), "bold"))
    console.print(
        _(
            "hidden facts uncovered {found}/{total}; questions {open} open, {closed} closed; "
            "talk share {share:.0%}"
        ).format(
            found=len(s.facts_uncovered),
            total=s.facts_total,
            open=s.open_questions,
            closed=s.closed_questions,
            share=s.talk_share,
        )
    )
    if not s.moments:
        return
    redo = any(m.fault for m in s.moments)
    heading = _("Moments to redo") if redo else _("The moment to polish")
    console.print(Text(heading, style="bold"))
    for m in s.moments:
        turn = _("  your turn {n}, {skill} {points}: ")
        console.print(
            Text(turn.format(n=m.turn_no, skill=skill_word(m.skill), points=m.points), style="bold")
            + plain(_('you said "{said}"').format(said=m.you_said))
        )
        why = _("    why: {why}").format(why=m.why) + (f"; {m.cost}" if m.cost else "")
        console.print(plain(why, "dim"))
        console.print(plain(_("    try instead: {line}").format(line=m.try_instead)))
