"""`callsim report --md`: the review as Markdown."""

from __future__ import annotations

from simulator.display import md
from simulator.evaluation.reasons import shown_reason
from simulator.evaluation.scale import SCALE_WORDS, call_points, shown, trainee_numbers, turn_points
from simulator.models import SKILLS
from simulator.review.scenario_check import describe
from simulator.review.view import CallView


def _fmt(v: float | None) -> str:
    return shown(call_points(v), "n/a")


def report_md(view: CallView) -> str:
    """Scores, fit check, moments and the annotated transcript."""
    s = view.summary
    judge = (view.judge or {}).get("skills", {})
    lines = [f"# {md(view.title)}", "", f"Call {md(view.id)}", ""]
    lines += [f"> {md(p)}" for p in view.transcript.problems]
    lines += [f"Scores are 0-100: {SCALE_WORDS}.", ""]
    lines += ["| skill | referee | judge |", "|---|---|---|"]
    for k in SKILLS:
        lines.append(f"| {k} | {_fmt(s.skills[k] if s else None)} | {md(judge.get(k, '-'))} |")
    lines.append(f"| **overall** | **{_fmt(s.overall if s else None)}** | |")
    if s:
        lines += [
            "",
            f"Outcome: **{s.outcome.value.replace('_', ' ')}**. Facts uncovered {len(s.facts_uncovered)}/{s.facts_total}.",
            f"Fit verdict: {md(s.fit_check)}",
            *([f"Concessions: {md('; '.join(s.concessions))}"] if s.concessions else []),
            *([f"**{md(describe(view.scenario_check))}**"] if view.scenario_check else []),
            "",
            "## Moments to redo",
            "",
        ]
        for m in s.moments:
            lines.append(f"- **Your turn {m.turn_no}**, {m.skill} {m.points}/100")
            if m.client_said:
                lines.append(f"  - The client said: “{md(m.client_said)}”")
            lines.append(f"  - You said: “{md(m.you_said)}”")
            lines.append(f"  - Why: {md(m.why)}" + (f"; {md(m.cost)}" if m.cost else ""))
            lines.append(f"  - Try instead: {md(m.try_instead)}")
        if s.moments and not any(m.fault for m in s.moments):
            lines.append("")
            lines.append("Nothing fell below 50: the turn above is the one to polish.")
    lines += ["", "## Transcript", ""]
    name = view.persona.identity.name.split()[0] if view.persona else "Client"
    numbers = trainee_numbers(view.turns)
    for t in view.turns:
        if t.speaker == "persona":
            lines.append(f"**{md(name)}:** {md(t.text)}")
        else:
            lines.append(f"**You (your turn {numbers[t.index]}):** {md(t.text)}")
            if t.evaluation:
                sk = t.evaluation.skills
                scores = "; ".join(
                    f"{k} {shown(turn_points(sk[k].score), 'n/a')}: {md(shown_reason(sk[k], k))}"
                    for k in SKILLS
                )
                lines.append(f"  _{scores}_")
        lines.append("")
    return "\n".join(lines)
