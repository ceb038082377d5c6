"""Which language a turn reads as decides which skill model scores it."""

from __future__ import annotations

import pytest

from simulator.referee.language import reads_as


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I can't lower the price, but we could start with a smaller first phase.", "en"),
        ("Saya nggak bisa turun harga, tapi kita bisa mulai dari fase pertama.", "id"),
        ("siap kak, revisi unlimited aja gpp", "id"),
        ("budgetnya berapa kak? biar sy bisa kasih opsi yg pas", "id"),
        ("Untuk deadline-nya, which is minggu depan, saya perlu brief final dulu ya Bu.", "id"),
        ("ok", "en"),
        ("", "en"),
    ],
)
def test_a_turn_reads_as_its_language(text: str, lang: str) -> None:
    assert reads_as(text) == lang


@pytest.mark.parametrize(("lang", "told"), [("en", False), ("id", True)])
def test_a_capable_model_is_told_to_speak_the_client_s_language(lang: str, told: bool) -> None:
    from simulator.backends import ActorRequest
    from simulator.backends.prompting import chat_messages
    from simulator.personas import get_persona
    from simulator.vocabulary import Beat, Difficulty

    persona = get_persona("pit-bull", lang)
    request = ActorRequest(persona, Difficulty.NORMAL, Beat.PROBING, "answer", "", "Ya.")
    system = chat_messages(request)[0].content
    assert ("Bahasa Indonesia" in system) is told
