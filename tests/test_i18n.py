"""Bahasa Indonesia: the catalogue is complete and compiled, and an Indonesian call's screens
are Indonesian from --help to the report."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.config import lang_of
from simulator.evaluation.reasons import reason_text
from simulator.i18n import LOCALE_DIR, argv_lang, lang_scope, locale_lang
from simulator.repl.commands import HELP_LINES, command_names
from tests.conftest import ROOT, callsim

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "callsim.po"
MO = PO.with_suffix(".mo")
PERSONA = ROOT / "tests" / "data" / "persona-id.yaml"


def _po_messages() -> dict[object, object]:
    babel_po = pytest.importorskip("babel.messages.pofile")
    with PO.open("rb") as f:
        catalog = babel_po.read_po(f)
    assert not [m.id for m in catalog if m.id and m.fuzzy], "fuzzy entries are not compiled"
    return {m.id: m.string for m in catalog if m.id}


def test_the_committed_mo_is_the_compiled_po() -> None:
    with MO.open("rb") as f:
        mo = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    compiled = {k: v for k, v in mo.items() if k != ""}
    expected: dict[object, str] = {}
    for msgid, msgstr in _po_messages().items():
        if isinstance(msgid, tuple):
            for n, form in enumerate(msgstr):  # type: ignore[arg-type]
                expected[(msgid[0], n)] = form
        else:
            expected[msgid] = msgstr  # type: ignore[assignment]
    assert compiled == expected, "run `make catalogues` to recompile the .mo"


def test_every_msgid_in_the_code_has_an_indonesian_translation() -> None:
    extract = pytest.importorskip("babel.messages.extract")
    frontend = pytest.importorskip("babel.messages.frontend")
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = frontend.parse_mapping_cfg(f)
    found = {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract.extract_from_dir(
            str(ROOT / "simulator"), method_map, options_map, keywords=extract.DEFAULT_KEYWORDS
        )
    }
    translated = {(k[0] if isinstance(k, tuple) else k): v for k, v in _po_messages().items()}
    assert len(found) > 400
    missing = sorted(m for m in found if not translated.get(m))
    assert not missing, f"untranslated (run `make catalogues`, then translate): {missing[:5]}"


def _fields(text: str) -> list[str]:
    braces = [f"{{{name}{':' + spec if spec else ''}}}" for _, name, spec, _ in
              string.Formatter().parse(text) if name is not None]  # fmt: skip
    return sorted(braces + re.findall(r"%\(\w+\)\w|%[sr]", text))


def test_translations_keep_every_placeholder() -> None:
    for msgid, msgstr in _po_messages().items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        forms = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        for form in forms:
            assert _fields(ids[-1]) == _fields(str(form)), msgid


def test_every_slash_command_help_line_is_in_the_catalogue() -> None:
    from simulator.repl.commands import CommandsMixin

    for name in command_names():
        doc = (getattr(CommandsMixin, f"cmd_{name}").__doc__ or "").strip().splitlines()[0]
        assert doc in HELP_LINES, f"/{name}: add its docstring's first line to HELP_LINES"


def test_the_default_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    assert locale_lang({"LANG": "id_ID.UTF-8"}) == "id"
    assert locale_lang({"LC_ALL": "en_US.UTF-8", "LANG": "id_ID.UTF-8"}) == "en"
    assert locale_lang({"LC_MESSAGES": "id_ID", "LANG": "en_GB"}) == "id"
    assert locale_lang({}) == "en"
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert lang_of(None) == "id"
    monkeypatch.setenv("CALLSIM_LANG", "en")  # the setting wins over the locale
    assert lang_of(None) == "en"
    assert argv_lang(["practice", "--lang=id"]) == "id"
    assert argv_lang(["practice", "--", "--lang", "id"]) is None


def test_a_saved_reason_reads_in_indonesian_clause_by_clause() -> None:
    reason = "stated the limit with the reason and offered an alternative, then hedged"
    assert reason_text(reason) == reason  # English: as saved
    with lang_scope("id"):
        assert reason_text(reason) == (
            "menyatakan batasan beserta alasannya dan menawarkan alternatif, lalu ragu-ragu"
        )


def test_help_is_indonesian_with_callsim_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    out = callsim("--help").stdout
    assert out.startswith("penggunaan: callsim") and "kode keluar:" in out
    assert "lakukan panggilan latihan dengan persona klien" in out
    sub = callsim("practice", "--help").stdout
    assert "tampilkan bantuan ini lalu keluar" in sub and "mode baris biasa" in sub
    bad = callsim("practice", "--difficulty", "extreme")
    assert bad.returncode == 2 and "pilihan tidak valid" in bad.stderr
    assert "usage:" in callsim("--help", "--lang", "en").stdout  # the flag wins


@pytest.fixture
def indonesian_home(isolated_home: Path) -> Path:
    """CALLSIM_HOME with one Indonesian persona (personas/id/pit-bull.yaml)."""
    folder = isolated_home / "personas" / "id"
    folder.mkdir(parents=True)
    shutil.copy(PERSONA, folder / "pit-bull.yaml")
    return isolated_home


def test_personas_list_and_show_in_indonesian(indonesian_home: Path) -> None:
    out = callsim("personas", "list", "--lang", "id").stdout
    assert "Persona klien" in out and "kliennya, dalam satu baris" in out
    assert "COO di Ironclad Freight" in out
    show = callsim("personas", "show", "pit-bull", "--lang", "id").stdout
    assert "Ringkasan:" in show and "Tingkat kesulitan:" in show and "fakta tersembunyi" in show
    scenarios = callsim("scenarios", "list", "--lang", "id").stdout
    assert "Skenario" in scenarios and "dicari di:" in scenarios


TRAINEE = (
    "Boleh saya tanya dulu, apa masalah terbesar tim dispatch Bapak saat ini?\n"
    "/state\n/score\n/help\n/verdict fit budget sudah ada\n"
    "Saya tidak bisa kasih diskon, tapi kalau DP dibayar minggu ini deadline bisa dipercepat.\n"
    "/end\n"
)


def test_an_indonesian_call_its_review_and_report_are_indonesian(
    indonesian_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    call = callsim(
        "practice", "--lang", "id", "--backend", "scripted", "--plain", "--persona", "pit-bull",
        "--seed", "3", stdin=TRAINEE,
    )  # fmt: skip
    assert call.returncode == 0, call.stderr
    out = call.stdout
    for words in (
        "Ringkasan: Rex Dalton",
        "Tujuanmu: pahami situasinya",
        "Ketik balasanmu.",
        "Kamu: ",
        "  kepercayaan ",
        "panggilan sejauh ini (0-100):",
        "/verdict  Penilaian kecocokanmu",
        "penilaian dicatat: fit",
        "Panggilan selesai: kamu mengakhiri panggilan",
        "  keseluruhan ",
        "penilaian kecocokan: kamu bilang fit, kliennya fit: tepat.",
        "Transkrip disimpan:",
    ):
        assert words in out, words
    assert "Call over" not in out and "your turn" not in out
    # The call's language, not the command's: review and report need no --lang.
    review = callsim("review", "last")
    assert review.returncode == 0, review.stderr
    assert "Giliranmu 1" in review.stdout and "keterampilan" in review.stdout
    assert "klien setelahnya: kepercayaan" in review.stdout
    md = tmp_path / "call.md"
    html = tmp_path / "call.html"
    report = callsim("report", "last", "--md", str(md), "--html", str(html))
    assert report.returncode == 0, report.stderr
    text = md.read_text(encoding="utf-8")
    assert "## Transkrip" in text and "| keterampilan | wasit | juri |" in text
    assert "**Kamu (giliranmu 1):**" in text and "Your turn" not in text
    page = html.read_text(encoding="utf-8")
    assert '<html lang="id">' in page and "<h2>Transkrip</h2>" in page
    assert "Moments to redo" not in page and "Transcript" not in page
    # Other commands speak the command's language (--lang, CALLSIM_LANG, config, locale).
    assert "Calls (1)" in callsim("history").stdout
    monkeypatch.setenv("CALLSIM_LANG", "id")
    history = callsim("history").stdout
    assert "Panggilan (1)" in history and "selesai" in history


def test_english_screens_stay_english_on_an_indonesian_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    assert os.environ["LANG"].startswith("id")
    assert callsim("--help").stdout.startswith("penggunaan:")  # the locale's default
    monkeypatch.setenv("CALLSIM_LANG", "en")
    assert callsim("--help").stdout.startswith("usage:")


def test_choosing_the_language_keeps_help_instant() -> None:
    code = (
        "import sys\nfrom simulator.cli.main import build_parser, startup_lang\n"
        "from simulator.i18n import use_lang\nuse_lang(startup_lang(['--help']))\n"
        "build_parser().format_help()\nprint('pydantic' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_rubric_advice_shown_is_the_rubric_s_own_in_every_language() -> None:
    # The review's last-resort advice is translated from code; it must say what the rubric says.
    from simulator.evaluation.coaching import HOW, how
    from simulator.evaluation.rubric import load_rubric
    from simulator.i18n import lang_scope

    rubric = load_rubric()
    assert {k: rubric.skills[k].try_instead for k in HOW} == HOW
    with lang_scope("id"):
        assert all(how(k) != HOW[k] for k in HOW)
