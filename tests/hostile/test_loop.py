"""Items 7, 8 and 9: a length cap, nothing lost to a kill or a full disk, one writer per call."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from simulator.backends.fake import FakeBackend
from simulator.engine.call import MAX_TURN_CHARS, Call, TurnTooLong
from simulator.models import Persona
from simulator.referee import default_referee
from simulator.repl.io import PlainIO
from simulator.repl.session import PracticeSession
from simulator.transcript import CallOpenElsewhere, TranscriptWriter, read_transcript
from tests.conftest import callsim, make_call


def test_an_overlong_turn_gets_a_clear_message_and_the_call_goes_on(
    pit_bull: Persona, tmp_path: Path
) -> None:
    path = tmp_path / "c.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    with pytest.raises(TurnTooLong, match="at most 4,000"):
        call.say("x" * 200_000)
    out = io.StringIO()
    stdin = io.StringIO("word " * 20_000 + "\nWhat matters most to you?\n/end\n")
    PracticeSession(call, PlainIO(stdin=stdin, stdout=out)).run()
    assert "Say it in shorter turns" in out.getvalue()
    said = [t.text for t in read_transcript(path).turns if t.speaker == "trainee"]
    assert said == ["What matters most to you?"]
    assert MAX_TURN_CHARS >= 2000  # a long but real turn still fits


class DiesWhileScoring:
    """A referee killed mid-evaluation, as by kill -9 while a long turn is scored."""

    def evaluate(self, *args: Any, **kwargs: Any) -> Any:
        raise SystemExit("killed")

    read = evaluate  # reading the turn is the first half of scoring it


def test_a_kill_during_scoring_loses_nothing_and_resume_answers(
    pit_bull: Persona, tmp_path: Path
) -> None:
    path = tmp_path / "c.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    list(call.opening())
    call.referee = DiesWhileScoring()  # type: ignore[assignment]
    with pytest.raises(SystemExit):
        call.say("What does a good outcome look like for you?")
    call.close()
    saved = read_transcript(path)
    assert saved.unscored is not None
    assert saved.unscored["text"] == "What does a good outcome look like for you?"
    resumed = Call.resume(
        saved,
        pit_bull,
        FakeBackend(lines=["Fair question."]),
        default_referee(),
        TranscriptWriter(path),
    )
    assert "".join(resumed.reply()) == "Fair question."
    turns = read_transcript(path).turns
    assert [t.speaker for t in turns] == ["persona", "trainee", "persona"]
    assert turns[1].evaluation is not None


def test_a_torn_last_line_does_not_eat_the_next_record(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    list(call.opening())
    call.close()
    with path.open("a") as fh:
        fh.write('{"type":"turn","index":1,"spea')  # a crash or full disk mid-append
    resumed = Call.resume(
        read_transcript(path), pit_bull, FakeBackend(), default_referee(), TranscriptWriter(path)
    )
    resumed.say("What would help most?")
    saved = read_transcript(path)
    assert [t.speaker for t in saved.turns] == ["persona", "trainee"]
    assert len(saved.problems) == 1 and "line 3" in saved.problems[0]


def test_a_full_disk_is_one_line_and_end_retries_the_save(
    pit_bull: Persona, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    real_write = os.write
    disk = {"full": False}

    def write(fd: int, data: Any) -> int:
        if disk["full"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr("simulator.transcript.os.write", write)

    class FreeSpaceOnRetry(io.StringIO):
        def readline(self, *args: Any) -> str:
            line = super().readline(*args)
            if line.startswith("What"):
                disk["full"] = True
            if line.startswith("/end") and self.tell() == len(self.getvalue()):
                disk["full"] = False  # the trainee freed space before the second /end
            return line

    stdin = FreeSpaceOnRetry("What matters most?\nAnd by when?\n/end\n/end\n")
    out = io.StringIO()
    PracticeSession(call, PlainIO(stdin=stdin, stdout=out)).run()
    printed = out.getvalue()
    assert "No space left on device" in printed and "Traceback" not in printed
    assert "Transcript saved" in printed
    saved = read_transcript(path)
    said = [t.text for t in saved.turns if t.speaker == "trainee"]
    assert said == ["What matters most?", "And by when?"] and saved.outcome.value == "trainee_ended"
    assert not saved.problems


def test_a_second_writer_is_refused(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    first = TranscriptWriter(path)
    with pytest.raises(CallOpenElsewhere, match="open elsewhere"):
        TranscriptWriter(path)
    first.close()
    TranscriptWriter(path).close()  # free again once the first lets go


def test_resuming_a_call_open_in_another_process_is_one_clear_line(isolated_home: Path) -> None:
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    header = {
        "type": "header",
        "id": "busy-1",
        "persona": "pit-bull",
        "difficulty": "normal",
        "backend": "scripted",
        "model": "m",
        "seed": 1,
        "started_at": 1.7e9,
    }
    path = folder / "busy-1.jsonl"
    path.write_text(json.dumps(header) + "\n")
    holder = TranscriptWriter(path)
    try:
        proc = callsim("practice", "--resume", "busy-1", "--backend", "scripted", stdin="/end\n")
    finally:
        holder.close()
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "callsim: error: call busy-1 is open elsewhere (another callsim process is writing it); "
        "finish that one first"
    ]


def test_batch_call_ids_are_unique_within_one_millisecond(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.config import load_settings
    from simulator.runner.run import run_scenario
    from simulator.scenarios import load_scenario
    from tests.conftest import ROOT

    monkeypatch.setattr("simulator.runner.run.time.time", lambda: 1.7e9)
    scenario = load_scenario(ROOT / "scenarios" / "pit-bull-good-rep.yaml")
    settings = load_settings(backend="scripted")
    a = run_scenario(scenario, "a", settings, seed=0, repeat=0)
    b = run_scenario(scenario, "b", settings, seed=0, repeat=0)
    assert a.call_id != b.call_id


def test_two_identical_batches_do_not_share_resume_state(isolated_home: Path) -> None:
    import asyncio

    from simulator.config import load_settings
    from simulator.errors import UsageError
    from simulator.locks import exclusive
    from simulator.runner.batch import Batch, run_batch, state_file

    settings = load_settings(backend="scripted")
    state = state_file([Path("x.yaml")], settings, 0, 1)
    with exclusive(state.with_suffix(".lock"), "held"), pytest.raises(UsageError, match="same"):
        asyncio.run(
            run_batch(
                Batch(),
                settings,
                jobs=1,
                repeat=1,
                seed=0,
                state=state,
                resume=False,
                on_done=lambda r: None,
            )
        )
