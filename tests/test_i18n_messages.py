"""Bahasa Indonesia for authoring, deleting and every one-line error the data layer raises:
an Indonesian session's messages hold no English from the catalogue; English is unchanged."""

from __future__ import annotations

import argparse
import io
import re
import time
from pathlib import Path

import pytest

from simulator.authoring import Answers, question
from simulator.i18n import lang_scope
from tests.conftest import ROOT, callsim
from tests.english_left import english_left
from tests.test_i18n_screens import GOOD, hold

pytest.importorskip("babel.messages.pofile")


def one_indonesian_line(proc: object, code: int) -> str:
    """The command failed with CODE and said why in one Indonesian line."""
    assert proc.returncode == code, (proc.stdout, proc.stderr)  # type: ignore[attr-defined]
    err = str(proc.stderr)  # type: ignore[attr-defined]
    assert err.startswith("callsim: kesalahan: ") and len(err.splitlines()) == 1, err
    assert not english_left(err), (english_left(err), err)
    return err


def test_personas_validate_is_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    (tmp_path / "bad.yaml").write_text("schema_version: 1\nid: wrong\ntitle: 5\n")
    (tmp_path / "broken.yaml").write_text("a: [1\n")
    (tmp_path / "twice.yaml").write_text("a: 1\na: 2\n")
    good = tmp_path / "pit-bull.yaml"
    good.write_text((ROOT / "personas" / "id" / "pit-bull.yaml").read_text(encoding="utf-8"))
    out = callsim("personas", "validate", str(tmp_path), str(tmp_path / "none.yaml"))
    assert out.returncode == 3
    assert not english_left(out.stdout + out.stderr), english_left(out.stdout + out.stderr)
    for words in (
        "title: harus teks, bukan 5",
        "category: wajib ada tapi tidak ditemukan",
        "masalah lainnya",
        "baris 2: YAML tidak valid",
        "key ganda 'a'",
        "none.yaml: file tidak ditemukan",
    ):
        assert words in out.stderr, words
    assert f"ok: {good}" in out.stdout


def test_personas_new_asks_in_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_LANG", "id")
    answers = "my-client\n" + "\n" * 10 + "Alex Morgan has a budget of 5000.\n"
    out = callsim("personas", "new", "--out", str(tmp_path / "my-client.yaml"), stdin=answers)
    screen = out.stdout + out.stderr
    # The [defaults] are an English persona's own words, offered as they are.
    left = english_left(re.sub(r"\[[^\]]*\]", "", screen))
    assert not left, left
    for words in (
        "Persona klien baru. Tekan Enter untuk memakai [default].",
        "Id singkat untuk file-nya",
        "Sebagai klien, apa yang akan kamu katakan saat akhirnya mengungkap budget-mu?",
        "kalimat ini menyebut nama klien (Alex)",
        "Enter untuk memakai itu, atau ketik versimu sendiri",
        "ditulis dan sudah divalidasi:",
        "latihan dengannya: callsim practice --persona my-client --lang en",
    ):
        assert words in screen, words


def test_each_question_is_the_answer_s_description_in_english() -> None:
    # The descriptions are also the schema a model drafts from (--from): English, always.
    for name, field in Answers.model_fields.items():
        assert question(name) == field.description, name
        with lang_scope("id"):
            assert question(name) != field.description, name


