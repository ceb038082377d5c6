"""Items 2, 3 and 10: nothing printed carries escape codes, markup never crashes, the toolbar
never locks up."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from simulator.backends.fake import FakeBackend
from simulator.display import printable
from simulator.models import Persona
from simulator.repl.io import PlainIO
from simulator.repl.ptk import PromptToolkitIO
from simulator.repl.session import PracticeSession
from simulator.transcript import read_transcript
from tests.conftest import callsim, make_call
from tests.hostile.server import NASTY, Hostile

ESCAPES = ("\x1b", "\x07", "\x9b")


def clean(text: str) -> bool:
    return not any(e in text for e in ESCAPES)


def test_printable_strips_whole_sequences_and_keeps_words() -> None:
    assert printable("a\x1b]0;title\x07b\x1b[2Jc\x9b31md\u202ee") == "abcde"
    assert printable("line one\nline two\ttab") == "line one\nline two\ttab"


def test_plain_session_survives_markup_and_escapes_and_saves_them_faithfully(
    pit_bull: Persona, tmp_path: Path
) -> None:
    path = tmp_path / "c.jsonl"
    call = make_call(pit_bull, FakeBackend(lines=[NASTY, "Fine [/] then."]), path)
    said = f"I hear you {NASTY} what matters most?"
    stdin = io.StringIO(f"{said}\n/[/x]\n/verdict fit [/bold] \x1b[2J\nWhat next?\n/end\n")
    out = io.StringIO()
    PracticeSession(call, PlainIO(stdin=stdin, stdout=out)).run()
    printed = out.getvalue()
    assert clean(printed)
    assert "unknown command /[/x]" in printed  # shown literally, not parsed as markup
    saved = read_transcript(path)
    assert said in [t.text for t in saved.turns]  # the file keeps exactly what was typed
    assert saved.verdict is not None and "\x1b[2J" in saved.verdict.reason


def test_toolbar_with_ampersands_and_angle_brackets_does_not_lock_up(
    pit_bull: Persona, tmp_path: Path
) -> None:
    odd = pit_bull.model_copy(update={"title": "R&D <Lead> [/bold]"})
    call = make_call(odd, FakeBackend(), tmp_path / "c.jsonl")
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("What matters most to you?\r/end\r")
        term = PromptToolkitIO(
            call,
            "coached",
            input=pipe,
            output=DummyOutput(),
            console_file=out,
            history=InMemoryHistory(),
        )
        fragments = term.toolbar()
        PracticeSession(call, term).run()  # type: ignore[arg-type]
    assert ("bold", "R&D <Lead> [/bold]") in fragments
    assert "Call over" in out.getvalue() and clean(out.getvalue())


@pytest.fixture
def nasty_call(isolated_home: Path) -> str:
    """A saved call whose id, scenario, turns and judge review all carry markup and escapes."""
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    header = {
        "type": "header",
        "id": "nasty-1",
        "persona": "pit-bull",
        "difficulty": "normal",
        "backend": "fake",
        "model": "m[/]\x1b]0;x\x07",
        "seed": 1,
        "started_at": 1.7e9,
        "scenario": "sc[/bold]\x1b[2J",
    }
    turn = {
        "type": "turn",
        "index": 0,
        "speaker": "persona",
        "text": NASTY,
        "started_at": 1.7e9,
        "ended_at": 1.7e9,
    }
    trainee = dict(turn, index=1, speaker="trainee", text=f"You {NASTY}")
    review = {
        "type": "review",
        "source": "judge",
        "skills": {"empathy": 50},
        "reasoning": {"empathy": NASTY},
        "moments": [{"you_said": "You", "try_instead": NASTY, "why": "[/]"}],
    }
    lines = [header, turn, trainee, review]
    (folder / "nasty-1.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    # A second attempt at the same call, for compare (a call compared with itself is refused).
    second = [dict(header, id="nasty-2"), turn, trainee, review]
    (folder / "nasty-2.jsonl").write_text("\n".join(json.dumps(r) for r in second) + "\n")
    return "nasty-1"


@pytest.mark.parametrize(
    "command",
    [("review", "nasty-1"), ("history",), ("compare", "nasty-1", "nasty-2"), ("score", "nasty-1")],
)
def test_review_commands_print_no_escape_codes_and_never_crash(
    nasty_call: str, command: tuple[str, ...]
) -> None:
    proc = callsim(*command)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert clean(proc.stdout) and clean(proc.stderr)


def test_resume_recap_prints_no_escape_codes(nasty_call: str) -> None:
    proc = callsim("practice", "--resume", "nasty-1", "--backend", "scripted", stdin="/end\n")
    assert proc.returncode == 0, proc.stderr
    assert clean(proc.stdout) and "Rex:" in proc.stdout


def test_a_persona_line_from_a_server_is_shown_clean(
    hostile: Hostile, pit_bull: Persona, tmp_path: Path
) -> None:
    from simulator.backends.openai_chat import OpenAIBackend
    from simulator.config import load_settings

    hostile.mode = "nasty"
    b = OpenAIBackend(load_settings(backend="openai", base_url=hostile.url, timeout_s=5))
    call = make_call(pit_bull, b, tmp_path / "c.jsonl")
    out = io.StringIO()
    stdin = io.StringIO("What matters most?\n/end\n")
    PracticeSession(call, PlainIO(stdin=stdin, stdout=out)).run()
    assert clean(out.getvalue())
