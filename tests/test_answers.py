"""Which authored line answers the trainee, and which hidden fact a question asks for."""

from __future__ import annotations

import pytest

from simulator.engine.director import Director
from simulator.engine.listening import hear
from simulator.engine.selection import PREFERENCE
from simulator.models import PersonaState
from simulator.personas import get_persona
from simulator.referee import ContextTurn, default_referee, labelled
from simulator.vocabulary import Beat

NEUTRAL = PersonaState(trust=50, patience=70, interest=50)


def _reply(pid: str, text: str, lang: str = "en", before: str = "") -> tuple[str, str, object]:
    """The line the client picks for a turn at a neutral mood, why, and what it heard."""
    persona = get_persona(pid, lang)
    referee = default_referee()
    context = [ContextTurn("partner", before or persona.opening_line)]
    reading = referee.read(text, context)
    ev = referee.evaluate(text, context, persona=persona, reading=reading)
    heard = hear(text, context, ev, persona, [], reading)
    director = Director(persona, 1)
    choice = director.bank.choose(
        Beat.PROBING, heard, NEUTRAL, director.difficulty, director.fresh, director.rng
    )
    assert choice is not None
    return choice.text, choice.why, heard


def test_two_questions_on_two_subjects_get_both_answers_in_the_order_asked() -> None:
    text, why, _ = _reply(
        "pit-bull", "How many trucks do you run? And what do the drivers use today to report?"
    )
    assert why == "answers both questions"
    lowered = text.lower()
    # The fleet's size first, then how drivers report today.
    assert "hundred and forty" in lowered and "drivers" in lowered
    assert lowered.index("hundred and forty") < lowered.index("drivers")


def test_a_question_typed_without_its_mark_after_a_marked_one_is_answered() -> None:
    # Live round 21: "tiny how tiny? whats on the list" got "Is it a big deal?".
    text, why, heard = _reply(
        "scope-creeper",
        "hey sam. tiny how tiny? whats on the list",
        before="So, great news, we're nearly aligned! Just a couple of tiny additions to the scope.",
    )
    assert heard.question == "whats on the list"  # type: ignore[attr-defined]
    assert why in PREFERENCE[:5] and "chat" in text.lower()


def test_a_plain_question_is_not_read_as_asking_for_a_fact_it_does_not_name() -> None:
    # Live round 20b: a question about screens read as "who else is pitching" (the topic
    # reader heard "criteria"), and the client answered "Siapa lagi? Haha, emang penting?".
    _, _, heard = _reply(
        "free-work-seeker",
        "Berapa layar yg penting utk pitch? Kl 3 layar inti, sy bisa kasih harga khusus "
        "startup, sekitar 3 jt. Gmn?",
        lang="id",
    )
    assert heard.unearned_fact != "others"  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_labelled_question_names_a_shipped_line_or_fact(lang: str) -> None:
    from simulator.personas import persona_paths

    for pid in persona_paths(lang):
        persona = get_persona(pid, lang)
        says = set(persona.lines.texts().values())
        for line in labelled.line_questions(lang, pid):
            assert line is None or line in says, (pid, line)
        facts = {f.id for f in persona.hidden_facts}
        assert set(labelled.fact_questions(lang, pid)) <= facts, pid
