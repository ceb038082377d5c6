"""The real prompt-toolkit session, driven through pipe input and dummy output."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from simulator.backends import ActorRequest
from simulator.backends.fake import FakeBackend
from simulator.engine.call import Call
from simulator.models import Persona
from simulator.referee import default_referee
from simulator.repl.ptk import PromptToolkitIO, SlashCompleter
from simulator.repl.session import PracticeSession
from simulator.transcript import TranscriptWriter, read_transcript
from simulator.vocabulary import Outcome
from tests.conftest import make_call


def drive(call: Call, keys: str, mode: str = "coached") -> str:
    """Run a whole session on the given keystrokes; return what it printed."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        term = PromptToolkitIO(
            call,
            mode,
            input=pipe,
            output=DummyOutput(),
            console_file=out,
            history=InMemoryHistory(),
        )
        PracticeSession(call, term, mode=mode).run()  # type: ignore[arg-type]
    return out.getvalue()


def test_whole_call_with_hint_rewind_verdict_and_end(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(lines=["Go on.", "Hm. Keep going, then."]), path)
    keys = (
        "/hint\r"
        "Fine, whatever you want, I'll do it for half price.\r"
        "/rewind\r"
        "I hear you, ten minutes is tight.\x1b\rWhat does the dashboard need to fix first?\r"
        "/verdict fit real budget, clear pain\r"
        "/end\r"
    )
    printed = drive(call, keys)
    # This client's lines for his opening, not generic ones; the legend comes with /help.
    assert "empathy:" in printed and "boundary:" in printed and "win-win:" in printed
    assert "dispatch dashboard" in printed.lower()
    saved = read_transcript(path)
    trainee = [t for t in saved.turns if t.speaker == "trainee"]
    assert [t.text for t in trainee] == [
        "I hear you, ten minutes is tight.\nWhat does the dashboard need to fix first?"
    ]
    assert saved.rewinds == 1
    assert saved.verdict is not None and saved.verdict.verdict == "fit"
    assert saved.outcome == Outcome.TRAINEE_ENDED
    assert trainee[0].timing is not None and trainee[0].timing.submit_s is not None
    assert trainee[0].timing.first_key_s is not None
    assert "Call over" in printed and "fit verdict: you said fit" in printed


class InterruptingBackend(FakeBackend):
    """Streams one chunk, then the trainee presses Ctrl-C."""

    def stream_line(self, request: ActorRequest) -> Iterator[str]:
        yield "Listen, I "
        raise KeyboardInterrupt


def test_ctrl_c_mid_stream_keeps_the_turn(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, InterruptingBackend(), path)
    drive(call, "What would make this a win for you?\r\x04")
    saved = read_transcript(path)
    assert [t.speaker for t in saved.turns] == ["persona", "trainee", "persona"]
    assert saved.turns[-1].interrupted
    # Ctrl-D mid-call pauses: saved to continue later, not ended.
    assert saved.outcome == Outcome.CONTINUING and saved.paused


def test_ctrl_c_at_the_prompt_cancels_input_only(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    drive(call, "half a thought\x03What matters most to you?\r\x04")
    trainee = [t.text for t in read_transcript(path).turns if t.speaker == "trainee"]
    assert trainee == ["What matters most to you?"]


def test_pause_then_resume_then_end_through_the_real_prompt(
    pit_bull: Persona, tmp_path: Path
) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(lines=["Dispatch. Next question."]), path)
    printed = drive(call, "What does the dashboard need to fix first?\r/pause\r")
    assert "Call paused after 1 turn of yours" in printed and "Call over" not in printed
    assert "callsim practice --resume test-call" in printed
    state, start = call.state, call.history[0]
    call.close()
    saved = read_transcript(path)
    assert saved.paused and saved.elapsed is not None

    resumed = Call.resume(
        saved,
        pit_bull,
        FakeBackend(lines=["Fair. Go on."]),
        default_referee(),
        TranscriptWriter(path),
    )
    assert resumed.state == state  # trust, patience, interest and facts as they were
    assert resumed.elapsed_before == saved.elapsed
    assert resumed.history == [start]  # so /rewind can reach back across the pause
    printed = drive(resumed, "/rewind\rWhat would make this a win for you?\r/end\r")
    assert "Resuming your call" in printed
    assert "Rex: Dispatch. Next question." in printed  # the client's last line, shown again
    assert "You: What does the dashboard need to fix first?" in printed
    assert "Call over: you ended the call" in printed
    done = read_transcript(path)
    assert done.rewinds == 1
    assert [t.text for t in done.turns if t.speaker == "trainee"] == [
        "What would make this a win for you?"
    ]
    assert done.outcome == Outcome.TRAINEE_ENDED and not done.paused


