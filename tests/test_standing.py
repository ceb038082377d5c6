"""The numbers a trainer reads: what counts, latest, mean of 5, trends, names, the index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.errors import UsageError
from simulator.review.cohort import build, page_names
from simulator.review.index import CallIndex, CallRow, index_path
from simulator.review.standing import latest as latest_score
from simulator.review.standing import (
    left_out_note,
    one_trainee,
    recent_mean,
    select,
    trend,
)


def row(
    cid: str,
    overall: float | None = 60.0,
    *,
    empathy: float | None = 50.0,
    turns: int = 4,
    difficulty: str = "normal",
    mode: str = "coached",
    outcome: str = "trainee_ended",
    trainee: str | None = "Ana",
    at: float = 0.0,
) -> CallRow:
    return CallRow(
        id=cid, path=f"/nowhere/{cid}.jsonl", mtime=0.0, started_at=at, persona="pit-bull",
        difficulty=difficulty, scenario=None, backend="scripted", outcome=outcome,
        trainee_turns=turns, empathy=empathy, boundary=70.0, pacing=70.0, winwin=70.0,
        overall=overall, mode=mode, kind="practice", trainee=trainee,
    )  # fmt: skip


def test_short_unfinished_and_exam_calls_never_count_toward_means() -> None:
    rows = [
        row("a", 40),
        row("ctrl-d", 99, turns=1),
        row("paused", 10, outcome="continuing"),
        row("left-at-once", 10, turns=1, outcome="continuing"),
        row("exam", 90, mode="exam"),
        row("b", 60),
    ]
    sel = select(rows)
    assert [r.id for r in sel.coached] == ["a", "b"] and [r.id for r in sel.exam] == ["exam"]
    assert recent_mean(sel.coached, "overall") == 50
    assert left_out_note(sel) == (
        "3 calls left out: fewer than 3 turns: ctrl-d, left-at-once; unfinished: paused"
    )
    assert left_out_note(select(rows[:1])) == ""


def test_latest_and_mean_of_five_skip_calls_where_the_skill_was_not_scored() -> None:
    rows = [row(str(i), empathy=float(10 * i)) for i in range(1, 8)] + [row("n/a", empathy=None)]
    assert latest_score(rows, "empathy") == 70
    assert recent_mean(rows, "empathy") == 50  # 30..70, the last five that scored it
    assert latest_score([row("x", empathy=None)], "empathy") is None


def test_trend_only_within_one_difficulty_with_enough_calls() -> None:
    mixed = [row(f"n{i}", 40 + i) for i in range(3)] + [
        row(f"h{i}", 80 - i, difficulty="hard") for i in range(3)
    ]
    assert trend(mixed, "overall").text == "needs 4 calls at one difficulty"
    assert trend(mixed, "overall").short == "needs 4 calls"
    # A fourth hard call: the trend is the hard calls' alone, falling.
    more = [*mixed, row("h3", 60, difficulty="hard")]
    t = trend(more, "overall")
    assert (t.difficulty, t.calls, t.direction) == ("hard", 4, "down")
    assert t.text == "-20 (hard, 4 calls)"
    # Enough at both levels: the one practised most recently speaks.
    both = [*more, row("n3", 70), row("n4", 75)]
    assert trend(both, "overall").difficulty == "normal"


def test_progress_trainee_matches_any_case_and_names_the_known_ones() -> None:
    rows = [row("a", trainee="Ana"), row("b", trainee="ben"), row("c", trainee="ANA")]
    assert [r.id for r in one_trainee(rows, "aNa")] == ["a", "c"]
    with pytest.raises(UsageError, match=r"--trainee: no calls by 'Zed'; known trainees: Ana, ben"):
        one_trainee(rows, "Zed")
    with pytest.raises(UsageError, match="no call carries a trainee name yet"):
        one_trainee([row("x", trainee=None)], "Ana")


def test_cohort_groups_names_by_case_and_gives_each_a_safe_unique_page() -> None:
    rows = [
        row("1", trainee="ana b"),
        row("2", trainee="Ana B"),
        row("3", trainee="Ana B."),
        row("4", trainee="../../etc"),
        row("5", trainee="Анна"),
        row("6", trainee=None),
    ]
    cohort = build(rows)
    names = page_names(cohort)
    assert len(cohort.trainees) == 5  # "ana b" and "Ana B" are one person
    assert len(set(names.values())) == 5
    for name in names.values():
        assert name.startswith("progress-") and name.endswith(".html")
        assert "/" not in name and ".." not in name and name.isascii()


def test_an_index_from_an_older_callsim_is_rebuilt_with_the_mode(isolated_home: Path) -> None:
    from tests.test_cohort import GOOD, hold

    hold("call-1", GOOD, "Ana", 1_800_000_000.0)
    index_path().parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(index_path())
    old.execute("CREATE TABLE calls (id TEXT PRIMARY KEY, path TEXT, mtime REAL)")
    old.commit()
    old.close()
    index = CallIndex.open()
    assert index.note == ""  # the file itself was rebuilt, not bypassed in memory
    rows = index.calls()
    assert [(r.id, r.mode, r.trainee, r.kind) for r in rows] == [
        ("call-1", "coached", "Ana", "practice")
    ]
    columns = {c[1] for c in sqlite3.connect(index_path()).execute("PRAGMA table_info(calls)")}
    assert {"mode", "kind", "trainee"} <= columns
