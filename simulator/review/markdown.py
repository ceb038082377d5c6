"""`callsim report --md`: the review as Markdown."""

from __future__ import annotations

import re

from simulator.display import printable
from simulator.models import SKILLS
from simulator.review.view import CallView

# Characters that make Markdown do something, backslash-escaped: raw HTML and autolinks
# such as <javascript:...> (`<`), links and images (`[`, `!`), entities (`&`), emphasis,
# code and table cells. Line-start syntax (#, -, >) cannot occur: text is one line behind
# our own prefix.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|!&~])")


def md(text: object) -> str:
    """Text from a transcript as inert Markdown: one line, no control codes, nothing interpreted."""
    return _SPECIAL.sub(r"\\\1", printable(text, one_line=True))


def _fmt(v: float | None, digits: int = 0) -> str:
    return "n/a" if v is None else f"{v:.{digits}f}"


def report_md(view: CallView) -> str:
    """Scores, fit check, moments and the annotated transcript."""
    s = view.summary
    judge = (view.judge or {}).get("skills", {})
    lines = [f"# {md(view.title)}", "", f"Call {md(view.id)}", ""]
    lines += [f"> {md(p)}" for p in view.transcript.problems]
    lines += ["| skill | referee | judge |", "|---|---|---|"]
    for k in SKILLS:
        lines.append(f"| {k} | {_fmt(s.skills[k] if s else None)} | {md(judge.get(k, '-'))} |")
    lines.append(f"| **overall** | **{_fmt(s.overall if s else None)}** | |")
    if s:
        lines += [
            "",
            f"Outcome: **{s.outcome.value.replace('_', ' ')}**. Facts uncovered {len(s.facts_uncovered)}/{s.facts_total}.",
            f"Fit verdict: {md(s.fit_check)}",
            "",
            "## Moments to redo",
            "",
        ]
        lines += [
            f"- Turn {m.turn_index} ({m.skill}): you said “{md(m.you_said)}”. "
            f"Try instead: {md(m.try_instead)} ({md(m.why)})"
            for m in s.moments
        ]
    lines += ["", "## Transcript", ""]
    name = view.persona.identity.name.split()[0] if view.persona else "Client"
    for t in view.turns:
        if t.speaker == "persona":
            lines.append(f"**{md(name)}:** {md(t.text)}")
        else:
            lines.append(f"**You (turn {t.index}):** {md(t.text)}")
            if t.evaluation:
                scores = ", ".join(f"{k} {_fmt(t.evaluation.skills[k].score, 1)}" for k in SKILLS)
                lines.append(f"  _{scores}_")
        lines.append("")
    return "\n".join(lines)
