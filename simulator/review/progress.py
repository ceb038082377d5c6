"""Progress a coach can read: an overall line, one small chart per skill, and the calls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.evaluation.scale import LOW, call_points, shown
from simulator.models import SKILLS
from simulator.review.headers import is_batch, read_header
from simulator.review.index import CallRow
from simulator.review.svg import Series, line_chart, rolling_mean, time_labels
from simulator.review.trends import trend

WINDOW = 5  # the rolling mean: one call is noise, five show a direction
SKILL_COLORS = {
    "empathy": "#b5179e",
    "boundary": "#c77d00",
    "pacing": "#0077b6",
    "winwin": "#2d9c4a",
    "overall": "#1d2430",
}
TREND_NOTE = (
    "trend: the mean of your last third of calls minus the mean of your first third, "
    "in points on the 0-100 scale (+ is better)"
)


def practice_only(rows: list[CallRow], include_runs: bool = False) -> list[CallRow]:
    """A trainee's practice calls; scenario batch runs only when asked for."""
    if include_runs:
        return rows
    out = []
    for r in rows:
        header = read_header(Path(r.path))
        if header is None or not is_batch(header):
            out.append(r)
    return out


def _day(ts: float, fmt: str = "%m-%d") -> str:
    return datetime.fromtimestamp(ts).strftime(fmt)


def _chart(name: str, labels: list[str], values: list[float | None], big: bool) -> dict[str, Any]:
    color = SKILL_COLORS[name]
    title = ("overall" if name == "overall" else name) + f" (0-100; line: mean of last {WINDOW})"
    series = {
        "each call": Series(values, color, line=len(values) <= 12, dots=True, opacity=0.35),
        f"mean of {WINDOW}": Series(rolling_mean(values, WINDOW), color, dots=False, width=2.5),
    }
    width, height = (900, 240) if big else (440, 190)
    return line_chart(title, labels, series, ymax=100, width=width, height=height)


def progress_page_data(rows: list[CallRow], include_runs: bool) -> dict[str, Any]:
    """Everything the progress template shows, for calls oldest first."""
    labels = time_labels([r.started_at for r in rows])
    series = {k: [getattr(r, k) for r in rows] for k in (*SKILLS, "overall")}
    span = f"{_day(rows[0].started_at, '%Y-%m-%d')} to {_day(rows[-1].started_at, '%Y-%m-%d')}"
    kind = "calls, batch runs included" if include_runs else "practice calls"
    calls = []
    for n, r in reversed(list(enumerate(rows, start=1))):
        scores = [
            {"v": shown(call_points(getattr(r, k))), "low": _low(getattr(r, k))} for k in SKILLS
        ]
        calls.append(
            {
                "n": n,
                "when": _day(r.started_at, "%Y-%m-%d %H:%M"),
                "persona": r.persona,
                "difficulty": r.difficulty,
                "outcome": r.outcome.replace("_", " "),
                "scores": scores,
                "overall": {"v": shown(call_points(r.overall)), "low": _low(r.overall)},
                "id": r.id,
            }
        )
    summary = [
        {
            "skill": k,
            "latest": shown(call_points(rolling_mean(v, WINDOW)[-1])),
            "trend": trend(v),
        }
        for k, v in series.items()
    ]
    return {
        "subtitle": f"{len(rows)} {kind}, {span}",
        "overall_chart": _chart("overall", labels, series["overall"], big=True),
        "skill_charts": [_chart(k, labels, series[k], big=False) for k in SKILLS],
        "summary": summary,
        "trend_note": TREND_NOTE,
        "calls": calls,
        "data": {"labels": labels, "series": series, "ids": [r.id for r in rows]},
    }


def _low(v: float | None) -> bool:
    return v is not None and v < LOW
