"""`callsim report --md`: the review as Markdown."""

from __future__ import annotations

from simulator.display import md
from simulator.evaluation.reasons import shown_reason
from simulator.evaluation.scale import call_points, scale_words, shown, trainee_numbers, turn_points
from simulator.evaluation.words import outcome_word, skill_word
from simulator.i18n import _
from simulator.models import SKILLS
from simulator.review.scenario_check import describe
from simulator.review.view import CallView


def _fmt(v: float | None) -> str:
    return shown(call_points(v), _("n/a"))


def report_md(view: CallView) -> str:
    """Scores, fit check, moments and the annotated transcript."""
    s = view.summary
    judge = (view.judge or {}).get("skills", {})
    lines = [f"# {md(view.title)}", "", _("Call {id}").format(id=md(view.id)), ""]
    lines += [f"> {md(p)}" for p in view.transcript.problems]
    lines += [_("Scores are 0-100: {scale}.").format(scale=scale_words()), ""]
    lines += [_("| skill | referee | judge |"), "|---|---|---|"]
    for k in SKILLS:
        score = _fmt(s.skills[k] if s else None)
        lines.append(f"| {skill_word(k)} | {score} | {md(judge.get(k, '-'))} |")
    lines.append(_("| **overall** | **{score}** | |").format(score=_fmt(s.overall if s else None)))
    if s:
        outcome = _("Outcome: **{outcome}**. Facts uncovered {found}/{total}.").format(
            outcome=outcome_word(s.outcome), found=len(s.facts_uncovered), total=s.facts_total
        )
        conceded = _("Concessions: {list}").format(list=md("; ".join(s.concessions)))
        lines += [
            "",
            outcome,
            _("Fit verdict: {fit}").format(fit=md(s.fit_check)),
            *([conceded] if s.concessions else []),
            *([f"**{md(describe(view.scenario_check))}**"] if view.scenario_check else []),
            "",
            _("## Moments to redo"),
            "",
        ]
        for m in s.moments:
            lines.append(
                _("- **Your turn {n}**, {skill} {points}/100").format(
                    n=m.turn_no, skill=skill_word(m.skill), points=m.points
                )
            )
            if m.client_said:
                lines.append(_("  - The client said: “{said}”").format(said=md(m.client_said)))
            lines.append(_("  - You said: “{said}”").format(said=md(m.you_said)))
            why = _("  - Why: {why}").format(why=md(m.why))
            lines.append(why + (f"; {md(m.cost)}" if m.cost else ""))
            lines.append(_("  - Try instead: {line}").format(line=md(m.try_instead)))
        if s.moments and not any(m.fault for m in s.moments):
            lines.append("")
            lines.append(_("Nothing fell below 50: the turn above is the one to polish."))
    lines += ["", _("## Transcript"), ""]
    name = view.persona.identity.name.split()[0] if view.persona else _("Client")
    numbers = trainee_numbers(view.turns)
    for t in view.turns:
        if t.speaker == "persona":
            lines.append(f"**{md(name)}:** {md(t.text)}")
        else:
            you = _("**You (your turn {n}):** {text}")
            lines.append(you.format(n=numbers[t.index], text=md(t.text)))
            if t.evaluation:
                sk = t.evaluation.skills
                scores = "; ".join(
                    f"{skill_word(k)} {shown(turn_points(sk[k].score), _('n/a'))}: "
                    f"{md(shown_reason(sk[k], k))}"
                    for k in SKILLS
                )
                lines.append(f"  _{scores}_")
        lines.append("")
    return "\n".join(lines)
