"""Progress a coach can read: an overall line, one small chart per skill, and the calls."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulator.evaluation.scale import LOW, call_points, shown
from simulator.evaluation.words import difficulty_word, skill_word
from simulator.i18n import _, ngettext
from simulator.models import SKILLS
from simulator.review.index import CallRow
from simulator.review.standing import (
    MIN_TURNS,
    TREND_NOTE,
    WINDOW,
    Selection,
    left_out_note,
    recent_mean,
    select,
    trend,
    trend_note,
)
from simulator.review.svg import Series, line_chart, rolling_mean, time_labels

SKILL_COLORS = {
    "empathy": "#b5179e",
    "boundary": "#c77d00",
    "pacing": "#0077b6",
    "winwin": "#2d9c4a",
    "overall": "#1d2430",
}
__all__ = ["TREND_NOTE", "WINDOW", "practice_only", "progress_page_data"]


def practice_only(rows: list[CallRow], include_runs: bool = False) -> list[CallRow]:
    """A trainee's practice calls; scenario batch runs only when asked for."""
    return rows if include_runs else [r for r in rows if r.kind != "run"]


def _day(ts: float, fmt: str = "%m-%d") -> str:
    return datetime.fromtimestamp(ts).strftime(fmt)


def _chart(name: str, labels: list[str], values: list[float | None], big: bool) -> dict[str, Any]:
    color = SKILL_COLORS[name]
    shown_name = _("overall") if name == "overall" else skill_word(name)
    title = shown_name + _(" (0-100; line: mean of last {n})").format(n=WINDOW)
    series = {
        _("each call"): Series(values, color, line=len(values) <= 12, dots=True, opacity=0.35),
        _("mean of {n}").format(n=WINDOW): Series(
            rolling_mean(values, WINDOW), color, dots=False, width=2.5
        ),
    }
    width, height = (900, 240) if big else (440, 190)
    return line_chart(title, labels, series, ymax=100, width=width, height=height)


def _call(n: int, r: CallRow, links: dict[str, str]) -> dict[str, Any]:
    """One row of a calls table."""
    return {
        "n": n,
        "when": _day(r.started_at, "%Y-%m-%d %H:%M"),
        "persona": r.persona,
        "difficulty": difficulty_word(r.difficulty),
        "outcome": _(r.outcome.replace("_", " ")),
        "scores": [
            {"v": shown(call_points(getattr(r, k))), "low": _low(getattr(r, k))} for k in SKILLS
        ],
        "overall": {"v": shown(call_points(r.overall)), "low": _low(r.overall)},
        "id": r.id,
        "href": links.get(r.id, ""),
    }


def progress_page_data(
    rows: list[CallRow],
    include_runs: bool,
    links: dict[str, str] | None = None,
    back: str = "",
) -> dict[str, Any]:
    """Everything the progress template shows, for calls oldest first.

    Charts, means and trends use coached calls only; exam calls get their own table and
    short or unfinished calls are named in a note. `links` maps call ids to report pages.
    """
    links = links or {}
    sel = select(rows)
    counted = sel.coached
    labels = time_labels([r.started_at for r in counted])
    series = {k: [getattr(r, k) for r in counted] for k in (*SKILLS, "overall")}
    dated = counted or rows
    first, last = (_day(dated[i].started_at, "%Y-%m-%d") for i in (0, -1))
    span = (
        _("on {day}").format(day=first)
        if first == last
        else _("{first} to {last}").format(first=first, last=last)
    )
    kind = _("coached calls, batch runs included") if include_runs else _("coached practice calls")
    if sel.exam:
        n = len(sel.exam)
        kind += ngettext(" (and {n} exam call apart)", " (and {n} exam calls apart)", n).format(n=n)
    summary = []
    for k in series:
        t = trend(counted, k)
        summary.append(
            {
                "skill": _("overall") if k == "overall" else skill_word(k),
                "latest": shown(call_points(recent_mean(counted, k, WINDOW))),
                "trend": t.text,
                "direction": t.direction,
            }
        )
    return {
        "subtitle": f"{len(counted)} {kind}, {span}",
        "overall_chart": _chart("overall", labels, series["overall"], big=True),
        "skill_charts": [_chart(k, labels, series[k], big=False) for k in SKILLS],
        "summary": summary,
        "trend_note": trend_note(),
        "calls": [_call(n, r, links) for n, r in reversed(list(enumerate(counted, start=1)))],
        "apart": _apart(sel, links),
        "left_out": left_out_note(sel),
        "back": back,
        "data": {"labels": labels, "series": series, "ids": [r.id for r in counted]},
    }


def _apart(sel: Selection, links: dict[str, str]) -> list[dict[str, Any]]:
    """The tables of calls kept out of the charts: exam calls, and those left out."""
    out = []
    for title, calls in (
        (_("Exam calls, newest first (not in the charts or trends)"), sel.exam),
        (
            _("Left out, newest first (fewer than {n} turns, or unfinished)").format(n=MIN_TURNS),
            sorted(sel.short + sel.unfinished, key=lambda r: (r.started_at, r.id)),
        ),
    ):
        if calls:
            rows = [_call(n, r, links) for n, r in enumerate(calls, start=1)]
            out.append({"title": title, "calls": rows[::-1]})
    return out


def _low(v: float | None) -> bool:
    return v is not None and v < LOW
