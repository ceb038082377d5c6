"""Root cause 4: a batch where the model's lines were unusable is an error, never a pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.errors import ExitCode
from tests.conftest import ROOT
from tests.hostile.server import Hostile

SCENARIOS = [str(ROOT / "scenarios" / f) for f in ("pit-bull-good-rep.yaml", "poodle-value.yaml")]


def _run(hostile: Hostile, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli.main", "run", *SCENARIOS, *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "CALLSIM_HOME": str(tmp_path / "home")},
        timeout=240,
        check=False,
    )


@pytest.mark.parametrize("mode", ["lines_empty", "lines_huge", "lines_nochoices"])
def test_a_run_whose_model_lines_were_all_replaced_is_an_error(
    hostile: Hostile, tmp_path: Path, mode: str
) -> None:
    hostile.mode = mode
    out = tmp_path / "r.json"
    proc = _run(
        hostile, tmp_path, "--backend", "openai", "--base-url", hostile.url, "--json", str(out)
    )
    assert proc.returncode == ExitCode.RUN_ERRORS, proc.stdout[-600:] + proc.stderr[-600:]
    data = json.loads(out.read_text())
    assert (data["passed"], data["errors"]) == (0, 2)
    for result in data["results"]:
        assert result["status"] == "error" and "authored" in result["error"]
    assert "Traceback" not in proc.stderr


def test_authored_lines_by_design_are_not_an_error(hostile: Hostile, tmp_path: Path) -> None:
    """The scripted backend speaks authored lines by design: nothing fell back."""
    out = tmp_path / "r.json"
    proc = _run(hostile, tmp_path, "--backend", "scripted", "--json", str(out))
    assert proc.returncode == 0, proc.stdout[-600:]
    assert json.loads(out.read_text())["errors"] == 0
