"""What a trainer relies on: scenarios by id, calibration, and the small CLI promises."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from simulator.scenarios import scenario_files, scenario_paths
from tests.conftest import ROOT, callsim

SHIPPED = ROOT / "scenarios"


def test_scenarios_resolve_by_id_with_the_users_folder_first(isolated_home: Path) -> None:
    mine = isolated_home / "scenarios"
    mine.mkdir(parents=True)
    data = yaml.safe_load((SHIPPED / "poodle-value.yaml").read_text())
    data["id"] = "my-poodle"
    (mine / "my-poodle.yaml").write_text(yaml.safe_dump(data))
    assert scenario_paths()["my-poodle"] == mine / "my-poodle.yaml"
    everything = scenario_files([])
    assert len(everything) == len(list(SHIPPED.glob("*.yaml"))) + 1
    listed = callsim("scenarios", "list").stdout
    assert "my-poodle" in listed and "yours" in listed and "pit-bull-good-rep" in listed
    shown = callsim("scenarios", "show", "my-poodle")
    assert shown.returncode == 0 and "persona: poodle" in shown.stdout
    unknown = callsim("run", "no-such-scenario", "--backend", "scripted")
    assert unknown.returncode == 2 and "no scenario file or id 'no-such-scenario'" in unknown.stderr
    run = callsim("run", "my-poodle", "pit-bull-good-rep", "--backend", "scripted")
    assert run.returncode == 0 and "my-poodle" in run.stdout and "2 passed" in run.stdout
    practice = callsim(
        "practice", "--scenario", "pit-bull-good-rep", "--backend", "scripted",
        stdin="What does the dashboard need to fix first?\n/end\n",
    )  # fmt: skip
    assert practice.returncode == 0 and "Situation: Rex Dalton" in practice.stdout


def test_calibration_suggests_expectations_that_then_hold(tmp_path: Path) -> None:
    out = tmp_path / "cal.json"
    proc = callsim(
        "run", str(SHIPPED / "burned-before-trust.yaml"), "--backend", "scripted",
        "--calibrate", "3", "--margin", "4", "--json", str(out),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "expect:  # suggested for burned-before-trust, margin 4" in proc.stdout
    assert "pacing" in proc.stdout and " min " in proc.stdout
    cal = json.loads(out.read_text())["burned-before-trust"]
    assert cal["runs"] == 3 and cal["errors"] == 0
    suggested = {**cal["suggested"]["skills"], "overall": cal["suggested"]["overall"]}
    # Ranges only for what the scenario targets or already constrains.
    assert set(suggested) == {"empathy", "pacing", "overall"}
    for skill, (s_low, s_high) in suggested.items():
        low, high = cal["observed"][skill]
        assert (s_low, s_high) == (max(0, math.floor(low - 4)), min(100, math.ceil(high + 4)))
    folder = tmp_path / "sc"
    folder.mkdir()
    data = yaml.safe_load((SHIPPED / "burned-before-trust.yaml").read_text())
    data["expect"] = cal["suggested"]
    (folder / "burned-before-trust.yaml").write_text(yaml.safe_dump(data))
    held = callsim("run", str(folder), "--backend", "scripted", "--repeat", "3")
    assert held.returncode == 0 and "3 passed, 0 failed" in held.stdout, held.stdout
    # An earlier calibration on another backend widens the suggestion to cover both.
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"burned-before-trust": {"observed": {"pacing": [10.5, 20]}}}))
    merged = callsim(
        "run", str(folder), "--backend", "scripted", "--calibrate", "3", "--margin", "4",
        "--merge", str(other), "--json", str(out),
    )  # fmt: skip
    assert merged.returncode == 0
    widened = json.loads(out.read_text())["burned-before-trust"]["suggested"]["skills"]["pacing"]
    assert widened == [6, suggested["pacing"][1]]


def test_failure_messages_show_the_unrounded_value(tmp_path: Path) -> None:
    folder = tmp_path / "sc"
    folder.mkdir()
    data = yaml.safe_load((SHIPPED / "pit-bull-good-rep.yaml").read_text())
    data["expect"]["skills"]["boundary"] = [99.5, 100]
    (folder / "pit-bull-good-rep.yaml").write_text(yaml.safe_dump(data))
    out = tmp_path / "r.json"
    proc = callsim("run", str(folder), "--backend", "scripted", "--json", str(out))
    result = json.loads(out.read_text())["results"][0]
    assert proc.returncode == 1 and result["status"] == "fail"
    got = result["skills"]["boundary"]
    assert f"boundary {round(got, 4):g}, expected 99.5-100" in result["failures"]


def test_python_m_simulator_and_no_fake_backend_offered() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "exit codes:" in proc.stdout
    bad = callsim("practice", "--persona", "pit-bull", "--backend", "foo")
    assert bad.returncode == 2
    assert "expected one of local, openai, scripted, got 'foo'" in bad.stderr
    assert "fake" not in bad.stderr


def test_verdict_needs_a_reason_and_exam_mode_refuses_rewind(isolated_home: Path) -> None:
    stdin = (
        "What does the dashboard need to fix first?\n/rewind\n"
        "/verdict unsure\n/verdict unsure budget not confirmed\n/end\n"
    )
    proc = callsim(
        "practice", "--persona", "pit-bull", "--backend", "scripted", "--mode", "exam",
        "--seed", "3", stdin=stdin,
    )  # fmt: skip
    assert proc.returncode == 0
    assert "exam mode: no rewinds" in proc.stdout
    assert "/verdict unsure: say why too" in proc.stdout
    assert proc.stdout.count("verdict noted: unsure") == 1
    (path,) = (isolated_home / "transcripts").glob("*.jsonl")
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert not any(r.get("type") == "rewind" for r in records)
    verdicts = [r for r in records if r.get("type") == "verdict"]
    assert [v["reason"] for v in verdicts] == ["budget not confirmed"]
    again = callsim("practice", "--resume", path.stem, "--backend", "scripted", stdin="hi\n")
    assert again.returncode == 2 and "already ended (trainee_ended" in again.stderr
    ends = [r for r in map(json.loads, path.read_text().splitlines()) if r.get("type") == "end"]
    assert len(ends) == 1


def test_shipped_folder_is_found_outside_the_checkout(tmp_path: Path) -> None:
    """As from a wheel: the finder falls back to <prefix>/share/callsim."""
    from simulator import shipped

    share = tmp_path / "share" / "callsim" / "scenarios"
    share.mkdir(parents=True)
    shutil.copy(SHIPPED / "poodle-value.yaml", share)
    original = shipped.REPO_ROOT
    shipped.REPO_ROOT = tmp_path / "elsewhere"
    try:
        import sysconfig

        real = sysconfig.get_path
        sysconfig.get_path = lambda name, *a, **k: str(tmp_path) if name == "data" else real(name)  # type: ignore[assignment]
        assert shipped.shipped_dir("scenarios") == share
    finally:
        shipped.REPO_ROOT = original
        sysconfig.get_path = real  # type: ignore[assignment]
