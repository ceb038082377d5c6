"""`callsim delete` asks before it deletes; `last` is the user's own latest practice call."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.review.index import CallIndex
from simulator.transcript import transcripts_dir
from tests.test_cohort import GOOD, hold


class Terminal(io.StringIO):
    """Typed answers on a terminal."""

    def isatty(self) -> bool:
        return True


def test_delete_asks_on_a_terminal_and_keeps_the_call_unless_told_yes(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hold("ana-1", GOOD, "Ana", time.time() - 60)
    asked: list[str] = []

    def answer(reply: str) -> None:
        monkeypatch.setattr(sys, "stdin", Terminal())
        monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or reply)

    answer("")  # Enter: the default is no
    assert main(["delete", "ana-1"]) == 0
    assert asked[-1].startswith("Delete call ana-1 (pit-bull, ") and asked[-1].endswith(
        "Ana)? [y/N] "
    )
    assert "kept call ana-1" in capsys.readouterr().out
    assert (transcripts_dir() / "ana-1.jsonl").exists()
    answer("y")
    assert main(["delete", "last"]) == 0
    assert "deleted call ana-1" in capsys.readouterr().out
    assert not (transcripts_dir() / "ana-1.jsonl").exists()
    assert [r.id for r in CallIndex.open(sync=False).calls()] == []
    assert main(["delete", "ana-1", "--yes"]) == 2
    assert "no call with id 'ana-1'" in capsys.readouterr().err


def test_last_is_my_latest_practice_call_not_an_imported_one_nor_a_run(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    now = time.time()
    hold("tom-own", GOOD, "Tom", now - 300)
    hold("ana-imported", GOOD, "Ana", now - 200)
    hold("run-pit-bull-good-rep-0-ab12", GOOD, None, now - 100, kind="run")
    assert main(["review", "last"]) == 0
    assert "id ana-imported" in capsys.readouterr().out  # no name set: the latest practice call
    monkeypatch.setenv("CALLSIM_TRAINEE", "tom")
    assert main(["review", "last"]) == 0
    assert "id tom-own" in capsys.readouterr().out
    assert main(["review", "last", "--include-runs"]) == 0
    assert "id run-pit-bull-good-rep-0-ab12" in capsys.readouterr().out
