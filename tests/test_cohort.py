"""A cohort: trainee names, history a person can use, export/import, the cohort report."""

from __future__ import annotations

import io
import json
import tarfile
import time
from pathlib import Path

import pytest

from simulator.backends.scripted import ScriptedBackend
from simulator.personas import get_persona
from simulator.transcript import transcripts_dir
from tests.conftest import callsim, make_call

GOOD = [
    "I hear you, ten minutes is tight. Before I give you a number, what does it need to fix first?",
    "I can't drop my rate, because it covers testing, but in exchange we could do phase one first.",
    "Shall we book a follow-up call on Thursday to go through a plan together?",
]
POOR = [
    "Okay, fine, whatever you want, I'll do it for half price.",
    "That's ridiculous, take it or leave it.",
]
# Long enough that a squeezed table would have to cut it.
LONG_ID = "20261126-184116-zero-sum-haggler-practice-ee00"


def hold(
    call_id: str,
    lines: list[str],
    trainee: str | None,
    when: float,
    kind: str = "practice",
    persona: str = "pit-bull",
    lang: str = "en",
) -> Path:
    """A call held on the scripted backend and saved under CALLSIM_HOME."""
    path = transcripts_dir() / f"{call_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    call = make_call(get_persona(persona, lang), ScriptedBackend(), path)
    call.header.id, call.header.trainee, call.header.started_at = call_id, trainee, when
    call.header.kind = kind  # type: ignore[assignment]
    call.header.lang = lang  # type: ignore[assignment]
    if kind == "run":
        call.header.scenario = "pit-bull-good-rep"
    path.write_text(call.header.model_dump_json() + "\n")
    list(call.opening())
    for text in lines:
        call.say(text)
        list(call.reply())
    call.end()
    return path


@pytest.fixture
def cohort(isolated_home: Path) -> dict[str, list[str]]:
    """Three trainees: Ana improves, Ben slips, Cy has one call; plus one batch run."""
    day = 86400.0
    start = time.time() - 10 * day
    calls = {
        "Ana": [("ana-1", POOR), ("ana-2", GOOD[:2]), ("ana-3", GOOD)],
        "Ben": [("ben-1", GOOD), ("ben-2", POOR)],
        "Cy": [("cy-1", GOOD[:1])],
    }
    for i, (who, held) in enumerate(calls.items()):
        for j, (cid, lines) in enumerate(held):
            hold(cid, lines, who, start + j * day + i * 60)
    hold("run-pit-bull-good-rep-0-ab12", GOOD, None, start + 5 * day, kind="run")
    return {who: [cid for cid, _ in held] for who, held in calls.items()}


def _md_rows(text: str) -> dict[str, list[str]]:
    """The trainee table of a cohort Markdown report: name -> cells (links unwrapped)."""
    rows = {}
    for line in text.splitlines():
        if line[:2] == "| " and not line.startswith("| trainee"):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            rows[cells[0].split("](")[0].lstrip("[")] = cells
    return rows


def test_cohort_report_has_a_row_per_trainee_and_keeps_batch_runs_apart(
    cohort: dict[str, list[str]], tmp_path: Path
) -> None:
    md, page = tmp_path / "c.md", tmp_path / "c.html"
    proc = callsim("report", "--cohort", "--md", str(md), "--html", str(page))
    assert proc.returncode == 0, proc.stderr
    text = md.read_text()
    practice, runs = text.split("## Scenario batch runs")
    heading = next(line for line in practice.splitlines() if line.startswith("| trainee"))
    header = [c.strip() for c in heading.split("|")[1:-1]]
    cells = _md_rows(practice)
    assert set(cells) >= {"Ana", "Ben", "Cy"} and "run-" not in practice
    # Two-turn calls count nowhere: Ana keeps one coached call, Ben one, Cy none...
    coached = header.index("coached calls")
    assert [cells[w][coached] for w in ("Ana", "Ben", "Cy")] == ["1", "1", "0"]
    # ...and each one left out is named, not hidden.
    assert "Ana: 2 calls left out: fewer than 3 turns: ana-1, ana-2" in practice
    assert "Ben: 1 call left out: fewer than 3 turns: ben-2" in practice
    # One call is no trend: the table says why instead of a number.
    overall = header.index("overall")
    assert cells["Ana"][overall].endswith("(needs 4 calls)")
    assert cells["Cy"][overall] == "- (needs 4 calls)"
    assert "| pit-bull-good-rep | 1 |" in runs
    html = page.read_text()
    assert "Ana" in html and "Ben" in html and "<script" not in html
    assert "http://" not in html and "https://" not in html and "Content-Security-Policy" in html


def test_history_keeps_whole_ids_at_80_columns(isolated_home: Path) -> None:
    hold(LONG_ID, GOOD[:1], "Ana", time.time() - 60, persona="zero-sum-haggler")
    hold("run-free-work-seeker-good-rep-0-ab12", GOOD[:1], None, time.time(), kind="run")
    import os

    os.environ["COLUMNS"] = "80"
    try:
        out = callsim("history").stdout
    finally:
        del os.environ["COLUMNS"]
    lines = out.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), out
    assert any(LONG_ID in line for line in lines), out
    assert any("run-free-work-seeker-good-rep-0-ab12" in line for line in lines), out


