"""A cohort at a glance: trainee by skill (latest, trend, calls, weakest), batch runs apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from simulator.display import md
from simulator.models import SKILLS
from simulator.review.headers import is_batch, read_header
from simulator.review.index import CallRow
from simulator.review.trends import sparkline, trend
from simulator.vocabulary import Outcome

UNNAMED = "(no name)"
RECENT = 5  # the weakest skill is judged on the latest calls, not on a trainee's first week


@dataclass
class TraineeRow:
    """One trainee's practice calls, per skill."""

    trainee: str
    calls: int
    last_call: str
    latest: dict[str, float | None]
    trend: dict[str, str]
    series: dict[str, list[float | None]]
    weakest: str | None


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


def _latest(values: list[float | None]) -> float | None:
    return next((v for v in reversed(values) if v is not None), None)


def _mean(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return sum(got) / len(got) if got else None


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d")


def weakest_skill(series: dict[str, list[float | None]]) -> str | None:
    """The skill with the lowest mean over the latest calls."""
    means = {k: _mean(v[-RECENT:]) for k, v in series.items() if k in SKILLS}
    scored = {k: m for k, m in means.items() if m is not None}
    return min(scored, key=lambda k: scored[k]) if scored else None


def build(rows: list[CallRow]) -> Cohort:
    """Group index rows (oldest first) into the cohort table and the batch-run table."""
    practice: dict[str, list[CallRow]] = {}
    runs: dict[str, list[CallRow]] = {}
    unfinished: list[str] = []
    for r in rows:
        header = read_header(Path(r.path))
        if header is not None and is_batch(header):
            if r.outcome == Outcome.CONTINUING.value:
                unfinished.append(r.id)
                continue
            runs.setdefault(r.scenario or r.persona, []).append(r)
        else:
            who = (header.trainee if header else None) or UNNAMED
            practice.setdefault(who, []).append(r)
    cohort = Cohort(unfinished=unfinished)
    for who, calls in sorted(practice.items(), key=lambda kv: kv[0].lower()):
        series = {k: [getattr(c, k) for c in calls] for k in (*SKILLS, "overall")}
        cohort.trainees.append(
            TraineeRow(
                trainee=who,
                calls=len(calls),
                last_call=_day(calls[-1].started_at),
                latest={k: _latest(v) for k, v in series.items()},
                trend={k: trend(v) for k, v in series.items()},
                series=series,
                weakest=weakest_skill(series),
            )
        )
    for sid, done in sorted(runs.items()):
        cohort.scenarios.append(
            ScenarioRow(
                scenario=sid,
                runs=len(done),
                last_run=_day(done[-1].started_at),
                mean={k: _mean([getattr(c, k) for c in done]) for k in (*SKILLS, "overall")},
            )
        )
    return cohort


def _n(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def _skill_cell(t: TraineeRow, k: str) -> str:
    return f"{_n(t.latest[k])} ({t.trend[k]})"


def markdown(cohort: Cohort, title: str) -> str:
    """The cohort report as Markdown."""
    cols = [*SKILLS, "overall"]
    out = [f"# {md(title)}", "", "## Practice calls by trainee", ""]
    out.append("Each skill: the latest call's score (0-100), then the trend across calls.")
    out.append("")
    out.append("| trainee | calls | last call | " + " | ".join(cols) + " | weakest skill |")
    out.append("|---|---:|---|" + "---:|" * len(cols) + "---|")
    for t in cohort.trainees:
        skills = " | ".join(_skill_cell(t, k) for k in cols)
        out.append(
            f"| {md(t.trainee)} | {t.calls} | {t.last_call} | {skills} | {t.weakest or '-'} |"
        )
    if not cohort.trainees:
        out.append("| (no practice calls) |  |  |" + "  |" * len(cols) + "  |")
    out += ["", "## Scenario batch runs (automatic trainee, not part of any trainee's record)", ""]
    out.append("| scenario | runs | last run | " + " | ".join(f"mean {k}" for k in cols) + " |")
    out.append("|---|---:|---|" + "---:|" * len(cols))
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


def _direction(t: str) -> str:
    return "up" if t.startswith("+") and t != "+0" else "down" if t.startswith("-") else ""


def page(cohort: Cohort, title: str) -> str:
    """The cohort report as one self-contained HTML page, rendered with autoescape on."""
    from simulator.review.html import CSP, CSS, template

    cols = [*SKILLS, "overall"]
    trainees = [
        {
            "trainee": t.trainee,
            "calls": t.calls,
            "last_call": t.last_call,
            "weakest": t.weakest or "-",
            "cells": [
                {
                    "latest": _n(t.latest[k]),
                    "trend": t.trend[k],
                    "direction": _direction(t.trend[k]),
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
        scenarios=scenarios,
        unfinished=unfinished_note(cohort) if cohort.unfinished else "",
    )
