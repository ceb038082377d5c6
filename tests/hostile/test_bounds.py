"""Root cause 5: arguments, outputs and inputs are bounded before a batch starts."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.errors import ExitCode
from tests.conftest import ROOT

SCENARIO = str(ROOT / "scenarios" / "pit-bull-good-rep.yaml")


def _callsim(*args: str, home: Path, memory_mb: int = 0) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CALLSIM_HOME": str(home)},
        timeout=120,
        check=False,
        preexec_fn=cap,
    )


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--repeat", "100000000"), ("--jobs", "100000"), ("--calibrate", "100000000")],
)
def test_absurd_counts_are_refused_up_front(tmp_path: Path, flag: str, value: str) -> None:
    proc = _callsim("run", SCENARIO, "--backend", "scripted", flag, value, home=tmp_path)
    assert proc.returncode == ExitCode.USAGE, proc.stderr[-300:]
    assert flag in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "transcripts").exists() or not any((tmp_path / "transcripts").iterdir())


@pytest.mark.parametrize("flag", ["--json", "--junit"])
def test_an_output_into_a_missing_folder_is_refused_before_the_batch(
    tmp_path: Path, flag: str
) -> None:
    out = tmp_path / "no" / "such" / "folder" / "r.out"
    proc = _callsim("run", SCENARIO, "--backend", "scripted", flag, str(out), home=tmp_path)
    assert proc.returncode == ExitCode.USAGE, proc.stdout[-300:] + proc.stderr[-300:]
    assert flag in proc.stderr and "passed" not in proc.stdout
    transcripts = tmp_path / "transcripts"
    assert not transcripts.exists() or not any(transcripts.iterdir()), "the batch ran anyway"


def test_a_looping_link_in_a_scenario_folder_is_reported_and_the_rest_run(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "pit-bull-good-rep.yaml").write_text(
        Path(SCENARIO).read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    out = tmp_path / "r.json"
    proc = _callsim(
        "run", str(folder), "--backend", "scripted", "--json", str(out), home=tmp_path / "h"
    )
    assert "Traceback" not in proc.stderr
    data = json.loads(out.read_text())
    assert len(data["results"]) == 1 and data["results"][0]["status"] == "pass"
    assert "loop.yaml" in proc.stderr and "dangling.yaml" in proc.stderr


def test_unfinished_batch_runs_are_not_counted_in_the_cohort(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = _callsim("run", SCENARIO, "--backend", "scripted", home=home)
    assert done.returncode == 0, done.stdout[-300:]
    (finished,) = (home / "transcripts").glob("run-*.jsonl")
    # A batch killed mid-call leaves a transcript with no end: the same call, cut short.
    lines = finished.read_text(encoding="utf-8").splitlines()
    turns = [i for i, line in enumerate(lines) if '"type":"turn"' in line.replace(" ", "")]
    cut = home / "transcripts" / "run-pit-bull-good-rep-0-killed.jsonl"
    header = json.loads(lines[0])
    header["id"] = cut.stem
    cut.write_text(
        "\n".join([json.dumps(header), *lines[1 : turns[2] + 1]]) + "\n", encoding="utf-8"
    )
    os.chmod(cut, 0o600)
    md = tmp_path / "cohort.md"
    proc = _callsim("report", "--cohort", "--md", str(md), home=home)
    assert proc.returncode == 0, proc.stderr[-300:]
    text = md.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "pit-bull-good-rep" in line)
    assert "| 1 |" in row, row  # one finished run, not two
    assert "unfinished" in text


def test_the_data_folder_is_created_private(tmp_path: Path) -> None:
    """Transcripts are 0600; the folder holding them, the index and history is 0700."""
    home = tmp_path / "fresh" / "callsim"
    proc = _callsim("run", SCENARIO, "--backend", "scripted", home=home)
    assert proc.returncode == 0, proc.stdout[-300:]
    assert home.stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in (home / "transcripts").iterdir()} == {0o600}


def _practise(home: Path, who: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "practice", "--persona", "pit-bull"],
        input="What matters most?\nWhat would a good result look like?\nWho else decides?\n/end\n",
        capture_output=True,
        text=True,
        env={**os.environ, "CALLSIM_HOME": str(home), "CALLSIM_BACKEND": "scripted",
             "CALLSIM_TRAINEE": who},
        timeout=120,
        check=True,
    )  # fmt: skip
    return proc.stdout.rsplit("(id ", 1)[1].split(")")[0]


def test_the_cohort_pages_folder_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    """Only pages the last report wrote are cleaned up; a header id is never a path."""
    home = tmp_path / "home"
    first, second = _practise(home, "Ana"), _practise(home, "Ana")
    out = tmp_path / "out"
    out.mkdir()
    pages = out / "cohort-files"
    args = ("report", "--cohort", "--html", str(out / "cohort.html"))
    assert _callsim(*args, home=home).returncode == 0
    assert (pages / f"call-{first}.html").exists()
    mine = pages / "call-2025-notes.html"
    mine.write_text("my own notes", encoding="utf-8")
    assert _callsim("delete", first, "--yes", home=home).returncode == 0
    # A transcript whose header id is a path must not abort the report or name a file.
    evil = json.loads((home / "transcripts" / f"{second}.jsonl").read_text().splitlines()[0])
    evil["id"] = "x/../../../escaped"
    rest = (home / "transcripts" / f"{second}.jsonl").read_text().split("\n", 1)[1]
    (home / "transcripts" / "evil.jsonl").write_text(json.dumps(evil) + "\n" + rest)
    proc = _callsim(*args, home=home)
    assert proc.returncode == 0, proc.stderr[-300:]
    assert mine.read_text() == "my own notes"
    assert not (pages / f"call-{first}.html").exists()  # deleted since: its page goes
    assert (pages / f"call-{second}.html").exists()
    assert not list(tmp_path.rglob("escaped*"))


def test_delete_last_never_takes_someone_elses_call(tmp_path: Path) -> None:
    """A trainer with imported calls only: `last` for delete or --resume is theirs or nothing."""
    home = tmp_path / "home"
    ana = _practise(home, "Ana")
    env = {**os.environ, "CALLSIM_HOME": str(home), "CALLSIM_TRAINEE": "trainer"}
    proc = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "delete", "last", "--yes"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 2 and "no call of yours" in proc.stderr, proc.stderr
    assert (home / "transcripts" / f"{ana}.jsonl").exists()
    review = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "review", "last"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert review.returncode == 0  # reading someone's call is fine


def test_a_call_deleted_while_being_resumed_is_not_recreated_empty(tmp_path: Path) -> None:
    """--resume, score and delete open an existing call: if it is gone, say so, create nothing."""
    from simulator.transcript import TranscriptSaveError, TranscriptWriter

    gone = tmp_path / "transcripts" / "gone-call.jsonl"
    gone.parent.mkdir()
    with pytest.raises(TranscriptSaveError, match="gone"):
        TranscriptWriter(gone, existing=True)
    assert not gone.exists()
