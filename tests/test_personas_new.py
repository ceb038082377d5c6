"""`callsim personas new`: a trainer's own client, always validated before it is used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.authoring import Answers, build, draft, save
from simulator.backends.fake import FakeBackend
from simulator.errors import DataError
from simulator.personas import load_persona
from tests.conftest import callsim


def test_prompts_with_defaults_write_a_persona_that_validates_and_plays(
    isolated_home: Path,
) -> None:
    answers = "dental-cfo\nThe Cautious CFO\ngood-fit\nPriya Shah\nCFO\nBrightSmile Dental\n"
    proc = callsim("personas", "new", stdin=answers)  # the rest: Enter / end of input
    assert proc.returncode == 0, proc.stderr
    path = isolated_home / "personas" / "dental-cfo.yaml"
    persona = load_persona(path)
    assert (persona.identity.name, persona.category, persona.title) == (
        "Priya Shah",
        "good-fit",
        "The Cautious CFO",
    )
    assert {f.kind for f in persona.hidden_facts} >= {"budget", "deadline", "decision", "pain"}
    assert callsim("personas", "validate", str(path)).returncode == 0
    assert "dental-cfo" in callsim("personas", "list").stdout
    call = callsim(
        "practice", "--persona", "dental-cfo", "--backend", "scripted", "--seed", "1",
        stdin="What's prompting this right now?\n/end\n",
    )  # fmt: skip
    assert call.returncode == 0 and "Priya" in call.stdout
    again = callsim("personas", "new", stdin="dental-cfo\n")
    assert again.returncode == 3 and "already exists" in again.stderr


def test_a_line_that_leaks_a_hidden_fact_is_kept_as_a_draft_not_a_persona(
    isolated_home: Path,
) -> None:
    stdin = "leaky\n" + "\n" * 9 + "We have 20,000 to spend, so impress me.\n"
    proc = callsim("personas", "new", stdin=stdin)
    assert proc.returncode == 3
    assert "opening_line: gives away hidden fact 'budget'" in proc.stderr
    folder = isolated_home / "personas"
    assert not (folder / "leaky.yaml").exists() and (folder / "leaky.yaml.draft").exists()
    assert "leaky" not in callsim("personas", "list").stdout


def test_bad_answer_is_asked_again(isolated_home: Path) -> None:
    proc = callsim("personas", "new", stdin="Not A Slug!\nok-id\n\nmonster\n")
    assert proc.returncode == 0 and "try again" in proc.stdout
    assert load_persona(isolated_home / "personas" / "ok-id.yaml").category == "difficult"


def test_from_a_description_needs_a_capable_backend(isolated_home: Path) -> None:
    proc = callsim("personas", "new", "--from", "a CFO", "--backend", "scripted")
    assert proc.returncode == 2 and "--from: needs a capable model" in proc.stderr


def test_drafted_persona_is_validated_with_one_re_ask(tmp_path: Path) -> None:
    fake = FakeBackend()
    good = Answers(id="hotel-gm", name="Marco Ricci", role="General Manager").model_dump()
    fake.completions = ['{"id": "Hotel GM!"}', json.dumps(good)]
    answers = draft("A hotel GM who wants a booking site cheaply", fake.complete)
    assert answers.id == "hotel-gm" and len(fake.prompts) == 2
    assert "did not validate" in fake.prompts[1][-1].content
    path = save(build(answers), tmp_path / "hotel-gm.yaml")
    assert load_persona(path).identity.name == "Marco Ricci"
    fake.completions = ["not json", "still not json"]
    with pytest.raises(DataError, match="did not validate twice"):
        draft("x", fake.complete)
