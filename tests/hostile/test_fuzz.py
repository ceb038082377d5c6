"""Fuzz: odd trainee text, persona/scenario YAML and transcript lines never raise a traceback,
never hang, and never lose a turn."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.backends.fake import FakeBackend
from simulator.engine.call import MAX_TURN_CHARS
from simulator.errors import CallsimError
from simulator.loading import load_model
from simulator.models import Persona
from simulator.personas import get_persona
from simulator.repl.io import PlainIO
from simulator.repl.session import PracticeSession
from simulator.scenarios import Scenario
from simulator.transcript import read_transcript
from tests.conftest import make_call

FAST = settings(
    max_examples=40,
    deadline=3000,  # ms per example: "no hang over a few seconds"
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Markup, escapes, bidi, surrogate-free unicode, and long runs the referee must survive.
NASTY_PARTS = st.sampled_from(
    [
        "[/]",
        "[/bold]",
        "[bold]",
        "\x1b]0;t\x07",
        "\x1b[2J",
        "\x9b",
        "\u202e",
        "<script>",
        "&",
        "\\",
        "/",
        "?",
        "!",
        "...",
        "\n",
        "\t",
        "a" * 300,
        "? " * 200,
        "\u2028",
        "\x85",
        "\x1c",
        "I hear you. ",
        "because ",
        "we ",
    ]
)
TEXT = st.lists(st.one_of(NASTY_PARTS, st.text(max_size=40)), max_size=12).map("".join)
PIT_BULL = get_persona("pit-bull")


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Load the encoder, readers and bank once, outside the per-example deadline."""
    call = make_call(PIT_BULL, FakeBackend(), tmp_path_factory.mktemp("warm") / "c.jsonl")
    stdin = io.StringIO("What matters most to you here?\n/end\n")
    PracticeSession(call, PlainIO(stdin=stdin, stdout=io.StringIO())).run()


@FAST
@given(said=st.lists(TEXT, min_size=1, max_size=3))
def test_trainee_text_never_crashes_and_no_turn_is_lost(
    said: list[str], tmp_path_factory, warm
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "c.jsonl"
    call = make_call(PIT_BULL, FakeBackend(), path)
    lines = [" ".join(s.replace("\r", " ").split()) for s in said]
    stdin = io.StringIO("".join(f"{line}\n" for line in lines) + "/end\n")
    out = io.StringIO()
    PracticeSession(call, PlainIO(stdin=stdin, stdout=out)).run()
    kept = [x for x in lines if x and not x.startswith("/") and len(x) <= MAX_TURN_CHARS]
    saved = read_transcript(path)
    saved_said = [t.text for t in saved.turns if t.speaker == "trainee"]
    assert saved_said == kept[: len(saved_said)]
    if len(saved_said) < len(kept):  # only the client ending the call stops the turns
        assert saved.outcome.value in ("hung_up", "next_step_agreed")
    assert not saved.problems
    assert "\x1b" not in out.getvalue()


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=20,
)


@FAST
@given(doc=st.one_of(TEXT, YAML_VALUES.map(json.dumps)), model=st.sampled_from([Persona, Scenario]))
def test_any_yaml_is_loaded_or_refused_in_clear_lines(
    doc: str, model: type, tmp_path_factory
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("yaml") / "x.yaml"
    path.write_text(doc, encoding="utf-8", errors="surrogatepass")
    try:
        load_model(path, model)
    except CallsimError as exc:
        assert str(exc).strip()
        assert all(line.startswith(str(path)) for line in str(exc).splitlines())


RECORD = st.one_of(
    st.dictionaries(TEXT, YAML_VALUES, max_size=5).map(json.dumps),
    st.builds(
        lambda kind, extra: json.dumps({"type": kind, **extra}),
        st.sampled_from(["turn", "said", "rewind", "verdict", "end", "review", "pause", "x"]),
        st.dictionaries(
            st.sampled_from(
                [
                    "index",
                    "speaker",
                    "text",
                    "keep",
                    "outcome",
                    "at",
                    "verdict",
                    "started_at",
                    "ended_at",
                    "source",
                    "skills",
                ]
            ),
            YAML_VALUES,
            max_size=6,
        ),
    ),
    TEXT,
)


@FAST
@given(records=st.lists(RECORD, max_size=6))
def test_any_transcript_line_is_read_or_reported(records: list[str], tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    from simulator.review.html import report_html
    from simulator.review.markdown import report_md
    from simulator.review.view import load_view

    path = tmp_path_factory.mktemp("tr") / "c.jsonl"
    header = {
        "type": "header",
        "id": "f",
        "persona": "pit-bull",
        "difficulty": "normal",
        "backend": "fake",
        "model": "m",
        "seed": 1,
        "started_at": 1.7e9,
    }
    lines = [json.dumps(header), *(r.replace("\n", " ") for r in records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    tr = read_transcript(path)
    assert len(tr.problems) <= len(records)
    view = load_view(str(path))
    report_html(view)
    report_md(view)


def test_fuzz_helpers_see_real_files(tmp_path: Path) -> None:
    """The strategies above write real files the loaders accept when valid."""
    from tests.conftest import ROOT

    assert load_model(ROOT / "personas" / "pit-bull.yaml", Persona).id == "pit-bull"
