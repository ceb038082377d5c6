"""Items 11-15: odd files are skipped and reported, a busy index survives, OS errors and odd
ids are one line, YAML is strict, stdin bytes are never lost."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.review.index import CallIndex, index_path
from simulator.transcript import read_transcript
from tests.conftest import ROOT, callsim

HEADER = {
    "type": "header",
    "persona": "pit-bull",
    "difficulty": "normal",
    "backend": "scripted",
    "model": "m",
    "seed": 1,
    "started_at": 1.7e9,
}


def _call(folder: Path, call_id: str, **header: object) -> Path:
    path = folder / f"{call_id}.jsonl"
    path.write_text(json.dumps({**HEADER, "id": call_id, **header}) + "\n")
    return path


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture
def damaged(isolated_home: Path) -> Path:
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    _call(folder, "good-1")
    deep = _call(folder, "deep-1")
    with deep.open("a") as fh:
        fh.write("[" * 100_000 + "\n")
        fh.write(json.dumps({"type": "pause", "at": 1.7e9}) + "\n")
    (folder / "nan-1.jsonl").write_text(
        json.dumps({**HEADER, "id": "nan-1"}).replace("1700000000.0", "NaN") + "\n"
    )
    _call(folder, "huge-time-1", started_at=1e300)
    (folder / "dangling.jsonl").symlink_to(folder / "nowhere")
    (folder / "dir.jsonl").mkdir()
    os.mkfifo(folder / "fifo.jsonl")
    return folder


@pytest.mark.parametrize("command", ["history", "progress"])
def test_one_bad_file_never_breaks_history_for_all(damaged: Path, command: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", command],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    if command == "history":
        assert "good-1" in proc.stdout and "deep-1" in proc.stdout
    for name in ("dangling", "dir", "fifo", "nan-1", "huge-time-1"):
        assert name in proc.stderr


def test_a_deeply_nested_line_is_reported_and_the_rest_read(damaged: Path) -> None:
    tr = read_transcript(damaged / "deep-1.jsonl")
    assert len(tr.problems) == 1 and "line 2: invalid (nested too deeply)" in tr.problems[0]


def test_a_busy_index_is_read_around_not_deleted(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    _call(folder, "good-1")
    CallIndex.open()
    before = index_path().read_bytes()
    monkeypatch.setattr("simulator.review.index.BUSY_WAIT_S", 0.2)
    other = sqlite3.connect(index_path())
    other.execute("BEGIN EXCLUSIVE")  # another process mid-write
    try:
        _call(folder, "good-2")
        index = CallIndex.open()
        assert {r.id for r in index.calls()} == {"good-1", "good-2"}
        assert "index unavailable" in index.note
    finally:
        other.rollback()
        other.close()
    assert index_path().exists() and index_path().read_bytes()[:16] == before[:16]


def test_a_corrupt_index_is_rebuilt(isolated_home: Path) -> None:
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    _call(folder, "good-1")
    index_path().parent.mkdir(parents=True, exist_ok=True)
    index_path().write_bytes(b"this is not a database" * 100)
    assert [r.id for r in CallIndex.open().calls()] == ["good-1"]
    assert not CallIndex.open().note


@pytest.mark.parametrize(
    "command",
    [
        ("history",),
        ("progress",),
        ("review", "x"),
        ("report", "x", "--html", "o.html"),
        ("practice", "--persona", "pit-bull", "--backend", "scripted"),
        ("score", "x"),
        ("personas", "list"),
        ("compare", "a", "b"),
        ("report", "--progress", "--html", "o.html"),
    ],
)
def test_callsim_home_at_a_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    home = tmp_path / "home-is-a-file"
    home.write_text("")
    monkeypatch.setenv("CALLSIM_HOME", str(home))
    monkeypatch.chdir(tmp_path)  # any report file lands here, never in the checkout
    line = one_error_line(callsim(*command, stdin="/end\n"))
    assert "CALLSIM_HOME" in line and "not a directory" in line


def test_config_at_a_directory_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_CONFIG", str(tmp_path))
    line = one_error_line(callsim("practice", "--persona", "pit-bull", "--backend", "scripted"))
    assert "config file" in line


@pytest.mark.parametrize("out", ["missing/dir/r.html", "."])
def test_report_into_a_missing_folder_or_a_directory_is_one_line(damaged: Path, out: str) -> None:
    line = one_error_line(callsim("report", "good-1", "--html", out))
    assert "--html: cannot write" in line


@pytest.mark.parametrize("given", ["../../x/secret", "/etc/passwd", "*", "..", "a/../../b"])
def test_ids_are_ids_not_paths(isolated_home: Path, given: str) -> None:
    line = one_error_line(callsim("review", given))
    assert "root:" not in line


def test_resume_never_writes_outside_the_data_dir(isolated_home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text(json.dumps({**HEADER, "id": "elsewhere"}) + "\n")
    before = outside.read_text()
    one_error_line(
        callsim("practice", "--resume", str(outside), "--backend", "scripted", stdin="/end\n")
    )
    assert outside.read_text() == before


def test_a_scenario_linked_to_another_file_is_not_echoed(
    isolated_home: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secrets.txt"
    secret.write_text(
        "db_password: hunter2-" + "s" * 200 + "\ntitle: [a, b]\nid: " + "q" * 300 + "\n"
    )
    link = tmp_path / "linked.yaml"
    link.symlink_to(secret)
    out = tmp_path / "out.json"
    proc = callsim(
        "run",
        str(link),
        "--backend",
        "scripted",
        "--json",
        str(out),
        "--junit",
        str(tmp_path / "j.xml"),
    )
    everything = proc.stdout + proc.stderr + out.read_text() + (tmp_path / "j.xml").read_text()
    assert "hunter2" not in everything and "q" * 60 not in everything


# --- item 15 -------------------------------------------------------------------------------


def test_deep_yaml_is_one_line_and_validate_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "b-dupe.yaml").write_text("id: b-dupe\nid: again\n")
    (tmp_path / "c-alias.yaml").write_text("a: &x [1, 2]\nb: *x\n")
    (tmp_path / "pit-bull.yaml").write_text((ROOT / "personas" / "pit-bull.yaml").read_text())
    proc = callsim("personas", "validate", str(tmp_path))
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "nested too deeply" in proc.stderr
    assert "duplicate key 'id'" in proc.stderr and "line 2" in proc.stderr
    assert "aliases" in proc.stderr
    assert f"ok: {tmp_path / 'pit-bull.yaml'}" in proc.stdout


def test_validate_an_empty_folder_says_so(tmp_path: Path) -> None:
    proc = callsim("personas", "validate", str(tmp_path))
    assert proc.returncode != 0 and "no persona files" in proc.stderr


def test_invalid_utf8_on_stdin_keeps_the_turn(isolated_home: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator.cli.main",
            "practice",
            "--persona",
            "pit-bull",
            "--backend",
            "scripted",
        ],
        input=b"What matters \xff\xfe most to you?\n/end\n",
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    path = next((isolated_home / "transcripts").glob("*.jsonl"))
    said = [t.text for t in read_transcript(path).turns if t.speaker == "trainee"]
    assert said == ["What matters \ufffd\ufffd most to you?"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    "command", [("practice", "--persona", "pit-bull", "--backend", "scripted"), ("review", "x")]
)
def test_an_unwritable_data_dir_is_one_line(
    monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    # /proc refuses new files even to root, so this holds where chmod would not.
    monkeypatch.setenv("CALLSIM_HOME", "/proc/self/callsim-test")
    line = one_error_line(callsim(*command, stdin="/end\n"))
    assert line.startswith("callsim: error: ") and "/proc/self/callsim-test" in line
