"""Root cause 3: every command that prints or renders user-controlled text goes through the
display filter (terminal, CSV, Markdown, HTML, JUnit): no escape codes, no markup read as
markup, no live formulas, no tags."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import tarfile
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import callsim
from tests.hostile.server import Hostile

# A terminal title change, clear screen, an OSC 8 hyperlink, a one-byte CSI, an RTL
# override, and Rich markup that would restyle (or crash) a table.
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"
EVIL = f"T \x1b]0;pwned\x07 \x1b[2J {OSC8} \x9b31m \u202egnp.exe [reverse]inverse[/reverse] [/]"
XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
# What must never reach a terminal or a file: C0 (bar tab/newline), DEL, C1, bidi controls.
BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> bool:
    return BAD.search(text) is None


def scenario(sid: str, title: str = EVIL, text: str = EVIL) -> dict[str, object]:
    return {
        "schema_version": 1,
        "id": sid,
        "title": title,
        "persona": "pit-bull",
        "brief": {"situation": text, "goal": text},
        "targets": ["empathy"],
        "expect": {},
        "script": [{"text": f"What matters most to you? {text}"}],
    }


def write_scenarios(folder: Path) -> Path:
    """A valid scenario full of escapes, and broken files whose names hold escapes and markup."""
    folder.mkdir(parents=True, exist_ok=True)
    # JSON is YAML; json.dumps writes each control character as an escape YAML reads back.
    (folder / "evil.yaml").write_text(json.dumps(scenario("evil")), encoding="utf-8")
    (folder / "bad\x1b]0;pwned\x07[bold]\u202e.yaml").write_text("title: [", encoding="utf-8")
    (folder / "worse[reverse]x.yaml").write_text(
        json.dumps(scenario("wrong-id", text="[/]")), encoding="utf-8"
    )
    return folder


def test_scenarios_list_prints_no_escapes_and_reads_no_markup(isolated_home: Path) -> None:
    write_scenarios(isolated_home / "scenarios")
    proc = callsim("scenarios", "list")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert clean(proc.stdout) and clean(proc.stderr)
    assert "worse[reverse]x" in proc.stdout  # shown literally, not parsed as a style
    assert "invalid" in proc.stdout and "evil" in proc.stdout


def test_scenarios_show_prints_title_brief_and_script_clean(isolated_home: Path) -> None:
    write_scenarios(isolated_home / "scenarios")
    proc = callsim("scenarios", "show", "evil")
    assert proc.returncode == 0, proc.stderr
    assert clean(proc.stdout) and clean(proc.stderr)
    assert "gnp.exe [reverse]inverse[/reverse] [/]" in proc.stdout  # the words stay, as text
    assert "click me" in proc.stdout and "evil.example" not in proc.stdout  # no live link
    assert "What matters most to you?" in proc.stdout


def test_run_prints_broken_scenario_lines_clean(isolated_home: Path, tmp_path: Path) -> None:
    folder = write_scenarios(tmp_path / "mine")
    out = tmp_path / "r.json"
    proc = callsim("run", str(folder), "--backend", "scripted", "--json", str(out))
    assert proc.returncode == 1, proc.stderr  # the broken files fail the batch
    assert "Traceback" not in proc.stderr
    assert clean(proc.stdout) and clean(proc.stderr)
    assert "bad" in proc.stderr and "worse[reverse]x" in proc.stderr
    assert json.loads(out.read_text())["passed"] == 1


def test_a_server_error_holding_markup_mid_run_still_prints_the_table_and_json(
    hostile: Hostile, tmp_path: Path
) -> None:
    hostile.mode = "fails_later"
    out = tmp_path / "r.json"
    proc = callsim(
        "run",
        "pit-bull-good-rep",
        "--backend",
        "openai",
        "--base-url",
        hostile.url,
        "--json",
        str(out),
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 5, proc.stderr  # an error, not a pass, and not a crash
    assert "upstream [/] gone" in proc.stdout and "[bold]" in proc.stdout  # shown literally
    assert json.loads(out.read_text())["errors"] == 1


def archive_with(path: Path, members: dict[str, bytes], listed: dict[str, bytes]) -> Path:
    """A callsim export: the manifest lists `listed` (call id -> data); members are written."""
    calls = {
        cid: {"file": f"transcripts/{cid}.jsonl", "sha256": hashlib.sha256(data).hexdigest()}
        for cid, data in listed.items()
    }
    manifest = {"format": "callsim-export", "version": 1, "exported_at": 1.7e9, "calls": calls}
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [
            ("callsim-export.json", json.dumps(manifest).encode()),
            *members.items(),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_import_prints_member_names_clean(isolated_home: Path, tmp_path: Path) -> None:
    members = {
        "transcripts/\x1b]0;pwned\x07\x1b[2J[/]\u202e.jsonl": b"{}\n",
        f"transcripts/{OSC8}.txt": b"x",
    }
    proc = callsim("import", str(archive_with(tmp_path / "a.tar.gz", members, {})))
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert clean(proc.stdout) and clean(proc.stderr)
    assert proc.stderr.count("unexpected member") == 2
    assert "click me" in proc.stderr and "evil.example" not in proc.stderr


def transcript(cid: str, trainee: str, scenario_name: str, kind: str = "practice") -> str:
    header = {
        "type": "header",
        "id": cid,
        "persona": "pit-bull",
        "difficulty": "normal",
        "backend": "fake",
        "model": EVIL,
        "seed": 1,
        "started_at": 1.7e9,
        "scenario": scenario_name,
        "kind": kind,
        "trainee": trainee,
    }
    turn = {
        "type": "turn",
        "index": 0,
        "speaker": "trainee",
        "text": f"What matters most? {EVIL}",
        "started_at": 1.7e9,
        "ended_at": 1.7e9,
    }
    return "\n".join(json.dumps(r) for r in (header, turn)) + "\n"


def test_history_csv_is_plain_and_defuses_formulas(isolated_home: Path) -> None:
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    formula = '=HYPERLINK("https://evil.example","x")'
    (folder / "a-1.jsonl").write_text(transcript("a-1", formula, EVIL), encoding="utf-8")
    (folder / "a-2.jsonl").write_text(transcript("a-2", "@SUM(1)", "+1-2"), encoding="utf-8")
    proc = callsim("history", "--csv")
    assert proc.returncode == 0, proc.stderr
    assert clean(proc.stdout) and clean(proc.stderr)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["trainee"] for r in rows] == [f"'{formula}", "'@SUM(1)"]
    assert rows[1]["scenario"] == "'+1-2"
    assert "[reverse]inverse[/reverse]" in rows[0]["scenario"]
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


class Tags(HTMLParser):
    """Collects every start tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if tag == "a" and k == "href"]


