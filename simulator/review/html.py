"""`callsim report --html`: a self-contained page (inline CSS and SVG, no network)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from simulator.models import SKILLS, Turn
from simulator.review.svg import line_chart
from simulator.review.view import CallView

SKILL_COLORS = {
    "empathy": "#b5179e",
    "boundary": "#c77d00",
    "pacing": "#0077b6",
    "winwin": "#2d9c4a",
}
STATE_COLORS = {"trust": "#0077b6", "patience": "#d62828", "interest": "#2d9c4a"}
CSS = (Path(__file__).with_name("report.css")).read_text(encoding="utf-8")


def _fmt(v: float | None, digits: int = 0) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def marked(t: Turn) -> str:
    """The turn's text with evidence spans wrapped in <mark> per skill (spans never overlap in output)."""
    if t.evaluation is None:
        return escape(t.text)
    marks: list[tuple[int, int, str]] = []
    for skill in SKILLS:
        for s in t.evaluation.skills[skill].evidence:
            if 0 <= s.start < s.end <= len(t.text):
                marks.append((s.start, s.end, skill))
    marks.sort()
    out, pos = [], 0
    for start, end, skill in marks:
        if start < pos:
            continue
        out.append(escape(t.text[pos:start]))
        out.append(f'<mark class="{skill}" title="{skill}">{escape(t.text[start:end])}</mark>')
        pos = end
    out.append(escape(t.text[pos:]))
    return "".join(out)


def _turn_html(view: CallView, t: Turn, name: str) -> str:
    if t.speaker == "persona":
        flag = ' <span class="note">authored fallback</span>' if t.fallback else ""
        return f'<div class="turn persona"><b>{escape(name)}</b> {escape(t.text)}{flag}</div>'
    chips, why = "", ""
    ev = t.evaluation
    if ev is not None:
        chips = "".join(
            f'<span class="chip {k}{"" if ev.skills[k].at_stake else " quiet"}" '
            f'title="{"" if ev.skills[k].at_stake else "not at stake in this turn"}">'
            f"{k} {_fmt(ev.skills[k].score, 1)}</span>"
            for k in SKILLS
        )
        why = "; ".join(f"{k}: {escape(ev.skills[k].reason)}" for k in SKILLS)
    state = ""
    if t.state_after is not None:
        s = t.state_after
        state = f'<div class="state">client after: trust {s.trust:.0f} · patience {s.patience:.0f} · interest {s.interest:.0f}</div>'
    notes = "".join(
        f'<div class="judge">Try instead: “{escape(n["try_instead"])}” — {escape(n["why"])}</div>'
        for n in view.judge_notes_for(t.text)
    )
    return (
        f'<div class="turn trainee" id="turn-{t.index}"><b>You</b> <span class="idx">turn {t.index}</span>'
        f'<p>{marked(t)}</p><div class="chips">{chips}</div><div class="why">{why}</div>{state}{notes}</div>'
    )


def report_html(view: CallView) -> str:
    """The whole page."""
    rows = view.per_turn()
    labels = [str(r["turn"]) for r in rows]
    skills_chart = line_chart(
        "Skill scores per turn (0-4)",
        labels,
        {k: [r[k] for r in rows] for k in SKILLS},
        SKILL_COLORS,
        4,
    )
    state_chart = line_chart(
        "Client state after each turn (0-100)",
        labels,
        {k: [r.get(k) for r in rows] for k in STATE_COLORS},
        STATE_COLORS,
        100,
    )
    s = view.summary
    judge = (view.judge or {}).get("skills", {})
    score_rows = "".join(
        f"<tr><td>{k}</td><td>{_fmt(s.skills[k] if s else None)}</td><td>{judge.get(k, '–')}</td></tr>"
        for k in SKILLS
    )
    overall = _fmt(s.overall if s else None)
    moments = "".join(
        f"<li><b>Turn {m.turn_index}</b> ({m.skill}): you said “{escape(m.you_said)}”<br>"
        f"Try instead: {escape(m.try_instead)}<br><span class='why'>{escape(m.why)}</span></li>"
        for m in (s.moments if s else [])
    )
    judge_moments = "".join(
        f"<li>You said “{escape(m['you_said'])}” → {escape(m['try_instead'])} <span class='why'>({escape(m['why'])})</span></li>"
        for m in (view.judge or {}).get("moments", [])
    )
    name = view.persona.identity.name.split()[0] if view.persona else "Client"
    transcript = "\n".join(_turn_html(view, t, name) for t in view.turns)
    problems = "".join(f"<p class='problem'>{escape(p)}</p>" for p in view.transcript.problems)
    data: dict[str, Any] = {
        "id": view.id,
        "turns": rows,
        "skills": s.skills if s else {},
        "overall": s.overall if s else None,
    }
    extras = ""
    if s:
        extras = (
            f"<p>Outcome: <b>{escape(s.outcome.value.replace('_', ' '))}</b> · facts uncovered "
            f"{len(s.facts_uncovered)}/{s.facts_total} · questions {s.open_questions} open, {s.closed_questions} closed"
            f" · you talked {s.talk_share:.0%} of the time</p><p>Fit verdict: {escape(s.fit_check)}</p>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>callsim review: {escape(view.title)}</title><style>{CSS}</style></head>
<body><main>
<h1>{escape(view.title)}</h1><p class="sub">call {escape(view.id)}</p>{problems}
<section class="scores"><table><thead><tr><th>skill</th><th>referee</th><th>judge</th></tr></thead>
<tbody>{score_rows}<tr class="overall"><td>overall</td><td>{overall}</td><td></td></tr></tbody></table>
<div>{extras}</div></section>
<section class="charts">{skills_chart}{state_chart}</section>
<section><h2>Moments to redo</h2><ol>{moments or "<li>No turn the rubric faults. Well held.</li>"}</ol>
{f"<h3>Judge</h3><ol>{judge_moments}</ol>" if judge_moments else ""}</section>
<section class="transcript"><h2>Transcript</h2>
<p class="legend">Evidence: <mark class="empathy">empathy</mark> <mark class="boundary">boundary</mark> <mark class="pacing">pacing</mark> <mark class="winwin">win-win</mark></p>
{transcript}</section>
</main>
<script type="application/json" id="call-data">{escape(json.dumps(data), quote=False)}</script>
</body></html>
"""


def progress_html(title: str, labels: list[str], series: dict[str, list[float | None]]) -> str:
    """The progress page: one chart of the four skills across calls."""
    chart = line_chart("Call scores per skill (0-100)", labels, series, SKILL_COLORS, 100)
    data = json.dumps({"labels": labels, "series": series})
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{CSS}</style></head>
<body><main><h1>{escape(title)}</h1><section class="charts">{chart}</section></main>
<script type="application/json" id="progress-data">{escape(data, quote=False)}</script></body></html>
"""
