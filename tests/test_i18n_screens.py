"""Bahasa Indonesia beyond the call: batch runs, scores, the cohort, archives and comparisons
hold no English from the catalogue in an Indonesian session, and English stays as it was."""

from __future__ import annotations

import json
import re
import tarfile
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, callsim
from tests.english_left import english_left
from tests.test_cohort import hold as cohort_hold

pytest.importorskip("babel.messages.pofile")

SCENARIOS = ROOT / "scenarios" / "id"
# A trainee doing well, and one caving in, in Indonesian.
GOOD = [
    "Boleh saya tanya dulu, apa masalah terbesar tim dispatch Bapak saat ini?",
    "Saya tidak bisa kasih diskon, tapi kalau DP dibayar minggu ini deadline bisa dipercepat.",
    "Bagaimana kalau Kamis kita telepon lagi untuk membahas rencananya bersama?",
    "Dashboard-nya harus sudah jalan paling lambat kapan, Pak?",
]
POOR = [
    "Ya sudah, Pak, saya turunkan lagi, biaya support-nya juga gratis deh.",
    "Ambil atau tidak, itu penawaran terakhir saya.",
    "Izin perkenalkan dulu ya, Pak, platform kami yang terbaik di industrinya.",
]


def flat(out: str) -> str:
    """A screen with its table rules gone and its spaces collapsed: a cell's text that a
    table folded over two lines reads as one again (the last column's, at least)."""
    return " ".join(re.sub(r"[│┃┡┩━─┏┓┗┛┳┻╇╈┼┬┴├┤└┘┌┐]", " ", out).split())


def indonesian(out: str) -> None:
    """No English piece of the catalogue is left in OUT (its tables read flat too)."""
    left = english_left(out) + english_left(flat(out))
    assert not left, f"English left in an Indonesian screen: {left}\n{out}"


def hold(call_id: str, lines: list[str], trainee: str | None, when: float) -> Path:
    """An Indonesian practice call with the Pit Bull, saved under CALLSIM_HOME."""
    return cohort_hold(call_id, lines, trainee, when, lang="id")


@pytest.fixture
def calls(isolated_home: Path) -> list[str]:
    """Two trainees' Indonesian practice calls, oldest first."""
    start = time.time() - 5 * 86400
    made = [("ana-1", POOR, "Ana"), ("ana-2", GOOD, "Ana"), ("ben-1", GOOD, "Ben")]
    for n, (cid, lines, who) in enumerate(made):
        hold(cid, lines, who, start + n * 3600)
    return [cid for cid, _lines, _who in made]


