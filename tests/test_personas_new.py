"""`callsim personas new`: a trainer's own client, always validated before it is used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.authoring import Answers, build, draft, save
from simulator.authoring_voice import first_person, third_person
from simulator.backends.fake import FakeBackend
from simulator.errors import DataError
from simulator.personas import load_persona
from simulator.transcript import read_transcript
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


# The answers a trainer gives in order: id, title, kind, name, role, company, industry, the
# company in a phrase, wants, style, opening line, then the four hidden facts.
HEAD = (
    "dental-cfo\nThe Cautious CFO\ndifficult\nPriya Shah\nCFO\nBrightSmile Dental\n"
    "dentistry\na family-run group of six dental clinics\n\n\n\n"
)


def test_third_person_facts_are_turned_into_the_clients_voice_and_the_bank_answers(
    isolated_home: Path,
) -> None:
    stdin = HEAD + (
        "She has 15,000 set aside but will open lower.\n\n"  # Enter takes the rewrite
        "They need it live before the summer rush.\n"
        "It has to be live before the summer rush.\n"  # typed instead of the rewrite
        "Priya has to justify every pound to the board; the chair signs over 10,000.\n\n"
        "She loses about one booking a day to double entry.\n\n"
    )
    proc = callsim("personas", "new", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert "reads as someone describing the client" in proc.stdout
    assert "names the client (Priya)" in proc.stdout
    path = isolated_home / "personas" / "dental-cfo.yaml"
    assert callsim("personas", "validate", str(path)).returncode == 0
    persona = load_persona(path)
    facts = {f.kind: f for f in persona.hidden_facts}
    assert facts["budget"].reveal_line == "I have 15,000 set aside but will open lower."
    assert facts["deadline"].reveal_line == "It has to be live before the summer rush."
    assert facts["decision"].reveal_line.startswith("I have to justify every pound to the board")
    assert facts["pain"].reveal_line == "I lose about one booking a day to double entry."
    for fact in persona.hidden_facts:
        assert not third_person(fact.reveal_line, persona.identity.name), fact.reveal_line
    # A starter bank that answers the usual discovery questions, keyed like shipped ones.
    for topic in ("business", "today", "past", "success", "team", "worry"):
        entries = persona.lines.topics[topic]  # type: ignore[index]
        assert entries and all(e.after and len(e.asks) == 3 for e in entries)
    assert set(persona.lines.deflect) == {"budget", "deadline", "decision", "pain"}

    call = callsim(
        "practice", "--persona", "dental-cfo", "--backend", "scripted", "--seed", "1",
        stdin="What's your budget?\nWho else is involved in the decision?\n"
        "What are you using at the moment?\n/end\n",
    )  # fmt: skip
    assert call.returncode == 0, call.stderr
    (saved,) = (isolated_home / "transcripts").glob("*.jsonl")
    replies = [t for t in read_transcript(saved).turns if t.speaker == "persona"][1:]
    unplaced = {e.say for e in persona.lines.unplaced}
    for reply, kind in zip(replies, ("budget", "decision"), strict=False):
        on_topic = {facts[kind].reveal_line, *persona.lines.deflect[kind]}
        assert reply.text in on_topic and not reply.fallback and reply.text not in unplaced
    assert replies[2].text == persona.lines.topics["today"][0].say  # type: ignore[index]


def test_a_rejected_answer_alone_is_asked_again(isolated_home: Path) -> None:
    # The answer on today's setup gives the budget's figure away: only it is asked again.
    stdin = HEAD + "We can stretch to 15,000.\n\n\n\nWe spend 15,000 a year on forms.\n"
    stdin += "\n" * 9 + "We spend a fortune on paper forms.\n"
    proc = callsim("personas", "new", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert "today: gives away hidden fact 'budget' ('15,000')" in proc.stdout
    assert "1 answer(s) to change" in proc.stdout
    persona = load_persona(isolated_home / "personas" / "dental-cfo.yaml")
    assert persona.lines.topics["today"][0].say == "We spend a fortune on paper forms."  # type: ignore[index]
    assert persona.fact("budget").reveal_line == "We can stretch to 15,000."


def test_third_person_is_caught_and_rewritten() -> None:
    name = "Priya Shah"
    assert third_person("She has to justify it to her director.", name)
    assert third_person("They have 20,000 set aside.", name)
    assert third_person("Priya signs anything over 10,000.", name)
    assert not third_person("I report to the CFO. She signs anything over 10,000.", name)
    assert not third_person("The finance director signs anything over 10,000.", name)
    assert first_person("She has to justify it to her director.", name) == (
        "I have to justify it to my director."
    )
    assert first_person("He always needs three quotes.") == "I always need three quotes."
    assert first_person("She's been burned before.") == "I've been burned before."
    assert first_person("They want it live by June.") == "We want it live by June."
    assert first_person("Priya's boss signs it.", name) == "My boss signs it."
    # The full name is one person ("I Me has" was the rewrite), and mid-sentence it is "me".
    assert first_person("Priya Shah has a budget of 5000.", name) == "I have a budget of 5000."
    assert first_person("The board trusts Priya Shah.", name) == "The board trusts me."
    assert first_person("Priya Shah's team is small.", name) == "My team is small."
