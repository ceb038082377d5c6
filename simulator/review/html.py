"""`callsim report --html`: a self-contained page (inline CSS and SVG, no network, no scripts).

Rendered with Jinja2 and autoescape on, so every value from a transcript (turn text,
judge fields, ids, scenario names) is escaped by default; nothing is built by hand.
The page also forbids scripts and remote loads with a Content-Security-Policy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from simulator.display import html_value
from simulator.evaluation.reasons import clauses, shown_reason
from simulator.evaluation.scale import call_points, scale_words, shown, trainee_numbers, turn_points
from simulator.evaluation.words import outcome_word, skill_word, state_label
from simulator.i18n import _, current_lang, install_jinja
from simulator.models import SKILLS, Turn
from simulator.review.index import CallRow
from simulator.review.scenario_check import describe
from simulator.review.svg import line_chart
from simulator.review.view import CallView

SKILL_COLORS = {
    "empathy": "#b5179e",
    "boundary": "#c77d00",
    "pacing": "#0077b6",
    "winwin": "#2d9c4a",
}
STATE_COLORS = {"trust": "#0077b6", "patience": "#d62828", "interest": "#2d9c4a"}
HERE = Path(__file__).parent
CSS = (HERE / "report.css").read_text(encoding="utf-8")
# No script runs, nothing loads from anywhere; inline styles and the inline SVG only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@lru_cache(maxsize=4)
def template(name: str) -> Template:
    """A template from review/templates, autoescaped."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        # Every {{ value }} passes the display filter first: no control or bidi characters.
        finalize=html_value,
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    install_jinja(env)  # {{ _("...") }} in templates, in the language in force when rendered
    return env.get_template(name)


def page_words() -> dict[str, Any]:
    """What every page template needs to speak the language in force."""
    return {"lang": current_lang(), "skill_names": {k: skill_word(k) for k in SKILLS}}


def _fmt(v: float | None) -> str:
    return shown(call_points(v), "–")


def pieces(t: Turn) -> list[dict[str, str]]:
    """The turn's text cut into plain and evidence pieces (spans never overlap in output)."""
    if t.evaluation is None:
        return [{"text": t.text, "skill": ""}]
    marks: list[tuple[int, int, str]] = []
    for skill in SKILLS:
        for s in clauses(t.text, t.evaluation.skills[skill].evidence):
            if 0 <= s.start < s.end <= len(t.text):
                marks.append((s.start, s.end, skill))
    marks.sort()
    out, pos = [], 0
    for start, end, skill in marks:
        if start < pos:
            continue
        out.append({"text": t.text[pos:start], "skill": ""})
        out.append({"text": t.text[start:end], "skill": skill})
        pos = end
    out.append({"text": t.text[pos:], "skill": ""})
    return out


def _turn(view: CallView, t: Turn, number: int) -> dict[str, Any]:
    if t.speaker == "persona":
        return {"persona": True, "text": t.text, "fallback": t.fallback, "cut_off": t.cut_off}
    ev = t.evaluation
    chips = []
    why = ""
    if ev is not None:
        chips = [
            {
                "skill": k,
                "score": shown(turn_points(ev.skills[k].score), "–"),
                "at_stake": ev.skills[k].at_stake,
            }
            for k in SKILLS
        ]
        why = "; ".join(f"{skill_word(k)}: {shown_reason(ev.skills[k], k)}" for k in SKILLS)
    state = ""
    if t.state_after is not None:
        s = t.state_after
        values = {"trust": s.trust, "patience": s.patience, "interest": s.interest}
        state = " · ".join(f"{state_label(k)} {v:.0f}" for k, v in values.items())
    return {
        "persona": False,
        "index": number,
        "pieces": pieces(t),
        "chips": chips,
        "why": why,
        "state": state,
        "notes": view.judge_notes_for(t.text),
    }


def report_html(view: CallView, back: str = "", back_to: str = "") -> str:
    """The whole page; `back` links to the page it was opened from (a cohort's drill-down)."""
    rows = view.per_turn()
    numbers = trainee_numbers(view.turns)
    labels = [str(r["turn"]) for r in rows]
    s = view.summary
    judge = (view.judge or {}).get("skills", {})
    summary = None
    if s:
        summary = {
            "outcome": outcome_word(s.outcome),
            "facts": f"{len(s.facts_uncovered)}/{s.facts_total}",
            "open": s.open_questions,
            "closed": s.closed_questions,
            "talk": f"{s.talk_share:.0%}",
            "fit": s.fit_check,
            "concessions": s.concessions,
        }
    return template("report.html.j2").render(
        csp=CSP,
        css=CSS,
        scale=scale_words(),
        **page_words(),
        back=back,
        back_to=back_to,
        scenario_check=describe(view.scenario_check) if view.scenario_check else "",
        title=view.title,
        call_id=view.id,
        problems=view.transcript.problems,
        score_rows=[
            {
                "skill": skill_word(k),
                "referee": _fmt(s.skills[k] if s else None),
                "judge": judge.get(k, "–"),
            }
            for k in SKILLS
        ],
        overall=_fmt(s.overall if s else None),
        summary=summary,
        skills_chart=line_chart(
            _("Your turns: skill scores (0-100)"),
            labels,
            {skill_word(k): [r[k] for r in rows] for k in SKILLS},
            {skill_word(k): c for k, c in SKILL_COLORS.items()},
            100,
        ),
        state_chart=line_chart(
            _("Client state after each turn (0-100)"),
            labels,
            {state_label(k): [r.get(k) for r in rows] for k in STATE_COLORS},
            {state_label(k): c for k, c in STATE_COLORS.items()},
            100,
        ),
        moments=s.moments if s else [],
        redo=bool(s and any(m.fault for m in s.moments)),
        judge_moments=(view.judge or {}).get("moments", []),
        name=view.persona.identity.name.split()[0] if view.persona else _("Client"),
        turns=[_turn(view, t, numbers.get(t.index, 0)) for t in view.turns],
        data={
            "id": view.id,
            "turns": rows,
            "skills": s.skills if s else {},
            "overall": s.overall if s else None,
        },
    )


def progress_html(
    title: str,
    rows: list[CallRow],
    include_runs: bool = False,
    links: dict[str, str] | None = None,
    back: str = "",
) -> str:
    """The progress page: an overall line, a chart per skill, and a table of the calls."""
    from simulator.review.progress import WINDOW, progress_page_data

    data = progress_page_data(rows, include_runs, links, back)
    return template("progress.html.j2").render(
        csp=CSP, css=CSS, title=title, window=WINDOW, scale=scale_words(), **page_words(), **data
    )