def test_quit_pauses_mid_call_and_help_says_so(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    printed = drive(make_call(pit_bull, FakeBackend(), path), "/help\r/quit\r")
    assert "/pause" in printed and "--resume last" in printed
    assert "Ctrl-D pauses like /pause" in printed
    assert "Call paused" in printed and read_transcript(path).paused


def test_exam_mode_hides_scores_until_the_end(pit_bull: Persona) -> None:
    call = make_call(pit_bull, FakeBackend())
    printed = drive(call, "/score\r/state\r/hint\r/end\r", mode="exam")
    assert "exam mode: scores are shown at the end" in printed
    assert "exam mode: no hints" in printed and "Call over" in printed


def test_completion_offers_commands_and_verdicts() -> None:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    comp = SlashCompleter()
    names = [c.text for c in comp.get_completions(Document("/ve"), CompleteEvent())]
    assert names == ["/verdict"]
    args = [c.text for c in comp.get_completions(Document("/verdict n"), CompleteEvent())]
    assert args == ["no-fit"]


def test_help_explains_the_toolbar_abbreviations(pit_bull: Persona) -> None:
    printed = drive(make_call(pit_bull, FakeBackend()), "/help\r/end\r")
    assert "tru/pat/int = the client's trust, patience, interest" in printed
    assert "emp/bnd/pac/w-w" in printed


def test_an_agreed_next_step_still_takes_a_closing_line_and_a_verdict(
    pit_bull: Persona, tmp_path: Path
) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    call.state = call.state.model_copy(update={"trust": 95, "interest": 95, "patience": 90})
    keys = (
        "Shall we book thirty minutes on Tuesday to walk through a fixed-price first phase?\r"
        "Great, I'll send the invite for Tuesday at ten. Thanks, Rex.\r"
        "maybe\r"
        "fit clear budget and a real deadline\r"
    )
    printed = drive(call, keys)
    saved = read_transcript(path)
    assert saved.outcome == Outcome.NEXT_STEP
    speakers = [t.speaker for t in saved.turns]
    # opening, the ask, the agreement, the trainee's closing line, the client's goodbye
    assert speakers == ["persona", "trainee", "persona", "trainee", "persona"]
    closing = saved.turns[3]
    assert closing.text.startswith("Great, I'll send the invite")
    assert closing.evaluation is not None  # the closing line is scored like any turn
    assert "Rex agreed a next step" in printed
    assert "verdict: expected one of fit, no-fit, unsure" in printed  # "maybe" is refused
    assert saved.verdict is not None and saved.verdict.verdict == "fit"
    assert "no verdict given" not in printed and "Call over" in printed


def test_after_a_hang_up_rewind_reopens_the_call(pit_bull: Persona, tmp_path: Path) -> None:
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    call.state = call.state.model_copy(update={"patience": 1})
    keys = "Let me tell you all about our award-winning platform first.\r/rewind\r/end\r"
    printed = drive(call, keys)
    assert "Rex hung up" in printed and "rewound" in printed
    saved = read_transcript(path)
    assert saved.rewinds == 1
    assert saved.outcome == Outcome.TRAINEE_ENDED  # reopened, then ended by the trainee
    assert [t.speaker for t in saved.turns] == ["persona"]


def test_goodbyes_on_both_sides_end_the_call_with_a_verdict(
    pit_bull: Persona, tmp_path: Path
) -> None:
    # Live: the client said "Ya sudah, sampai nanti" back and then waited for more; the
    # trainee had to find /verdict and /end themselves.
    path = tmp_path / "call.jsonl"
    call = make_call(pit_bull, FakeBackend(), path)
    keys = (
        "What happens today when a truck runs late?\r"
        "Thanks for your time, Rex. Talk to you next week, bye.\r"
        "no-fit he wants a number before any facts\r"
    )
    printed = drive(call, keys)
    saved = read_transcript(path)
    assert saved.outcome == Outcome.TRAINEE_ENDED
    assert [t.speaker for t in saved.turns][-2:] == ["trainee", "persona"]  # goodbye back
    assert "You said goodbye" in printed
    assert saved.verdict is not None and saved.verdict.verdict == "no-fit"
    assert "Call over" in printed
