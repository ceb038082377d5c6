"""A cohort at a glance: trainee by skill (latest, trend, calls, weakest), batch runs apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from simulator.display import md
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

UNNAMED = "(no name)"
OUTCOMES = {"next_step_agreed": "next step", "hung_up": "hung up", "trainee_ended": "ended"}
TREND_LEGEND = (
    "trend: within one difficulty, the mean of the last third of a trainee's coached calls "
    f"minus the first third, in points; 'needs {TREND_CALLS} calls': fewer than "
    f"{TREND_CALLS} calls at any one difficulty"
)


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
    outcome = OUTCOMES.get(r.outcome, r.outcome.replace("_", " "))
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
            who = (r.trainee or "").strip() or UNNAMED
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


def markdown(cohort: Cohort, title: str, links: dict[str, str] | None = None) -> str:
    """The cohort report as Markdown; `links` maps trainees to their progress pages."""
    from urllib.parse import quote

    links = links or {}
    cols = list(COLUMNS)
    out = [f"# {md(title)}", "", "## Practice calls by trainee", ""]
    out.append(
        "Each skill: the latest coached call's score (0-100), then the trend. "
        "Exam calls are counted apart; calls with fewer than 3 turns count nowhere."
    )
    out.append("")
    out.append(
        "| trainee | coached calls | exam calls | latest exam | last call | "
        + " | ".join(cols)
        + " | weakest skill |"
    )
    out.append("|---|---:|---:|---|---|" + "---:|" * len(cols) + "---|")
    for t in cohort.trainees:
        skills = " | ".join(_skill_cell(t, k) for k in cols)
        name = md(t.trainee)
        if t.trainee in links:
            name = f"[{name}]({quote(links[t.trainee])})"
        out.append(
            f"| {name} | {t.calls} | {t.exams} | {t.latest_exam} | {t.last_call} | {skills} "
            f"| {t.weakest or '-'} |"
        )
    if not cohort.trainees:
        out.append("| (no practice calls) |  |  |  |  |" + "  |" * len(cols) + "  |")
    out += ["", md(TREND_LEGEND)]
    out += [""] + [f"- {md(line)}" for line in notes(cohort)]
    out += ["", "## Scenario batch runs (automatic trainee, not part of any trainee's record)", ""]
    out.append("| scenario | runs | last run | " + " | ".join(f"mean {k}" for k in cols) + " |")
    out.append("|---|---:|---|" + "---:|" * len(cols))
    if not cohort.scenarios:
        out.append("| (no batch runs) |  |  |" + "  |" * len(cols))
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
    return f"{n} unfinished batch run(s) left out (the batch was stopped mid-call)."


def page(cohort: Cohort, title: str, links: dict[str, str] | None = None) -> str:
    """The cohort report as one self-contained HTML page, rendered with autoescape on."""
    from simulator.review.html import CSP, CSS, template

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
            "weakest": t.weakest or "-",
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
        title=title,
        cols=cols,
        trainees=trainees,
        trend_legend=TREND_LEGEND,
        notes=notes(cohort),
        scenarios=scenarios,
        unfinished=unfinished_note(cohort) if cohort.unfinished else "",
    )