def test_history_json_csv_limit_and_last(cohort: dict[str, list[str]]) -> None:
    rows = json.loads(callsim("history", "--json").stdout)
    assert len(rows) == 7 and rows[-1]["id"] == "run-pit-bull-good-rep-0-ab12"
    assert {r["trainee"] for r in rows if r["kind"] == "practice"} == {"Ana", "Ben", "Cy"}
    last_two = json.loads(callsim("history", "--json", "--limit", "2").stdout)
    assert [r["id"] for r in last_two] == [r["id"] for r in rows[-2:]]
    ana = callsim("history", "--csv", "--trainee", "ana").stdout.splitlines()
    assert ana[0].startswith("id,date,kind,mode,trainee") and len(ana) == 4
    assert callsim("history", "--limit", "0").returncode == 2
    # `last` is the latest practice call, not the batch run that came after it...
    review = callsim("review", "last")
    assert review.returncode == 0 and "id ana-3" in review.stdout
    # ...unless runs are asked for.
    review = callsim("review", "last", "--include-runs")
    assert review.returncode == 0 and "run-pit-bull-good-rep-0-ab12" in review.stdout
    # `--resume last` means the latest practice call; it ended, so it is refused clearly.
    resumed = callsim("practice", "--resume", "last", "--backend", "scripted", stdin="hi\n")
    assert resumed.returncode == 2
    assert "already ended" in resumed.stderr and "cy-1" not in resumed.stderr
    assert len(resumed.stderr.strip().splitlines()) == 1


def test_export_import_round_trip_skips_duplicates_and_reports_damage(
    cohort: dict[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "week.tar.gz"
    out = callsim("export", str(archive), "--kind", "practice")
    assert out.returncode == 0 and "exported 6 call(s)" in out.stdout
    assert callsim("export", str(archive)).returncode == 2  # never replaced unasked
    originals = {p.name: p.read_bytes() for p in transcripts_dir().glob("*.jsonl")}

    monkeypatch.setenv("CALLSIM_HOME", str(tmp_path / "trainer"))
    first = callsim("import", str(archive))
    assert first.returncode == 0 and "imported 6 call(s); 0 already present" in first.stdout
    imported = {p.name: p.read_bytes() for p in transcripts_dir().glob("*.jsonl")}
    assert imported == {k: v for k, v in originals.items() if not k.startswith("run-")}
    ids = [r["id"] for r in json.loads(callsim("history", "--json").stdout)]
    assert sorted(ids) == sorted(i for v in cohort.values() for i in v)

    # The trainer edited one call locally: a second import must not overwrite it.
    mine = transcripts_dir() / "ana-1.jsonl"
    mine.write_bytes(mine.read_bytes() + b'{"type":"note"}\n')
    edited = mine.read_bytes()
    again = callsim("import", str(archive))
    assert again.returncode == 0 and "imported 0 call(s); 6 already present" in again.stdout
    assert mine.read_bytes() == edited

    # A damaged archive: one member altered after export, one not a transcript at all.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "transcripts/ben-2.jsonl":
                data = data.replace(b"pit-bull", b"pit-cat", 1)
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
        extra = tarfile.TarInfo("../../evil.jsonl")
        extra.size = 2
        dst.addfile(extra, io.BytesIO(b"{}"))
    monkeypatch.setenv("CALLSIM_HOME", str(tmp_path / "other"))
    proc = callsim("import", str(damaged))
    assert proc.returncode == 3, proc.stderr
    assert "imported 5 call(s); 0 already present" in proc.stdout and "2 damaged" in proc.stdout
    assert "transcripts/ben-2.jsonl: checksum does not match" in proc.stderr
    assert "../../evil.jsonl: unexpected member" in proc.stderr
    assert not (tmp_path / "evil.jsonl").exists()
    assert not (transcripts_dir() / "ben-2.jsonl").exists()

    (tmp_path / "junk.tar.gz").write_bytes(b"not an archive")
    junk = callsim("import", str(tmp_path / "junk.tar.gz"))
    assert junk.returncode == 3 and "not a readable archive" in junk.stderr
    assert "Traceback" not in junk.stderr


def test_export_since_takes_only_recent_calls(cohort: dict[str, list[str]], tmp_path: Path) -> None:
    from datetime import datetime

    cutoff = datetime.fromtimestamp(time.time() - 9.5 * 86400).strftime("%Y-%m-%d %H:%M")
    archive = tmp_path / "recent.tar.gz"
    out = callsim("export", str(archive), "--since", cutoff, "--kind", "practice")
    with tarfile.open(archive) as tar:
        names = sorted(n for n in tar.getnames() if n.startswith("transcripts/"))
    assert out.returncode == 0
    assert names == [
        "transcripts/ana-2.jsonl",
        "transcripts/ana-3.jsonl",
        "transcripts/ben-2.jsonl",
    ]


def test_trainee_name_from_flag_config_or_asked_once(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.cli.cohort_cmd import ask_trainee_once
    from simulator.config import config_path, load_settings

    proc = callsim(
        "practice", "--persona", "poodle", "--backend", "scripted", "--trainee", "Dana",
        stdin="What matters most to you here?\n/end\n",
    )  # fmt: skip
    assert proc.returncode == 0
    (path,) = transcripts_dir().glob("*.jsonl")
    assert json.loads(path.read_text().splitlines()[0])["trainee"] == "Dana"
    # Piped (not interactive) and no name configured: no prompt, no name.
    plain = callsim("practice", "--persona", "poodle", "--backend", "scripted", stdin="/end\n")
    assert "Your name" not in plain.stdout
    # The first line of the call typed at the name prompt is not taken as a name.
    monkeypatch.setattr(
        "builtins.input",
        lambda prompt: "Morning, thanks for making time. How do reports reach you?",
    )
    assert ask_trainee_once() is None
    assert not config_path().exists() or "trainee" not in config_path().read_text()
    monkeypatch.setattr("builtins.input", lambda prompt: 'Eve "E" O\'Neil')
    assert ask_trainee_once() == 'Eve "E" O\'Neil'
    assert load_settings().trainee == 'Eve "E" O\'Neil'
    assert "trainee" in config_path().read_text()
