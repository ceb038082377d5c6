"""Reviewing calls: the index, each command's output, the HTML report, damaged transcripts."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.backends.scripted import ScriptedBackend
from simulator.models import Verdict
from simulator.personas import get_persona
from simulator.review.index import CallIndex, index_path
from simulator.transcript import transcripts_dir
from tests.conftest import callsim, make_call

GOOD = [
    "I hear you, ten minutes is tight. Before I give you a number, what does it need to fix first?",
    "I can't drop my rate, because it covers testing, but in exchange we could do phase one first.",
]
POOR = [
    "Okay, fine, whatever you want, I'll do it for half price.",
    "That's ridiculous, take it or leave it.",
]


def hold(call_id: str, lines: list[str], judge: bool = False) -> Path:
    path = transcripts_dir() / f"{call_id}.jsonl"
    call = make_call(get_persona("pit-bull"), ScriptedBackend(), path)
    call.header.id = call_id
    path.write_text(call.header.model_dump_json() + "\n")
    list(call.opening())
    for text in lines:
        call.say(text)
        list(call.reply())
    call.set_verdict(Verdict(verdict="fit", reason="real budget"))
    call.end()
    if judge:
        call.record(
            {
                "type": "review",
                "source": "judge",
                "skills": {"empathy": 70, "boundary": 80, "pacing": 60, "winwin": 75},
                "moments": [
                    {
                        "you_said": "I can't drop my rate",
                        "try_instead": "Ask what the budget covers first.",
                        "why": "pacing",
                    }
                ],
            }
        )
    return path


@pytest.fixture
def two_calls(isolated_home: Path) -> tuple[Path, Path]:
    return hold("call-a", POOR), hold("call-b", GOOD, judge=True)


def test_index_rebuilds_after_deletion_and_corruption(two_calls: tuple[Path, Path]) -> None:
    rows = CallIndex.open().calls()
    assert [r.id for r in rows] == ["call-a", "call-b"]
    assert rows[1].boundary is not None and rows[1].boundary > (rows[0].boundary or 0)
    index_path().unlink()
    assert [r.id for r in CallIndex.open().calls(persona="pit-bull")] == ["call-a", "call-b"]
    index_path().write_bytes(b"this is not a database" * 100)
    assert len(CallIndex.open().calls()) == 2
    two_calls[0].unlink()
    assert [r.id for r in CallIndex.open().calls()] == ["call-b"]
    assert sqlite3.connect(index_path()).execute("select count(*) from calls").fetchone() == (1,)


def test_history_lists_calls_with_scores(two_calls: tuple[Path, Path]) -> None:
    out = callsim("history", "--persona", "pit-bull").stdout
    assert ("call-a" in out and "call-b" in out and "next step" in out) or "ended" in out
    assert callsim("history", "--since", "yesterday").returncode == 2


def test_review_annotates_each_trainee_turn(two_calls: tuple[Path, Path]) -> None:
    out = callsim("review", "call-b").stdout
    # The header keeps the time and the id apart ("18:51id call-b" was the bug).
    assert re.search(r"\d\d:\d\d +id call-b", out.splitlines()[0]), out.splitlines()[0]
    assert "I can't drop my rate" in out and "boundary 100" in out
    assert "client after: trust" in out
    assert "judge: try instead" in out and "Ask what the budget covers first." in out


class Page(HTMLParser):
    """Collects what the HTML report must (and must not) contain."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.polylines: list[str] = []
        self.data = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key) and not str(a[key]).startswith("#"):
                self.external.append(str(a[key]))
        if tag == "polyline":
            self.polylines.append(a.get("data-series") or "")
        self._in_data = tag == "script" and a.get("id") == "call-data"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False


def test_html_report_is_self_contained_and_holds_transcript_and_charts(
    two_calls: tuple[Path, Path], tmp_path: Path
) -> None:
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    assert callsim("report", "call-b", "--html", str(html), "--md", str(md)).returncode == 0
    text = html.read_text()
    page = Page()
    page.feed(text)
    assert page.external == [] and not re.search(
        r"https?://", text.replace("http://www.w3.org", "")
    )
    assert {"empathy", "boundary", "pacing", "winwin", "trust", "patience", "interest"} <= set(
        page.polylines
    )
    data = json.loads(page.data)
    assert [row["text"] for row in data["turns"]] == GOOD
    assert all(k in data["turns"][0] for k in ("empathy", "trust"))
    assert '<mark class="boundary"' in text and "Ask what the budget covers first." in text
    assert "| boundary |" in md.read_text() and GOOD[1] in md.read_text()


def test_progress_and_compare(two_calls: tuple[Path, Path], tmp_path: Path) -> None:
    # Two-turn calls are too short to judge: named, never averaged in.
    short = callsim("progress", "--persona", "pit-bull").stdout
    assert "2 calls left out: fewer than 3 turns: call-a, call-b" in short
    hold("call-c", [*POOR, POOR[0]])
    hold("call-d", [*GOOD, GOOD[0]])
    out = callsim("progress", "--persona", "pit-bull").stdout
    assert "Progress over 2 coached practice calls" in out
    assert re.search(r"boundary\s+│\s+[▁▂▃▄▅▆▇█ ]{2}\s", out)
    assert "needs 4 calls at one difficulty" in out and "trend: within one difficulty" in out
    chart = tmp_path / "p.html"
    assert callsim("report", "--progress", "--html", str(chart)).returncode == 0
    assert "progress-data" in chart.read_text()
    # Batch runs stay out of progress unless asked for.
    run = transcripts_dir() / "call-c.jsonl"
    head, _, rest = run.read_text().partition("\n")
    run.write_text(head.replace('"kind":"practice"', '"kind":"run"') + "\n" + rest)
    assert "Progress over 1 coached practice calls" in callsim("progress").stdout
    assert "Progress over 2 coached calls" in callsim("progress", "--include-runs").stdout
    diff = callsim("compare", "call-a", "call-b").stdout
    assert re.search(r"better: call [AB], your turn", diff)
    assert re.search(r"worse: call [AB], your turn", diff)
    assert "whatever you want" in diff
    same = callsim("compare", "call-a", "call-a")
    assert same.returncode == 2 and "same call" in same.stderr and "Traceback" not in same.stderr


def test_damaged_transcript_is_reported_by_line_and_the_rest_shown(
    two_calls: tuple[Path, Path],
) -> None:
    path = two_calls[1]
    lines = path.read_text().splitlines()
    lines[2] = lines[2][:40] + "}{ not json"
    path.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][: len(lines[-1]) // 2])
    proc = callsim("review", "call-b")
    assert proc.returncode == 0
    assert f"{path}: line 3: invalid" in proc.stdout.replace("\n", "")
    assert "truncated (half-written last line)" in proc.stdout.replace("\n", "")
    assert "Rex:" in proc.stdout
