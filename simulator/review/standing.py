"""Which calls count toward a trainee's standing, and the numbers a trainer reads from them.

Means and trends use finished coached calls with at least three trainee turns. Exam calls
are shown apart (a different setting: no live scores, no rewinds); short and unfinished
calls are listed by id, never silently dropped and never averaged in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from simulator.evaluation.words import difficulty_word
from simulator.i18n import N_, _, ngettext
from simulator.models import SKILLS
from simulator.review.index import UNFINISHED, CallRow

MIN_TURNS = 3  # one Ctrl-D call once read "pacing 99, boundary 25": too little to judge
TREND_CALLS = 4  # fewer calls at one difficulty and a trend is one call's noise
WINDOW = 5  # the rolling mean: one call is noise, five show a direction
COLUMNS = (*SKILLS, "overall")
TREND_NEEDS = N_("needs {calls} calls at one difficulty")
_TREND_NOTE = N_(
    "trend: within one difficulty (the latest one with at least "
    "{calls} calls), the mean of the last third of those calls minus the mean of "
    "the first third, in points on the 0-100 scale (+ is better); coached calls only"
)


def trend_note() -> str:
    """How a trend is computed, in the language in force."""
    return _(_TREND_NOTE).format(calls=TREND_CALLS)


TREND_NOTE = _TREND_NOTE.format(calls=TREND_CALLS)  # English, for callers outside a screen


@dataclass
class Selection:
    """A list of calls sorted into what counts and what is only listed."""

    coached: list[CallRow] = field(default_factory=list)
    exam: list[CallRow] = field(default_factory=list)
    short: list[CallRow] = field(default_factory=list)
    unfinished: list[CallRow] = field(default_factory=list)

    @property
    def left_out(self) -> int:
        """How many calls count nowhere."""
        return len(self.short) + len(self.unfinished)


def select(rows: list[CallRow]) -> Selection:
    """Sort calls (oldest first) into coached, exam, too short and unfinished."""
    sel = Selection()
    for r in rows:
        # Too short first: a call left after one line is that, paused or ended.
        if r.trainee_turns < MIN_TURNS:
            sel.short.append(r)
        elif r.outcome in UNFINISHED:
            sel.unfinished.append(r)
        elif r.is_exam:
            sel.exam.append(r)
        else:
            sel.coached.append(r)
    return sel


def left_out_note(sel: Selection) -> str:
    """'2 calls left out: fewer than 3 turns: ID, ID', or '' when none was."""
    if not sel.left_out:
        return ""
    parts = []
    if sel.short:
        fewer = _("fewer than {n} turns: ").format(n=MIN_TURNS)
        parts.append(fewer + ", ".join(r.id for r in sel.short))
    if sel.unfinished:
        parts.append(_("unfinished: ") + ", ".join(r.id for r in sel.unfinished))
    n = sel.left_out
    left = ngettext("{n} call left out: ", "{n} calls left out: ", n).format(n=n)
    return left + "; ".join(parts)


def values(rows: list[CallRow], skill: str) -> list[float | None]:
    """One skill's call scores, in call order."""
    return [getattr(r, skill) for r in rows]


def latest(rows: list[CallRow], skill: str) -> float | None:
    """The newest call that scored this skill (a call where it was never at stake is skipped)."""
    return next((v for v in reversed(values(rows, skill)) if v is not None), None)


def recent_mean(rows: list[CallRow], skill: str, n: int = WINDOW) -> float | None:
    """The mean over the last `n` calls that scored this skill."""
    got = [v for v in values(rows, skill) if v is not None][-n:]
    return sum(got) / len(got) if got else None


@dataclass
class Trend:
    """The change across calls at one difficulty, or why there is none."""

    change: float | None
    difficulty: str | None = None
    calls: int = 0

    @property
    def short(self) -> str:
        """For a table cell: '+12 normal' or 'needs 4 calls'."""
        if self.change is None:
            return _("needs {calls} calls").format(calls=TREND_CALLS)
        return f"{self.change:+.0f} {difficulty_word(self.difficulty or '')}"

    @property
    def text(self) -> str:
        """For a line of its own: '+12 (normal, 6 calls)' or why there is no trend."""
        if self.change is None:
            return _(TREND_NEEDS).format(calls=TREND_CALLS)
        level = difficulty_word(self.difficulty or "")
        return _("{change:+.0f} ({level}, {calls} calls)").format(
            change=self.change, level=level, calls=self.calls
        )

    @property
    def direction(self) -> str:
        """'up', 'down' or '' (for colouring)."""
        if self.change is None or round(self.change) == 0:
            return ""
        return "up" if self.change > 0 else "down"


def trend(rows: list[CallRow], skill: str) -> Trend:
    """First third against last third, within the latest difficulty with enough calls."""
    by_level: dict[str, list[float]] = {}
    last_seen: dict[str, int] = {}
    for i, r in enumerate(rows):
        v = getattr(r, skill)
        if v is not None:
            by_level.setdefault(r.difficulty, []).append(v)
            last_seen[r.difficulty] = i
    enough = [d for d, got in by_level.items() if len(got) >= TREND_CALLS]
    if not enough:
        return Trend(None)
    level = max(enough, key=lambda d: last_seen[d])
    got = by_level[level]
    k = max(1, len(got) // 3)
    change = sum(got[-k:]) / k - sum(got[:k]) / k
    return Trend(change, level, len(got))


def weakest(rows: list[CallRow]) -> str | None:
    """The skill with the lowest mean over its latest calls."""
    means = {k: recent_mean(rows, k) for k in SKILLS}
    scored = {k: m for k, m in means.items() if m is not None}
    return min(scored, key=lambda k: scored[k]) if scored else None


def shown_name(spellings: list[str]) -> str:
    """One name for a person typed several ways ("cleo", "Cleo"): the commonest spelling,
    a capitalised one on a tie, so a single lower-case call does not rename them."""
    counts = Counter(s.strip() for s in spellings if s.strip())
    if not counts:
        return ""
    return max(counts, key=lambda s: (counts[s], s[:1].isupper(), s))


def known_trainees(rows: list[CallRow]) -> list[str]:
    """Every trainee name on these calls, once each (case-insensitively), sorted."""
    names: dict[str, list[str]] = {}
    for r in rows:
        if r.trainee:
            names.setdefault(r.trainee.strip().casefold(), []).append(r.trainee)
    return sorted((shown_name(v) for v in names.values()), key=str.casefold)


def one_trainee(rows: list[CallRow], name: str) -> list[CallRow]:
    """The calls held by `name` (any case); none is a usage error naming who is known."""
    from simulator.display import printable
    from simulator.errors import UsageError

    wanted = name.strip().casefold()
    mine = [r for r in rows if (r.trainee or "").strip().casefold() == wanted]
    if mine:
        return mine
    known = known_trainees(rows)
    shown = printable(name, one_line=True, limit=60)
    if not known:
        nobody = _("--trainee: no calls by {name!r}; no call carries a trainee name yet")
        raise UsageError(nobody.format(name=shown))
    names = printable(", ".join(known), one_line=True, limit=400)
    others = _("--trainee: no calls by {name!r}; known trainees: {names}")
    raise UsageError(others.format(name=shown, names=names))
