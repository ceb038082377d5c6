"""The command line: instant help, clear errors, a call over piped stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import callsim


def test_help_does_not_import_the_model_stack() -> None:
    code = (
        "import sys; from simulator.cli.main import build_parser; build_parser(); "
        "heavy = [m for m in ('llama_cpp', 'langchain_openai', 'openai', 'rich', 'prompt_toolkit') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "practice" in callsim("--help").stdout


def test_unknown_persona_is_one_line_and_exit_2() -> None:
    proc = callsim("practice", "--persona", "wolf", "--backend", "scripted")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "unknown persona 'wolf'" in proc.stderr


def test_unknown_backend_is_one_line() -> None:
    proc = callsim("practice", "--persona", "pit-bull", "--backend", "nope")
    assert proc.returncode == 2 and "--backend: expected one of" in proc.stderr


def test_piped_call_on_the_scripted_backend_saves_every_turn(isolated_home: Path) -> None:
    stdin = (
        "I hear you, ten minutes. What does the dashboard need to fix first?\n"
        "/verdict fit real budget and a clear problem\n"
        "I can't cut the rate, because it covers testing, but we could phase it.\n"
        "/end\n"
    )
    proc = callsim(
        "practice", "--persona", "pit-bull", "--backend", "scripted", "--seed", "4", stdin=stdin
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        "Call over: you ended the call" in proc.stdout
        and "fit verdict: you said fit" in proc.stdout
    )
    files = list((isolated_home / "transcripts").glob("*.jsonl"))
    assert len(files) == 1
    kinds = [json.loads(line)["type"] for line in files[0].read_text().splitlines()]
    assert kinds == [
        *("header", "turn", "said", "turn", "turn", "verdict", "said", "turn", "turn", "end")
    ]


def test_eof_ends_the_call_and_saves(isolated_home: Path) -> None:
    proc = callsim(
        "practice", "--persona", "poodle", "--backend", "scripted", stdin="Who have you admired?\n"
    )
    assert proc.returncode == 0
    saved = next((isolated_home / "transcripts").glob("*.jsonl")).read_text().splitlines()
    assert json.loads(saved[-1])["outcome"] == "trainee_ended"
