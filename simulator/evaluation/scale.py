"""One scale for people: 0-100 wherever a person reads a score, rounded to what it means."""

from __future__ import annotations

from simulator.i18n import N_, _
from simulator.models import Turn

# A turn is judged on five anchors (0-4); steps of 5 points keep the ranker's nudges visible
# without pretending to a precision one turn does not have.
TURN_STEP = 5
LOW = 50  # below this a skill was not shown: the rubric's middle anchor is 2 of 4
# What the numbers mean, said once wherever scores are listed (the bands of `band`).
SCALE_WORDS = N_(
    "under 25 missed, 25-49 weak, 50-74 fair (the skill shown in general terms), 75+ strong"
)


def scale_words() -> str:
    """SCALE_WORDS in the language in force."""
    return _(SCALE_WORDS)


def turn_points(score: float | None) -> int | None:
    """A turn's 0-4 score as 0-100 in steps of 5; None stays None (not at stake)."""
    if score is None:
        return None
    return int(TURN_STEP * round(score * 25 / TURN_STEP))


def call_points(score: float | None) -> int | None:
    """A call's 0-100 score as a whole number."""
    return None if score is None else round(score)


def shown(points: int | None, dash: str = "-") -> str:
    """A 0-100 number for display, or a dash."""
    return dash if points is None else str(points)


def band(points: int | None) -> str:
    """A word for a 0-100 score, so a number never stands alone."""
    if points is None:
        return _("not at stake")
    if points < 25:
        return _("missed")
    if points < LOW:
        return _("weak")
    if points < 75:
        return _("fair")
    return _("strong")


def trainee_numbers(turns: list[Turn]) -> dict[int, int]:
    """Transcript index -> "your turn N": trainee turns counted alone, in call order."""
    numbers: dict[int, int] = {}
    for t in turns:
        if t.speaker == "trainee":
            numbers[t.index] = len(numbers) + 1
    return numbers
