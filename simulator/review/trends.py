"""Sparklines across calls and side-by-side comparison of two attempts (trends: standing.py)."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.evaluation.scale import trainee_numbers, turn_points
from simulator.i18n import _
from simulator.models import SKILLS
from simulator.review.view import CallView

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """One character per call on a fixed 0-100 scale; a space for n/a."""
    return "".join(" " if v is None else BARS[min(7, int(v / 100 * 8))] for v in values)


@dataclass
class Difference:
    """One skill compared across two calls, with the turns that made the difference."""

    skill: str
    a: float | None
    b: float | None
    better_turn: str
    worse_turn: str


def compare(a: CallView, b: CallView) -> list[Difference]:
    """Per skill: both scores, the better call's best turn and the worse call's worst turn."""
    out = []
    for skill in SKILLS:
        sa = a.summary.skills.get(skill) if a.summary else None
        sb = b.summary.skills.get(skill) if b.summary else None
        better, worse = (a, b) if (sa or 0) >= (sb or 0) else (b, a)
        # Each quoted turn says which call it is from: "your turn 3" alone is ambiguous.
        out.append(
            Difference(
                skill,
                sa,
                sb,
                _extreme(better, skill, best=True, call="A" if better is a else "B"),
                _extreme(worse, skill, best=False, call="A" if worse is a else "B"),
            )
        )
    return out


def _extreme(view: CallView, skill: str, best: bool, call: str = "") -> str:
    scored = [
        (t.evaluation.skills[skill].score, t.index, t.text)
        for t in view.turns
        if t.evaluation is not None and t.evaluation.skills[skill].score is not None
    ]
    if not scored:
        return ""
    score, index, text = (max if best else min)(scored, key=lambda x: (x[0], -x[1]))
    turn = _("your turn {n} ({points}): {text}").format(
        n=trainee_numbers(view.turns)[index], points=turn_points(score), text=text
    )
    return _("call {call}, {turn}").format(call=call, turn=turn) if call else turn
