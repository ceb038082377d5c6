"""Round two, root cause 2: every file the product opens goes through one safe reader.

FIFOs, devices and links to them are refused (never hung on), sizes are capped before
reading, JSON is depth-capped and finite, archives are streamed member by member, and a
file's content is never echoed wholesale. Every CLI run here has a timeout.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from simulator.archive import import_calls
from tests.conftest import ROOT

HEADER = {
    "type": "header",
    "persona": "pit-bull",
    "difficulty": "normal",
    "backend": "scripted",
    "model": "m",
    "seed": 1,
    "started_at": 1.7e9,
}
SCENARIO = str(ROOT / "scenarios" / "basset-hound-rapport.yaml")


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    # A reader that slurps /dev/zero or a sparse gigabyte fails fast here instead of
    # eating the shared machine's memory.
    cap = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def cli(
    *args: str, stdin: str | bytes = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real command line with a timeout and a memory cap; a hang is a failure."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "simulator.cli.main", *args],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"callsim {' '.join(args)} hung (no answer in {timeout:g} s)")
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def _call(folder: Path, call_id: str, text: str | None = None, **header: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{call_id}.jsonl"
    path.write_text(text or json.dumps({**HEADER, "id": call_id, **header}) + "\n")
    return path


@pytest.fixture
def calls(isolated_home: Path) -> Path:
    folder = isolated_home / "transcripts"
    _call(folder, "good-1")
    return folder


# --- transcripts/ holding a FIFO or a link to a device ------------------------------------


@pytest.mark.parametrize("command", [("review", "last"), ("export", "OUT"), ("history",)])
@pytest.mark.parametrize("odd", ["fifo", "dev-zero"])
def test_a_fifo_or_device_among_transcripts_is_skipped(
    calls: Path, tmp_path: Path, command: tuple[str, ...], odd: str
) -> None:
    target = calls / "zz-odd.jsonl"  # sorts after good-1: picked first if not refused
    if odd == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    args = [str(tmp_path / "out.tgz") if a == "OUT" else a for a in command]
    proc = cli(*args, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
    if command[0] == "export":
        with tarfile.open(tmp_path / "out.tgz") as tar:
            assert tar.getnames() == ["callsim-export.json", "transcripts/good-1.jsonl"]


def test_config_at_a_fifo_or_device_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        monkeypatch.setenv("CALLSIM_CONFIG", str(path))
        line = one_line(
            cli("practice", "--persona", "pit-bull", "--backend", "scripted", stdin="/end\n")
        )
        assert str(path) in line and "not a regular file" in line


# --- score-items ----------------------------------------------------------------------------


def test_score_items_on_a_fifo_is_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "items.jsonl"
    os.mkfifo(fifo)
    line = one_line(cli("score-items", str(fifo), timeout=30))
    assert str(fifo) in line and "not a regular file" in line


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b'{"item_id": "a", "text": "hi", "context": 5}', "context: expected a list of turns"),
        (b'{"item_id": "a", "text": "hi \xff there"}', "not UTF-8 text"),
        (
            b'{"item_id": "a", "text": "hi", "context": [{"speaker": "SELF", "text": 5}]}',
            "context[0].text",
        ),
        (b'{"item_id": "a", "text": "hi", "weight": 1e999}', "not a finite number"),
        (b'{"item_id": "a", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested too deeply"),
    ],
)
def test_score_items_names_file_line_and_field(tmp_path: Path, raw: bytes, said: str) -> None:
    items = tmp_path / "items.jsonl"
    items.write_bytes(b'{"item_id": "ok", "text": "What matters most?"}\n' + raw + b"\n")
    proc = cli("score-items", str(items))
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"{items}: line 2: ") and said in first, proc.stderr


# --- run --calibrate --merge ------------------------------------------------------------------


MERGES: dict[str, object] = {
    "a string as a range": {"basset-hound-rapport": {"observed": {"empathy": "12"}}},
    "an infinite score": {"basset-hound-rapport": {"observed": {"empathy": [1, "INF"]}}},
    "a null score": {"basset-hound-rapport": {"observed": {"empathy": [None, 5]}}},
    "a score out of range": {"basset-hound-rapport": {"observed": {"empathy": [1, 10**400]}}},
    "a list at the top": [1, 2],
    "outcomes not a list": {"basset-hound-rapport": {"outcomes": "next_step_agreed"}},
}


@pytest.mark.parametrize("case", [*MERGES, "fifo", "deep", "not json"])
def test_merge_is_checked_before_the_batch(tmp_path: Path, case: str) -> None:
    merge = tmp_path / "earlier.json"
    if case == "fifo":
        os.mkfifo(merge)
    elif case == "deep":
        merge.write_text("[" * 200_000 + "]" * 200_000)
    elif case == "not json":
        merge.write_bytes(b"\xff\xfe{}")
    else:
        text = json.dumps(MERGES[case]).replace('"INF"', "1e999")
        merge.write_text(text)
    proc = cli("run", SCENARIO, "--backend", "scripted", "--calibrate", "1", "--merge", str(merge))
    line = one_line(proc)
    assert "--merge" in line and str(merge) in line
    assert "expect:" not in proc.stdout  # refused up front: no batch was run


def test_a_good_merge_still_widens(tmp_path: Path) -> None:
    merge = tmp_path / "earlier.json"
    merge.write_text(json.dumps({"basset-hound-rapport": {"observed": {"empathy": [0, 12]}}}))
    proc = cli("run", SCENARIO, "--backend", "scripted", "--calibrate", "1", "--merge", str(merge))
    assert proc.returncode == 0, proc.stderr
    assert "empathy: [0," in proc.stdout


# --- import ---------------------------------------------------------------------------------


def _archive(path: Path, members: dict[str, bytes], sums: dict[str, bytes] | None = None) -> Path:
    """A callsim export holding `members` (name -> bytes), its manifest listing `sums`."""
    listed = members if sums is None else sums
    calls = {
        Path(name).stem: {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in listed.items()
    }
    manifest = json.dumps({"format": "callsim-export", "version": 1, "calls": calls}).encode()
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("callsim-export.json", manifest), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _line(call_id: str, **header: object) -> bytes:
    return (json.dumps({**HEADER, "id": call_id, **header}) + "\n").encode()


def test_import_checks_the_header_size_before_reading(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("simulator.archive.MAX_MEMBER_BYTES", 500)
    big = _line("big-1") + b" " * 1000 + b"\n"
    archive = _archive(
        tmp_path / "a.tgz",
        {"transcripts/big-1.jsonl": big, "transcripts/good-1.jsonl": _line("good-1")},
    )
    report = import_calls(archive)
    folder = isolated_home / "transcripts"
    assert report.imported == ["good-1"]
    assert len(report.damaged) == 1 and "too large" in report.damaged[0]
    assert sorted(p.name for p in folder.iterdir()) == ["good-1.jsonl"]  # nothing left behind


@pytest.mark.skipif(shutil.which("tar") is None, reason="needs GNU tar for a sparse member")
def test_import_a_sparse_gigabyte_member_is_refused_unread(
    isolated_home: Path, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    (src / "transcripts").mkdir(parents=True)
    big = src / "transcripts" / "big-1.jsonl"
    with big.open("wb") as fh:
        fh.write(_line("big-1"))
        fh.truncate(1024**3)  # a gigabyte of holes: a few bytes on disk and in the archive
    (src / "transcripts" / "good-1.jsonl").write_bytes(_line("good-1"))
    sums = {
        "big-1": {"sha256": "0" * 64},
        "good-1": {"sha256": hashlib.sha256(_line("good-1")).hexdigest()},
    }
    (src / "callsim-export.json").write_text(
        json.dumps({"format": "callsim-export", "version": 1, "calls": sums})
    )
    archive = tmp_path / "sparse.tgz"
    subprocess.run(
        [
            "tar",
            "-C",
            str(src),
            "-cSzf",
            str(archive),
            "callsim-export.json",
            "transcripts/big-1.jsonl",
            "transcripts/good-1.jsonl",
        ],
        check=True,
        timeout=120,
    )
    assert archive.stat().st_size < 100_000
    proc = cli("import", str(archive), timeout=60)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert "too large" in proc.stderr and "imported 1 call(s)" in proc.stdout
    folder = isolated_home / "transcripts"
    assert sorted(p.name for p in folder.iterdir()) == ["good-1.jsonl"]


def test_import_a_deeply_nested_manifest_is_one_line(tmp_path: Path) -> None:
    archive = tmp_path / "deep.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"[" * 200_000 + b"]" * 200_000
        info = tarfile.TarInfo("callsim-export.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    line = one_line(cli("import", str(archive)))
    assert "callsim-export.json" in line and "nested too deeply" in line


def test_import_a_truncated_archive_is_one_line(isolated_home: Path, tmp_path: Path) -> None:
    members = {
        f"transcripts/c-{i}.jsonl": _line(f"c-{i}") + os.urandom(3000).hex().encode()
        for i in range(3)
    }
    whole = _archive(tmp_path / "whole.tgz", members).read_bytes()
    for cut in (len(whole) // 2, 40):
        cut_file = tmp_path / f"cut-{cut}.tgz"
        cut_file.write_bytes(whole[:cut])
        proc = cli("import", str(cut_file))
        assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
        assert "cut short" in proc.stderr or "not a readable archive" in proc.stderr


@pytest.mark.parametrize("started_at", ["1e300", "NaN", "-5"])
def test_import_refuses_an_implausible_start_time(
    isolated_home: Path, tmp_path: Path, started_at: str
) -> None:
    bad = _line("bad-1").replace(b"1700000000.0", started_at.encode())
    archive = _archive(tmp_path / "a.tgz", {"transcripts/bad-1.jsonl": bad})
    proc = cli("import", str(archive))
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert "started_at" in proc.stderr or "NaN is not a finite number" in proc.stderr
    assert not (isolated_home / "transcripts" / "bad-1.jsonl").exists()


def test_import_and_review_share_one_id_rule(isolated_home: Path, tmp_path: Path) -> None:
    archive = _archive(tmp_path / "a.tgz", {"transcripts/a..b.jsonl": _line("a..b")})
    proc = cli("import", str(archive))
    assert proc.returncode == 3 and "not a call id" in proc.stderr, proc.stderr
    assert not (isolated_home / "transcripts" / "a..b.jsonl").exists()


def test_a_copied_transcript_reimports_as_one_call(
    calls: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(calls / "good-1.jsonl", calls / "good-1 (copy).jsonl")
    shutil.copy(calls / "good-1.jsonl", calls / "zz-copy.jsonl")
    archive = tmp_path / "out.tgz"
    exported = cli("export", str(archive))
    assert exported.returncode == 0, exported.stderr
    monkeypatch.setenv("CALLSIM_HOME", str(tmp_path / "elsewhere"))
    proc = cli("import", str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "imported 1 call(s)" in proc.stdout
    assert sorted(p.name for p in (tmp_path / "elsewhere" / "transcripts").iterdir()) == [
        "good-1.jsonl"
    ]


def test_an_old_export_holding_a_copy_reimports_as_one_call(
    isolated_home: Path, tmp_path: Path
) -> None:
    archive = _archive(
        tmp_path / "a.tgz",
        {"transcripts/good-1.jsonl": _line("good-1"), "transcripts/copy-1.jsonl": _line("good-1")},
    )
    proc = cli("import", str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "imported 1 call(s)" in proc.stdout and "copy-1" in proc.stderr


# --- damaged start times on reading -------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("review", "last"),
        ("report", "last", "--md", "OUT"),
        ("practice", "--resume", "last", "--backend", "scripted"),
    ],
)
def test_implausible_start_times_are_skipped_on_reading(
    calls: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    _call(calls, "zz-huge", started_at=1e300)
    _call(calls, "zz-nan", text=_line("zz-nan").decode().replace("1700000000.0", "NaN"))
    args = [str(tmp_path / "r.md") if a == "OUT" else a for a in command]
    proc = cli(*args, stdin="/end\n")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "zz-huge" in proc.stderr and "zz-nan" in proc.stderr  # reported, not silent
    if command[0] == "practice":
        assert (
            "/end" in (calls / "good-1.jsonl").read_text()
            or len((calls / "good-1.jsonl").read_text().splitlines()) > 1
        )


# --- --resume through a link ------------------------------------------------------------------


def test_resume_refuses_a_link_in_transcripts(calls: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.jsonl"
    outside.write_bytes(_line("evil-1"))
    (calls / "evil-1.jsonl").symlink_to(outside)
    for given in ("evil-1", "evil"):
        line = one_line(
            cli("practice", "--resume", given, "--backend", "scripted", stdin="hi\n/end\n")
        )
        assert "link" in line
    assert outside.read_bytes() == _line("evil-1")


# --- content never echoed wholesale ------------------------------------------------------------


@pytest.fixture
def secrets_file(tmp_path: Path) -> Path:
    secret = tmp_path / "shadow"
    secret.write_text(
        "".join(f"user{i}_SECRET{i:04d}_abcdefghijklmnopqrstuvwxyz: hash{i}\n" for i in range(300))
    )
    return secret


@pytest.mark.parametrize(
    "command",
    [
        ("personas", "validate", "LINK.yaml"),
        ("run", "LINK.yaml", "--backend", "scripted"),
        ("practice", "--persona", "LINK.yaml", "--backend", "scripted"),
        ("review", "LINK.jsonl"),
    ],
)
def test_a_linked_secret_is_never_echoed_wholesale(
    isolated_home: Path, tmp_path: Path, secrets_file: Path, command: tuple[str, ...]
) -> None:
    suffix = Path(next(a for a in command if a.startswith("LINK"))).suffix
    link = tmp_path / f"link{suffix}"
    if suffix == ".jsonl":  # a transcript: a valid header, then the secret file's lines
        real = tmp_path / "real.jsonl"
        real.write_bytes(
            _line("link")
            + b"".join(
                json.dumps({"type": line}).encode() + b"\n"
                for line in secrets_file.read_text().splitlines()
            )
        )
        link.symlink_to(real)
    else:
        link.symlink_to(secrets_file)
    args = [str(link) if a.startswith("LINK") else a for a in command]
    proc = cli(*args, stdin="/end\n")
    everything = proc.stdout + proc.stderr
    assert "Traceback" not in everything
    echoed = sum(f"SECRET{i:04d}" in everything for i in range(300))
    assert echoed <= 5, everything[:2000]
    assert "more" in everything


# --- minor: REPL history, personas new ------------------------------------------------------------


def test_the_repl_history_file_is_private(isolated_home: Path) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from simulator.personas import get_persona
    from simulator.repl.ptk import PromptToolkitIO
    from tests.conftest import make_call

    isolated_home.mkdir(parents=True)
    old = isolated_home / "history"
    old.write_text("\n# 2024\n+an older line\n")
    old.chmod(0o644)
    with create_pipe_input() as pipe:
        term = PromptToolkitIO(
            make_call(get_persona("pit-bull")),
            "coached",
            input=pipe,
            output=DummyOutput(),
            console_file=io.StringIO(),
        )
        term.session.history.append_string("our budget is 40k, do not tell them")
    assert old.stat().st_mode & 0o777 == 0o600


def test_a_fifo_at_the_history_path_does_not_hang(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    os.mkfifo(isolated_home / "history")
    code = (
        "from prompt_toolkit.input import create_pipe_input\n"
        "from prompt_toolkit.output import DummyOutput\n"
        "import io\n"
        "from simulator.personas import get_persona\n"
        "from simulator.repl.ptk import PromptToolkitIO\n"
        "from tests.conftest import make_call\n"
        "with create_pipe_input() as pipe:\n"
        "    t = PromptToolkitIO(make_call(get_persona('pit-bull')), 'coached', input=pipe,"
        " output=DummyOutput(), console_file=io.StringIO())\n"
        "    list(t.session.history.load_history_strings())\n"
        "    t.session.history.append_string('x')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr


def test_personas_new_reasks_an_undecodable_or_huge_answer(
    isolated_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "new-one.yaml"
    answers = b"new-one\n\nbreed\nAl\xff\xfeex\nAlex Morgan\n" + b"a" * 2_000_000 + b"\nCFO\n"
    proc = cli("personas", "new", "--out", str(out), stdin=answers)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "not UTF-8 text; try again" in proc.stdout and "too long" in proc.stdout
    assert not out.with_name(out.name + ".draft").exists()
    check = cli("personas", "validate", str(out))
    assert check.returncode == 0, check.stderr
    assert "role: CFO" in out.read_text()
