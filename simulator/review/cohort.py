"""A cohort at a glance: trainee by skill (latest, trend, calls, weakest), batch runs apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from simulator.display import md
from simulator.evaluation.words import skill_word
from simulator.i18n import N_, _
from simulator.review.index import UNFINISHED, CallRow
from simulator.review.standing import (
    COLUMNS,
    TREND_CALLS,
    Trend,
    latest,
    left_out_note,
    select,
    shown_name,
    trend,
    values,
    weakest,
)
from simulator.review.trends import sparkline

UNNAMED = N_("(no name)")
OUTCOMES = {
    "next_step_agreed": N_("next step"),
    "hung_up": N_("hung up"),
    "trainee_ended": N_("ended"),
}
_TREND_LEGEND = N_(
    "trend: within one difficulty, the mean of the last third of a trainee's coached calls "
    "minus the first third, in points; 'needs {calls} calls': fewer than "
    "{calls} calls at any one difficulty"
)
TREND_LEGEND = _TREND_LEGEND.format(calls=TREND_CALLS)  # English, for callers outside a screen


def trend_legend() -> str:
    """How the cohort's trends are computed, in the language in force."""
    return _(_TREND_LEGEND).format(calls=TREND_CALLS)


def col_name(key: str) -> str:
    """A skill column's heading: the key in English (winwin), the skill's name elsewhere."""
    return _("overall") if key == "overall" else skill_word(key)


@dataclass
class TraineeRow:
    """One trainee's practice calls, per skill; exam and left-out calls beside them."""

    trainee: str
    calls: int  # coached calls that count toward means and trends
    last_call: str
    latest: dict[str, float | None]
    trend: dict[str, Trend]
    series: dict[str, list[float | None]]
    weakest: str | None
    exams: int = 0
    latest_exam: str = "-"
    left_out: str = ""
    rows: list[CallRow] = field(default_factory=list)  # every practice call, oldest first


@dataclass
class ScenarioRow:
    """One scenario's batch runs."""

    scenario: str
    runs: int
    last_run: str
    mean: dict[str, float | None]


@dataclass
class Cohort:
    """Practice calls by trainee, and batch runs by scenario, kept apart."""

    trainees: list[TraineeRow] = field(default_factory=list)
    scenarios: list[ScenarioRow] = field(default_factory=list)
    # Batch runs that never ended (a killed batch): their scores describe half a call.
    unfinished: list[str] = field(default_factory=list)


def _mean(vals: list[float | None]) -> float | None:
    got = [v for v in vals if v is not None]
    return sum(got) / len(got) if got else None


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d")


def _exam_result(r: CallRow | None) -> str:
    """The latest exam call in a few words: overall score, outcome and date."""
    if r is None:
        return "-"
    outcome = _(OUTCOMES[r.outcome]) if r.outcome in OUTCOMES else r.outcome.replace("_", " ")
    return f"{_n(r.overall)} ({outcome}, {_day(r.started_at)})"


def trainee_row(who: str, calls: list[CallRow]) -> TraineeRow:
    """One trainee's standing from their practice calls (oldest first)."""
    sel = select(calls)
    counted = sel.coached
    return TraineeRow(
        trainee=who,
        calls=len(counted),
        last_call=_day(calls[-1].started_at),
        latest={k: latest(counted, k) for k in COLUMNS},
        trend={k: trend(counted, k) for k in COLUMNS},
        series={k: values(counted, k) for k in COLUMNS},
        weakest=weakest(counted),
        exams=len(sel.exam),
        latest_exam=_exam_result(sel.exam[-1] if sel.exam else None),
        left_out=left_out_note(sel),
        rows=calls,
    )


def build(rows: list[CallRow]) -> Cohort:
    """Group index rows (oldest first) into the cohort table and the batch-run table."""
    practice: dict[str, list[CallRow]] = {}
    names: dict[str, list[str]] = {}
    runs: dict[str, list[CallRow]] = {}
    unfinished: list[str] = []
    for r in rows:
        if r.kind == "run":
            if r.outcome in UNFINISHED:
                unfinished.append(r.id)
                continue
            runs.setdefault(r.scenario or r.persona, []).append(r)
        else:
            # "ana" and "Ana" are one person, shown as their commonest spelling.
            who = (r.trainee or "").strip() or _(UNNAMED)
            practice.setdefault(who.casefold(), []).append(r)
            names.setdefault(who.casefold(), []).append(who)
    cohort = Cohort(unfinished=unfinished)
    for key, calls in sorted(practice.items()):
        cohort.trainees.append(trainee_row(shown_name(names[key]), calls))
    for sid, done in sorted(runs.items()):
        cohort.scenarios.append(
            ScenarioRow(
                scenario=sid,
                runs=len(done),
                last_run=_day(done[-1].started_at),
                mean={k: _mean([getattr(c, k) for c in done]) for k in COLUMNS},
            )
        )
    return cohort