def test_run_and_its_calibration_are_indonesian(tmp_path: Path) -> None:
    missed = tmp_path / "pit-bull-missed.yaml"
    text = (SCENARIOS / "pit-bull-good-rep.yaml").read_text(encoding="utf-8")
    text = text.replace("id: pit-bull-good-rep", "id: pit-bull-missed").replace("pair: ", "# ")
    text = text.replace("outcome: [next_step_agreed, trainee_ended]", "outcome: [hung_up]")
    # Whatever the calibrated range is, a boundary of 0-1 fails the good rep.
    missed.write_text(
        re.sub(r"boundary: \[\d+, \d+\]", "boundary: [0, 1]", text, count=1), encoding="utf-8"
    )
    report = tmp_path / "r.json"
    junit = tmp_path / "r.xml"
    run = callsim(
        "run", str(SCENARIOS / "pit-bull-good-rep.yaml"), str(SCENARIOS / "pit-bull-bad-rep.yaml"),
        str(missed), "--lang", "id", "--backend", "scripted", "--json", str(report),
        "--junit", str(junit),
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    out = flat(run.stdout + run.stderr)
    indonesian(run.stdout + run.stderr)
    for words in ("Hasil skenario", "lulus/gagal", "GAGAL", "2 lulus, 1 gagal", "diakhiri peserta"):
        assert words in out, words
    assert "hasil diakhiri peserta, seharusnya menutup telepon" in out
    assert "batasan " in out and "seharusnya 0-1" in out
    # What CI reads stays as it is in any language.
    data = json.loads(report.read_text(encoding="utf-8"))
    failures = [f for r in data["results"] for f in r["failures"]]
    assert "outcome trainee_ended, expected hung_up" in failures
    assert "expected hung_up" in junit.read_text(encoding="utf-8")

    calibrate = callsim(
        "run", str(SCENARIOS / "pit-bull-good-rep.yaml"), str(SCENARIOS / "pit-bull-bad-rep.yaml"),
        "--calibrate", "2", "--lang", "id", "--backend", "scripted",
    )  # fmt: skip
    assert calibrate.returncode == 0, calibrate.stderr
    out = calibrate.stdout + calibrate.stderr
    # The suggested `expect:` block is YAML to paste into a scenario: its keys stay as they are.
    indonesian("\n".join(line for line in out.splitlines() if line.startswith("#")))
    assert "2 run, 0 tidak memenuhi ekspektasi" in out and "rata-rata" in out
    assert "expect:  # saran untuk pit-bull-good-rep" in out  # the YAML to paste keeps its keys
    assert "  outcome: [" in out and "# pasangan pit-bull-good-rep vs pit-bull-bad-rep" in out
    bad = callsim("run", "--repeat", "0", "--lang", "id", "--backend", "scripted")
    assert bad.returncode == 2 and "harus bilangan bulat dari 1 sampai" in bad.stderr


def test_english_runs_read_as_they_always_did(tmp_path: Path) -> None:
    run = callsim("run", "pit-bull-good-rep", "--backend", "scripted", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "Scenario results" in run.stdout and "1 passed, 0 failed" in run.stdout
    assert " pass " in run.stdout and "next_step_agreed" in run.stdout


def test_score_and_score_items_are_indonesian(
    calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    score = callsim("score", "ana-2")
    assert score.returncode == 0, score.stderr
    indonesian(score.stdout + score.stderr)
    assert "Dinilai: " in score.stdout and "keseluruhan" in score.stdout
    items = tmp_path / "items.jsonl"
    lines = [
        json.dumps({"item_id": "a", "text": GOOD[0], "context": []}),
        json.dumps({"item_id": 1, "text": "x"}),
        "{not json",
        json.dumps({"item_id": "b", "text": "x", "context": [{"speaker": "ME", "text": "y"}]}),
    ]
    items.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scored = callsim("score-items", str(items))
    assert scored.returncode == 3
    indonesian(scored.stderr)
    assert "baris 2: item_id: harus teks, bukan 1" in scored.stderr
    assert "baris 3: bukan JSON yang valid" in scored.stderr
    assert "3 baris tidak bisa dinilai" in scored.stderr
    rows = [json.loads(line) for line in scored.stdout.splitlines()]
    assert [sorted(r) for r in rows[1:]] == [["error", "item_id", "line"]] * 3  # keys as ever


def test_the_cohort_report_is_indonesian(
    calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    md, page = tmp_path / "cohort.md", tmp_path / "cohort.html"
    out = callsim("report", "--cohort", "--md", str(md), "--html", str(page))
    assert out.returncode == 0, out.stderr
    indonesian(out.stdout + out.stderr)
    assert "2 peserta, 0 skenario dengan batch run" in out.stdout
    text = md.read_text(encoding="utf-8")
    indonesian(text)
    assert "# Laporan kelompok" in text and "| peserta | panggilan dibimbing |" in text
    assert "| win-win | keseluruhan | keterampilan terlemah |" in text
    html = page.read_text(encoding="utf-8")
    indonesian(html)
    assert '<html lang="id">' in html and "tidak ada batch run" in html
    for drill in sorted((tmp_path / "cohort-files").glob("*.html")):
        indonesian(drill.read_text(encoding="utf-8"))
    usage = callsim("report", "--cohort")
    assert usage.returncode == 2 and "perlu --html OUT dan/atau --md OUT" in usage.stderr


def test_export_and_import_are_indonesian(
    calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    archive = tmp_path / "calls.tar.gz"
    out = callsim("export", str(archive))
    assert out.returncode == 0 and "3 panggilan diekspor ke" in out.stdout
    again = callsim("export", str(archive))
    assert again.returncode == 2 and "sudah ada; pilih nama lain" in again.stderr
    monkeypatch.setenv("CALLSIM_HOME", str(tmp_path / "trainer"))
    first, second = callsim("import", str(archive)), callsim("import", str(archive))
    assert "3 panggilan diimpor; 0 sudah ada" in first.stdout
    assert "0 panggilan diimpor; 3 sudah ada (dilewati" in second.stdout
    not_ours = tmp_path / "other.tar.gz"
    with tarfile.open(not_ours, "w:gz") as tar:
        tar.add(tmp_path / "calls.tar.gz", arcname="transcripts/x.jsonl")
    damaged = callsim("import", str(not_ours))
    assert damaged.returncode == 3 and "bukan hasil ekspor callsim" in damaged.stderr
    for proc in (out, again, first, second, damaged, callsim("import", str(tmp_path / "no"))):
        indonesian(proc.stdout + proc.stderr)


def test_compare_is_indonesian(calls: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    out = callsim("compare", "ana-1", "ana-2")
    assert out.returncode == 0, out.stderr
    indonesian(out.stdout + out.stderr)
    for words in ("keterampilan", "perubahan", "lebih baik: panggilan", "giliranmu", "hasil: "):
        assert words in out.stdout, words
    same = callsim("compare", "ana-1", "ana-1")
    assert same.returncode == 2 and "panggilan yang sama" in same.stderr
    indonesian(same.stderr)
    monkeypatch.setenv("CALLSIM_LANG", "en")
    english = callsim("compare", "ana-1", "ana-2")
    assert "the turns that made the difference" in english.stdout
    assert "better: call " in english.stdout and "winwin" in english.stdout