def test_cohort_markdown_lets_no_tag_through(isolated_home: Path, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt  # rich's own dependency: a CommonMark renderer

    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    (folder / "p-1.jsonl").write_text(transcript("p-1", XSS + EVIL, "s"), encoding="utf-8")
    run = transcript("run-1", "", XSS + EVIL, kind="run")
    (folder / "run-1.jsonl").write_text(run, encoding="utf-8")
    out = tmp_path / "c.md"
    proc = callsim("report", "--cohort", "--md", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert clean(text)
    parser = Tags()
    parser.feed(MarkdownIt("commonmark", {"html": True}).enable("table").render(text))
    assert not set(parser.tags) & {"img", "script", "a"}
    assert "&lt;img" in MarkdownIt("commonmark").enable("table").render(text)  # words kept


# The property: whatever a scenario folder, an archive or a transcript holds, every command
# that shows it prints no control, escape or bidi character, no live formula, no raw tag.
PARTS = st.sampled_from(
    [
        "\x1b]0;t\x07",
        "\x1b[2J",
        OSC8,
        "\x9b31m",
        "\x00",
        "\r",
        "\x7f",
        "\x85",
        "\u202e",
        "\u2066",
        "\u2028",
        "[/]",
        "[reverse]",
        "[bold]x[/bold]",
        "<img src=x onerror=alert(1)>",
        "<script>",
        "</td>",
        "=1+1",
        "+",
        "-",
        "@",
        "|",
        "&amp;",
        "\n",
        "\t",
        "What matters most? ",
    ]
)
FUZZ = st.lists(st.one_of(PARTS, st.text(max_size=12)), max_size=6).map("".join)
NAME = st.lists(PARTS.filter(lambda p: "/" not in p and "\x00" not in p), max_size=3).map(
    lambda parts: "n" + "".join(parts)
)
PROPERTY = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def in_process(*argv: str) -> tuple[int, str, str]:
    """The real command line, in this process (a subprocess per example would be too slow)."""
    from simulator.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def fuzzed_home(root: Path, text: str, name: str) -> tuple[Path, Path]:
    """A scenario folder (one valid file full of `text`, one broken file named `name`) and an
    archive with a valid call full of `text` and a damaged member named `name`."""
    folder = root / "home" / "scenarios"
    folder.mkdir(parents=True)
    sc = scenario("fuzzy", title=text, text=text)
    sc["script"] = [{"text": "x" + text}]  # one turn: each costs the referee a read
    # PyYAML's own writer: its escapes (unlike JSON's surrogate pairs) read back for any text.
    (folder / "fuzzy.yaml").write_text(yaml.safe_dump(sc), encoding="utf-8")
    (folder / f"{name}.yaml").write_text(json.dumps({"title": text}), encoding="utf-8")
    call = transcript("fz-1", text, text).replace(json.dumps(EVIL), json.dumps(text)).encode()
    members = {"transcripts/fz-1.jsonl": call, f"transcripts/{name}": b"{}"}
    archive = archive_with(root / "a.tar.gz", members, {"fz-1": call})
    return folder, archive


@PROPERTY
@given(text=FUZZ, name=NAME)
def test_every_command_showing_user_text_goes_through_the_filter(
    text: str, name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("doors")
    folder, archive = fuzzed_home(root, text, name)
    md_out = root / "c.md"
    runs = [
        (("scenarios", "list"), {0}),
        (("scenarios", "show", "fuzzy"), {0}),
        (("run", str(folder), "--backend", "scripted", "--junit", str(root / "j.xml")), {1}),
        (("import", str(archive)), {3}),  # the member named `name` is damaged
        (("history", "--csv"), {0}),
        (("report", "--cohort", "--md", str(md_out), "--html", str(root / "c.html")), {0}),
    ]
    with mock.patch.dict(os.environ, {"CALLSIM_HOME": str(root / "home")}):
        shown = {argv: in_process(*argv) for argv, _ in runs}
    for argv, codes in runs:
        code, out, err = shown[argv]
        assert code in codes, (argv, err)
        assert clean(out) and clean(err), argv
    ElementTree.parse(root / "j.xml")  # XML 1.0 forbids control characters: CI would choke
    table = list(csv.reader(io.StringIO(shown[("history", "--csv")][1])))
    assert len(table) == 3  # the header, the imported call, the batch run
    assert not any(c.startswith(("=", "+", "-", "@")) for row in table for c in row)
    md = md_out.read_text(encoding="utf-8")
    assert clean(md) and not re.search(r"(?<!\\)<", md)  # every `<` from data is escaped
    page = (root / "c.html").read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(page)
    assert clean(page) and not set(parser.tags) & {"img", "script"}
    # The only links are ours: each trainee's progress page, a safe relative file name.
    assert parser.tags.count("a") == len(parser.hrefs)
    assert all(re.fullmatch(r"c-files/progress-[a-z0-9-]+\.html", h or "") for h in parser.hrefs)
    for linked in (root / "c-files").iterdir():
        assert clean(linked.read_text(encoding="utf-8")), linked.name


def test_markdown_makes_no_bare_link_of_a_name() -> None:
    """GitHub links bare https://... and www....; a trainee name must stay text."""
    from simulator.display import md

    out = md("Ana https://phish.example www.phish.example")
    assert "https://" not in out and "www." not in out
    assert out.replace("\\", "") == "Ana https://phish.example www.phish.example"
