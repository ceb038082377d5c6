"""What a question asks about: the referee reads its topic; the client answers that topic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.backends.scripted import ScriptedBackend
from simulator.errors import DataError
from simulator.models import Persona
from simulator.personas import get_persona, persona_paths
from simulator.referee import topics
from simulator.referee.features import analyse, asked_topics, fact_targets, main_topic
from simulator.vocabulary import Outcome, Topic
from tests.conftest import make_call

DATA = Path(__file__).parent / "data"
# Topics every persona answers in its own words; the rest may be hidden facts instead.
EVERY_PERSONA = [t for t in Topic if t not in (Topic.BUDGET, Topic.DEADLINE, Topic.DECISION)]


def _read(text: str) -> Topic | None:
    return main_topic(asked_topics(analyse(text, [])))


def _accuracy(name: str) -> tuple[float, float]:
    """(share read right, share given a wrong topic)."""
    rows = [json.loads(x) for x in (DATA / name).read_text().splitlines()]
    right = wrong = 0
    for row in rows:
        got = _read(row["text"])
        label = got.value if got else "none"
        # "other" is a real question on no topic: like "none", the referee gives it none.
        want = "none" if row["topic"] in topics.NO_TOPIC else row["topic"]
        right += label == want
        wrong += label not in (want, "none")
    return right / len(rows), wrong / len(rows)


def test_the_referee_reads_question_topics_it_was_not_trained_on() -> None:
    # Written blind to the reader; the holdout file never chose a setting (bench/train_topics.py).
    # 17 topics and off-topic questions since the users/team/support/setup round: dev 0.92,
    # holdout 0.91, wrong topics 4-7%.
    dev, _ = _accuracy("topic_questions_dev.jsonl")
    holdout, wrong = _accuracy("topic_questions_holdout.jsonl")
    assert dev >= 0.88
    assert holdout >= 0.85
    # A wrong topic makes the client answer what nobody asked: rarer than no topic at all.
    assert wrong <= 0.08


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How did you come across us?", Topic.ORIGIN),
        ("What happens today when a delivery goes wrong?", Topic.PROBLEM),
        ("Is there a date driving this?", Topic.DEADLINE),
        ("Who else would weigh in on a decision like this?", Topic.DECISION),
        ("Does that make sense?", None),
        # The plain way to ask each topic (a low-L2 reader once read this as business).
        ("What's your budget for this?", Topic.BUDGET),
        ("What's the deadline?", Topic.DEADLINE),
        ("How did you hear about us?", Topic.ORIGIN),
        ("Who would use it?", Topic.USERS),
        ("Do you have a website?", Topic.SETUP),
        ("Who will maintain it after launch?", Topic.SUPPORT),
        ("Who on your team would work with us?", Topic.TEAM),
        ("What's the biggest problem?", Topic.PROBLEM),
        ("What would success look like?", Topic.SUCCESS),
        ("What worries you about this?", Topic.WORRY),
        ("What have you tried before?", Topic.PAST),
        ("What do you need it to do?", Topic.NEEDS),
        ("What do you look for in a developer?", Topic.CRITERIA),
        ("What does your company do?", Topic.BUSINESS),
        ("Do you keep any pets at the office?", None),
    ],
)
def test_plain_questions_get_their_topic(question: str, topic: Topic | None) -> None:
    assert _read(question) == topic


def test_a_question_without_its_question_mark_still_has_a_topic() -> None:
    assert _read("ok so any deadline we should know about") == Topic.DEADLINE
    assert _read("Fine, whatever it takes to get you on board.") is None


def test_facts_are_asked_for_by_topic_not_by_a_stray_word(pit_bull: Persona) -> None:
    basset = get_persona("basset-hound")

    def targets(persona: Persona, text: str) -> list[str]:
        return fact_targets(persona, asked_topics(analyse(text, [])))

    # "when" is one of the deadline's words, but this asks what goes wrong.
    assert "deadline" not in targets(pit_bull, "What happens today when it goes wrong?")
    assert targets(pit_bull, "Is there a date driving this?") == ["deadline"]
    # "who" is one of the incumbent's words, but this asks who decides.
    assert targets(basset, "Who does this decision ultimately sit with?") == ["decision"]


def test_a_broken_cue_file_is_one_line_naming_the_topic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "topics.yaml"
    body = {t.value: {"strong": ["ok"], "examples": ["Why?"]} for t in Topic}
    body["origin"]["strong"] = ["how did (you"]
    bad.write_text(json.dumps(body))
    monkeypatch.setattr(topics, "_path", lambda: bad)
    topics.cues.cache_clear()
    try:
        with pytest.raises(DataError, match=r"topics\.yaml: origin\.strong\[0\]: not a regular"):
            topics.cues()
    finally:
        topics.cues.cache_clear()


@pytest.mark.parametrize("pid", sorted(persona_paths()))
def test_every_persona_answers_every_topic_in_public_form(pid: str) -> None:
    persona = get_persona(pid)
    asked = {t for f in persona.hidden_facts for t in f.asked_topics()}
    for topic in Topic:
        lines = persona.lines.topics.get(topic, [])
        if topic in EVERY_PERSONA or topic not in asked:
            assert len(lines) >= 3, f"{pid}: lines.topics.{topic} needs 3 answers"
        assert len({e.say for e in lines}) == len(lines), f"{pid} {topic}: a line twice"
        for entry in lines:
            assert entry.after, f"{pid} {topic}: {entry.say!r} needs the question it answers"


@pytest.mark.parametrize("pid", sorted(persona_paths()))
def test_the_client_answers_the_topic_asked_about(pid: str) -> None:
    persona = get_persona(pid)
    facts = {t: f for f in persona.hidden_facts for t in f.asked_topics()}
    answered = 0
    for topic, lines in persona.lines.topics.items():
        call = make_call(persona, ScriptedBackend(), seed=5)
        list(call.opening())
        question = lines[0].after or ""
        if _read(question) != topic:
            continue  # the reader misses this phrasing: tested by the accuracy floors above
        call.say(question)
        said = "".join(call.reply())
        fact = facts.get(topic)
        allowed = {e.say for e in lines}
        if fact is not None:
            allowed |= set(persona.lines.deflect.get(fact.id, [])) | {fact.reveal_line}
        assert said in allowed, f"{pid}: asked {question!r} ({topic}), got {said!r}"
        assert call.outcome == Outcome.CONTINUING
        answered += 1
    assert answered >= 8, pid


def test_a_fact_without_topics_is_still_asked_for_by_its_words() -> None:
    # A user's persona from before topics: its dealbreaker names no topics.
    persona = get_persona("golden-retriever")
    facts = [
        f.model_copy(update={"topics": []}) if f.kind == "dealbreaker" else f
        for f in persona.hidden_facts
    ]
    older = persona.model_copy(update={"hidden_facts": facts})
    fact = next(f for f in facts if f.kind == "dealbreaker")
    asked = asked_topics(analyse("What's holding you back, honestly?", []))
    assert fact.id in fact_targets(older, asked)