def page_names(cohort: Cohort) -> dict[str, str]:
    """A safe, unique file name for each trainee's progress page ('progress-ana.html')."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for n, t in enumerate(cohort.trainees, start=1):
        # ASCII letters and digits only: a name never becomes a path, a dot file or a URL.
        slug = re.sub(r"[^a-z0-9]+", "-", t.trainee.casefold()).strip("-")[:40] or f"trainee-{n}"
        name, k = slug, 2
        while name in taken:
            name, k = f"{slug}-{k}", k + 1
        taken.add(name)
        out[t.trainee] = f"progress-{name}.html"
    return out


def _n(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def _skill_cell(t: TraineeRow, k: str) -> str:
    return f"{_n(t.latest[k])} ({t.trend[k].short})"


def notes(cohort: Cohort) -> list[str]:
    """One line per trainee with calls left out of the means, naming them."""
    return [f"{t.trainee}: {t.left_out}" for t in cohort.trainees if t.left_out]


def _weakest(t: TraineeRow) -> str:
    return col_name(t.weakest) if t.weakest else "-"


def markdown(cohort: Cohort, title: str, links: dict[str, str] | None = None) -> str:
    """The cohort report as Markdown; `links` maps trainees to their progress pages."""
    from urllib.parse import quote

    links = links or {}
    cols = list(COLUMNS)
    names = [col_name(k) for k in cols]
    out = [f"# {md(title)}", "", "## " + _("Practice calls by trainee"), ""]
    out.append(
        _(
            "Each skill: the latest coached call's score (0-100), then the trend. "
            "Exam calls are counted apart; calls with fewer than 3 turns count nowhere."
        )
    )
    out.append("")
    heads = [_("trainee"), _("coached calls"), _("exam calls"), _("latest exam"), _("last call")]
    out.append("| " + " | ".join([*heads, *names, _("weakest skill")]) + " |")
    out.append("|---|---:|---:|---|---|" + "---:|" * len(cols) + "---|")
    for t in cohort.trainees:
        skills = " | ".join(_skill_cell(t, k) for k in cols)
        name = md(t.trainee)
        if t.trainee in links:
            name = f"[{name}]({quote(links[t.trainee])})"
        out.append(
            f"| {name} | {t.calls} | {t.exams} | {t.latest_exam} | {t.last_call} | {skills} "
            f"| {_weakest(t)} |"
        )
    if not cohort.trainees:
        empty = _("(no practice calls)")
        out.append(f"| {empty} |  |  |  |  |" + "  |" * len(cols) + "  |")
    out += ["", md(trend_legend())]
    out += [""] + [f"- {md(line)}" for line in notes(cohort)]
    runs = _("Scenario batch runs (automatic trainee, not part of any trainee's record)")
    out += ["", f"## {runs}", ""]
    means = [_("mean {skill}").format(skill=n) for n in names]
    out.append("| " + " | ".join([_("scenario"), _("runs"), _("last run"), *means]) + " |")
    out.append("|---|---:|---|" + "---:|" * len(cols))
    if not cohort.scenarios:
        out.append("| " + _("(no batch runs)") + " |  |  |" + "  |" * len(cols))
    for s in cohort.scenarios:
        out.append(
            f"| {md(s.scenario)} | {s.runs} | {s.last_run} | "
            + " | ".join(_n(s.mean[k]) for k in cols)
            + " |"
        )
    if cohort.unfinished:
        out += ["", unfinished_note(cohort)]
    return "\n".join(out) + "\n"


def unfinished_note(cohort: Cohort) -> str:
    """The batch runs left out because they never ended."""
    n = len(cohort.unfinished)
    return _("{n} unfinished batch run(s) left out (the batch was stopped mid-call).").format(n=n)


def page(cohort: Cohort, title: str, links: dict[str, str] | None = None) -> str:
    """The cohort report as one self-contained HTML page, rendered with autoescape on."""
    from simulator.review.html import CSP, CSS, page_words, template

    links = links or {}
    cols = list(COLUMNS)
    trainees = [
        {
            "trainee": t.trainee,
            "href": links.get(t.trainee, ""),
            "calls": t.calls,
            "exams": t.exams,
            "latest_exam": t.latest_exam,
            "last_call": t.last_call,
            "weakest": _weakest(t),
            "cells": [
                {
                    "latest": _n(t.latest[k]),
                    "trend": t.trend[k].short,
                    "direction": t.trend[k].direction,
                    "spark": sparkline(t.series[k]),
                    "weak": k == t.weakest,
                }
                for k in cols
            ],
        }
        for t in cohort.trainees
    ]
    scenarios = [
        {
            "scenario": s.scenario,
            "runs": s.runs,
            "last_run": s.last_run,
            "means": [_n(s.mean[k]) for k in cols],
        }
        for s in cohort.scenarios
    ]
    return template("cohort.html.j2").render(
        csp=CSP,
        css=CSS,
        **page_words(),
        title=title,
        cols=[col_name(k) for k in cols],
        means=[_("mean {skill}").format(skill=col_name(k)) for k in cols],
        trainees=trainees,
        trend_legend=trend_legend(),
        notes=notes(cohort),
        scenarios=scenarios,
        unfinished=unfinished_note(cohort) if cohort.unfinished else "",
    )
