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