def test_delete_asks_and_answers_in_indonesian(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli import delete_cmd

    hold("ana-1", GOOD, "Ana", time.time())
    hold("ana-2", GOOD, "Ana", time.time())
    monkeypatch.setenv("CALLSIM_LANG", "id")
    one_indonesian_line(callsim("delete", "ana-1"), 2)  # not a terminal: --yes, please
    one_indonesian_line(callsim("delete", "nobody-1"), 2)
    one_indonesian_line(callsim("delete", "not an id!"), 2)
    asked: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(delete_cmd.sys, "stdin", Terminal())
    for answer, kept in (("t", True), ("ya", False)):
        monkeypatch.setattr("builtins.input", lambda q, a=answer: asked.append(q) or a)
        with lang_scope("id"):
            delete_cmd.delete(argparse.Namespace(call="ana-1" if kept else "ana-2", yes=False))
        said = capsys.readouterr().out
        assert said.startswith(
            "panggilan ana-1 tetap disimpan" if kept else "panggilan ana-2 dihapus"
        )
    assert asked[0].startswith("Hapus panggilan ana-1 (pit-bull, ") and "[y/T]" in asked[0]
    assert not english_left(" ".join(asked))
    yes = callsim("delete", "ana-1", "--yes")
    assert yes.stdout == "panggilan ana-1 dihapus\n"


def test_data_layer_errors_reach_an_indonesian_user_as_one_indonesian_line(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold("ana-1", GOOD, "Ana", time.time())
    monkeypatch.setenv("CALLSIM_LANG", "id")
    not_json = tmp_path / "x.jsonl"
    not_json.write_text("{not json\n")
    assert "bukan header panggilan yang valid" in one_indonesian_line(
        callsim("review", str(not_json)), 3
    )
    one_indonesian_line(callsim("review", str(tmp_path / "gone.jsonl")), 2)
    one_indonesian_line(callsim("review", "nothing-here"), 2)
    one_indonesian_line(callsim("review", "bad id!"), 2)
    one_indonesian_line(callsim("progress", "--trainee", "Zed"), 2)
    one_indonesian_line(callsim("run", "--backend", "nope", "pit-bull-good-rep"), 2)
    one_indonesian_line(callsim("run", "no-such-scenario", "--backend", "scripted"), 2)
    one_indonesian_line(callsim("scenarios", "show", "no-such-scenario"), 2)
    one_indonesian_line(callsim("personas", "show", "nobody"), 2)
    merge = tmp_path / "m.json"
    merge.write_text('{"a": {"observed": {"empathy": [1, "x"]}}}')
    err = one_indonesian_line(callsim("run", "--calibrate", "1", "--merge", str(merge)), 3)
    assert "harus angka" in err
    config = tmp_path / "config.toml"
    config.write_text("threads = -1\n")
    monkeypatch.setenv("CALLSIM_CONFIG", str(config))
    assert "harus 0 atau lebih" in one_indonesian_line(callsim("personas", "list"), 3)
    config.write_text("threads = [\n")
    toml = callsim("personas", "list")  # in brackets, tomllib's own (English) words
    assert toml.returncode == 3 and ": TOML tidak valid (" in toml.stderr
    monkeypatch.delenv("CALLSIM_CONFIG")
    monkeypatch.setenv("CALLSIM_HOME", str(not_json))
    assert "bukan direktori" in one_indonesian_line(callsim("history"), 3)


def test_data_layer_errors_stay_english_in_english(tmp_path: Path) -> None:
    not_json = tmp_path / "x.jsonl"
    not_json.write_text("{not json\n")
    err = callsim("review", str(not_json)).stderr
    assert err.startswith("callsim: error: ") and "not a valid call header" in err
    assert "unknown persona 'nobody'" in callsim("personas", "show", "nobody").stderr


def test_a_run_s_saved_findings_read_in_indonesian_and_stay_english_saved() -> None:
    from simulator.runner.words import criterion_text, error_text, failure_text

    saved = [
        "outcome trainee_ended, expected next_step_agreed or hung_up",
        "boundary 35.0004, expected 40-60",
        "pair: pacing 20 (good rep) not above 30 (pit-bull-bad-rep)",
        "outcome next_step_agreed: met",
        "fact budget: missed",
        "verdict fit: right",
        "backend failed",
        "3 of 4 model lines were unusable and replaced by authored lines (first: empty reply)",
    ]
    shown = [f(s) for s in saved for f in (failure_text, criterion_text, error_text)]
    assert shown == [s for s in saved for _ in range(3)]  # English: as saved
    with lang_scope("id"):
        read = [failure_text(s) for s in saved[:3]] + [criterion_text(s) for s in saved[3:6]]
        read += [error_text(s) for s in saved[6:]]
    assert read[0] == (
        "hasil diakhiri peserta, seharusnya langkah berikutnya disepakati atau menutup telepon"
    )
    assert read[1] == "batasan 35.0004, seharusnya 40-60"
    assert read[3] == "hasil langkah berikutnya disepakati: terpenuhi"
    assert not english_left("\n".join(read)), english_left("\n".join(read))
