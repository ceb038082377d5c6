"""The command line: instant help, clear errors, a call over piped stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from simulator.transcript import read_transcript
from simulator.vocabulary import Outcome
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


def test_a_bad_flag_value_is_one_line_without_the_usage_block() -> None:
    for flags in (("--difficulty", "extreme"), ("--lang", "fr"), ("--seed", "abc")):
        proc = callsim("practice", *flags, "--backend", "scripted")
        assert proc.returncode == 2, flags
        assert proc.stderr.strip().count("\n") == 0 and "usage:" not in proc.stderr, flags
        assert proc.stderr.startswith("callsim: error: argument " + flags[0]), flags


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


def test_pause_then_resume_then_end_with_a_review(isolated_home: Path) -> None:
    """Piped mode: /pause saves an open call, --resume last continues it, /end reviews it."""
    first = callsim(
        "practice", "--persona", "pit-bull", "--backend", "scripted", "--seed", "3",
        stdin="I hear you, ten minutes is tight. What does the dashboard need to fix first?\n"
        "/verdict unsure budget unknown\n/pause\n",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Call over" not in first.stdout  # a pause is not the end: no review yet
    (path,) = (isolated_home / "transcripts").glob("*.jsonl")
    assert f"callsim practice --resume {path.stem}" in first.stdout
    assert "--resume last" in first.stdout
    paused = read_transcript(path)
    assert paused.paused and paused.outcome == Outcome.CONTINUING
    last_line = paused.turns[-1].text
    assert json.loads(path.read_text().splitlines()[-1])["type"] == "pause"

    again = callsim(
        "practice", "--resume", "last", "--backend", "scripted",
        stdin="Who else is involved in the decision?\n/end\n",
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    shown = again.stdout
    # The recap, then the client's last line, before the trainee's next turn.
    assert "Resuming your call" in shown and "1 turn of yours" in shown
    assert "your verdict so far: unsure" in shown
    assert shown.index(f"Rex: {last_line}") < shown.index("You: Who else is involved")
    assert "Call over: you ended the call" in shown and "fit verdict: you said unsure" in shown
    done = read_transcript(path)
    assert done.outcome == Outcome.TRAINEE_ENDED and not done.paused
    said = [t.text for t in done.turns if t.speaker == "trainee"]
    assert said[-1] == "Who else is involved in the decision?" and len(said) == 2
    # The review covers the whole call: both sittings' turns are counted in it.
    assert "2 open / 0 closed questions" in shown
    ended = callsim("practice", "--resume", path.stem, "--backend", "scripted", stdin="hi\n")
    assert ended.returncode == 2 and "already ended" in ended.stderr


def test_eof_ends_a_piped_call_and_a_refused_resume_names_the_paused_one(
    isolated_home: Path,
) -> None:
    """The end of piped input is the end of the script: the call ends with its review
    (Ctrl-D at a terminal pauses; tests/test_repl.py drives that through prompt-toolkit)."""
    piped = callsim(
        "practice", "--persona", "poodle", "--backend", "scripted", stdin="Who have you admired?\n"
    )
    assert piped.returncode == 0 and "Call over: you ended the call" in piped.stdout
    (ended,) = (isolated_home / "transcripts").glob("*.jsonl")
    assert read_transcript(ended).outcome == Outcome.TRAINEE_ENDED
    proc = callsim(
        "practice", "--persona", "poodle", "--backend", "scripted",
        stdin="Who have you admired?\n/pause\n",
    )  # fmt: skip
    assert proc.returncode == 0 and "Call paused" in proc.stdout
    (paused,) = [p for p in (isolated_home / "transcripts").glob("*.jsonl") if p != ended]
    assert read_transcript(paused).paused
    done = callsim("practice", "--persona", "poodle", "--backend", "scripted", stdin="/end\n")
    assert done.returncode == 0
    refused = callsim("practice", "--resume", "last", "--backend", "scripted")
    assert refused.returncode == 2
    assert f"continue your paused call {paused.stem}" in refused.stderr
