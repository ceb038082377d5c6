"""Every Indonesian client's call, its review and its report read in Indonesian throughout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.personas import persona_paths
from tests.conftest import callsim
from tests.english_left import english_left

# A trainee who asks, holds a limit, offers a trade, checks the state and gives a verdict:
# enough to reach the review's moments, reasons, try-instead lines and the report's charts.
TRAINEE = (
    "Selamat siang, terima kasih waktunya. Boleh cerita dulu, apa yang paling bikin repot sekarang?\n"
    "Oke, siap, semua bisa saya kerjakan, gratis juga nggak apa-apa.\n"
    "Maaf, saya ralat: tambahan di luar scope ada biayanya. Siapa yang nanti memutuskan?\n"
    "Kalau DP 50% masuk minggu ini, jadwalnya bisa saya majukan.\n"
    "/state\n/score\n/verdict unsure belum jelas anggarannya\n/end\n"
)


@pytest.mark.parametrize("persona", sorted(persona_paths("id")))
def test_an_indonesian_call_review_and_report_have_no_english_left(
    persona: str, isolated_home: Path, tmp_path: Path
) -> None:
    call = callsim(
        "practice", "--lang", "id", "--backend", "scripted", "--plain", "--persona", persona,
        "--seed", "5", stdin=TRAINEE,
    )  # fmt: skip
    assert call.returncode == 0, call.stderr
    review = callsim("review", "last")
    assert review.returncode == 0, review.stderr
    page = tmp_path / "call.html"
    assert callsim("report", "last", "--html", str(page)).returncode == 0
    # The page's text, not its markup (class names and scripts are code, not words).
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    for screen in (call.stdout, review.stdout, text):
        assert not english_left(screen), english_left(screen)
