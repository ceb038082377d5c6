"""A trainer's week, through the command line: three trainees practise, the trainer reviews.

Each trainee practises on their own machine (their own CALLSIM_HOME) with piped stdin on
the scripted backend: coached calls, one exam call and one call left after a single line
(Ctrl-D). Ben practises a scenario. Each exports their week; the trainer imports all
three, reads the cohort report and each trainee's progress, and deletes a call.
"""

from __future__ import annotations

import io
import json
import re
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

from simulator.cli.main import main
from tests.conftest import ROOT, callsim

GOOD = [
    "I hear you, ten minutes is tight. Before I give you a number, what does it need to fix first?",
    "That sounds painful, two hours a day is a lot. What happens today when a truck runs late?",
    "I can't drop my rate, because it covers testing, but in exchange we could do phase one first.",
]
POOR = [
    "Let me tell you about our platform, we're the best in the business.",
    "Okay, fine, whatever you want, I'll do it for half price.",
    "Take it or leave it, that's my final offer.",
]
SCENARIO = "pit-bull-good-rep"


class Cli:
    """The real command line run in this process (one encoder load for the whole week)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.monkeypatch, self.capsys = monkeypatch, capsys

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def practise(self, who: str, lines: list[str], *flags: str, end: bool = True) -> str:
        """One piped practice call; returns its id."""
        text = "\n".join(lines) + ("\n/end\n" if end else "\n")  # no /end: Ctrl-D (EOF)
        code, out, err = self(
            "practice", "--backend", "scripted", "--trainee", who, "--seed", "5", *flags,
            stdin=text,
        )  # fmt: skip
        assert code == 0, err
        return re.findall(r"\(id ([\w.-]+)\)", out)[-1]


def test_a_trainer_reviews_a_week_of_three_trainees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(monkeypatch, capsys)
    ids: dict[str, dict[str, str]] = {}
    script = [t["text"] for t in yaml.safe_load((ROOT / "scenarios" / f"{SCENARIO}.yaml").read_text())["script"]]  # fmt: skip

    # --- the trainees' week, each on their own machine -----------------------------------
    plan = {"Ana": [GOOD, POOR, GOOD, GOOD], "Ben": [POOR, GOOD], "Cleo": [GOOD, POOR]}
    for who, coached in plan.items():
        monkeypatch.setenv("CALLSIM_HOME", str(tmp_path / who.lower()))
        mine = {f"coached-{n}": cli.practise(who, lines, "--persona", "pit-bull")
                for n, lines in enumerate(coached)}  # fmt: skip
        mine["exam"] = cli.practise(who, GOOD, "--persona", "pit-bull", "--mode", "exam")
        mine["ctrl-d"] = cli.practise(who, GOOD[:1], "--persona", "pit-bull", end=False)
        if who == "Ben":
            # A person works to the brief's success criteria: the pain uncovered, a verdict.
            said = [*script[:5], "What happens today when a truck runs late, and what does that cost you each week?", *script[5:]]  # fmt: skip
            verdict = "/verdict fit real budget, one decision-maker, a clear problem"
            code, out, _ = cli(
                "practice", "--scenario", SCENARIO, "--backend", "scripted", "--trainee", who,
                "--seed", "3", stdin="\n".join([*said, verdict, "/end"]) + "\n",
            )  # fmt: skip
            assert code == 0 and f"scenario {SCENARIO}: passed (outcome next_step_agreed: met; fact pain: uncovered; verdict fit: right)" in out  # fmt: skip
            mine["scenario"] = re.findall(r"\(id ([\w.-]+)\)", out)[-1]
        ids[who] = mine
        code, out, err = cli("export", str(tmp_path / f"{who}.tar.gz"), "--trainee", who.lower())
        assert code == 0 and f"exported {len(mine)} call(s)" in out, err

    # --- the trainer's machine --------------------------------------------------------------
    monkeypatch.setenv("CALLSIM_HOME", str(tmp_path / "trainer"))
    for who in plan:
        code, out, _ = cli("import", str(tmp_path / f"{who}.tar.gz"))
        assert code == 0 and f"imported {len(ids[who])} call(s)" in out

    # History marks every exam call, in the table and in CSV/JSON.
    _, out, _ = cli("history", "--json")
    exams = {r["id"] for r in json.loads(out) if r["mode"] == "exam"}
    assert exams == {ids[w]["exam"] for w in plan}
    _, out, _ = cli("history", "--csv", "--trainee", "ANA")
    assert out.splitlines()[0].startswith("id,date,kind,mode,trainee")
    assert sum(",exam," in line for line in out.splitlines()) == 1
    _, out, _ = cli("history")
    assert "EXAM" in next(line for line in out.splitlines() if ids["Cleo"]["exam"] in line)

    # The cohort report: a row per trainee, exam calls counted apart, short calls named.
    page, md = tmp_path / "week" / "cohort.html", tmp_path / "week" / "cohort.md"
    page.parent.mkdir()
    proc = callsim("report", "--cohort", "--html", str(page), "--md", str(md))
    assert proc.returncode == 0, proc.stderr
    text = md.read_text()
    for who in plan:
        (line,) = [r for r in text.splitlines() if r.startswith(f"| [{who}](")]
        cells = [c.strip() for c in line.split("|")[1:-1]]
        coached = len(plan[who]) + (who == "Ben")
        assert cells[1:3] == [str(coached), "1"], line  # coached calls, exam calls
        assert cells[3] != "-"  # the latest exam's result
        assert f"{who}: 1 call left out: fewer than 3 turns: {ids[who]['ctrl-d']}" in text
    assert re.search(r"\| \[Ana\]\(cohort-files/progress-ana\.html\) ", text)
    assert "(needs 4 calls)" in next(r for r in text.splitlines() if r.startswith("| [Cleo]"))
    # The page links each trainee to a progress page, and that page to each call's report.
    html = page.read_text()
    (csp,) = map(unescape, re.findall(r'Content-Security-Policy" content="([^"]+)"', html))
    assert csp.startswith("default-src 'none'") and "script" not in csp and "<script" not in html
    links = re.findall(r'<a href="([^"]+)">', html)
    assert sorted(links) == [f"cohort-files/progress-{w.lower()}.html" for w in sorted(plan)]
    ana = (page.parent / links[0]).read_text()
    assert "Progress: Ana" in ana and 'href="../cohort.html"' in ana
    for call_id in ids["Ana"].values():
        assert f'href="call-{call_id}.html"' in ana
        call_page = (page.parent / "cohort-files" / f"call-{call_id}.html").read_text()
        assert 'href="progress-ana.html">back to Ana</a>' in call_page
    assert "Exam calls" in ana and "1 call left out: fewer than 3 turns" in ana
    assert ids["Ben"]["coached-0"] not in ana

    # Progress for one trainee: only hers, the trend within one difficulty, the exam apart.
    _, out, _ = cli("progress", "--trainee", "ana")
    assert "Progress over 4 coached practice calls: Ana" in out
    assert "(normal, 4 calls)" in out and "Exam call (1), not in the trends above" in out
    assert ids["Ana"]["exam"] in out and ids["Ben"]["exam"] not in out
    assert f"1 call left out: fewer than 3 turns: {ids['Ana']['ctrl-d']}" in out
    _, out, _ = cli("progress", "--trainee", "Cleo")
    assert "needs 4 calls at one difficulty" in out
    wrong = callsim("progress", "--trainee", "Zed")
    assert wrong.returncode == 2
    assert wrong.stderr == "callsim: error: --trainee: no calls by 'Zed'; known trainees: Ana, Ben, Cleo\n"  # fmt: skip
    chart = tmp_path / "ben.html"
    code, _, _ = cli("report", "--progress", "--trainee", "BEN", "--html", str(chart))
    assert code == 0 and "Progress: Ben, all clients" in chart.read_text()

    # The exam call says so in review and in its report; the scenario's pass/fail is saved.
    _, out, _ = cli("review", ids["Ana"]["exam"])
    assert "(normal, exam call) on" in out.splitlines()[0]
    _, out, _ = cli("review", ids["Ben"]["scenario"])
    assert f"scenario {SCENARIO}: passed (" in out
    page = tmp_path / "scenario.html"
    cli("report", ids["Ben"]["scenario"], "--html", str(page))
    assert f"scenario {SCENARIO}: passed (" in page.read_text()
    report = tmp_path / "exam.md"
    cli("report", ids["Ben"]["exam"], "--md", str(report))
    assert "exam call" in report.read_text().splitlines()[0]

    # Delete: scripts must say --yes; a path is not an id; then the call is gone everywhere.
    victim = ids["Cleo"]["ctrl-d"]
    unasked = callsim("delete", victim)
    assert unasked.returncode == 2 and "pass --yes" in unasked.stderr
    assert callsim("delete", "../cohort.html", "--yes").returncode == 2
    assert callsim("delete", "no-such-call", "--yes").returncode == 2
    code, out, _ = cli("delete", victim, "--yes")
    assert code == 0 and f"deleted call {victim}" in out
    _, out, _ = cli("history", "--json")
    assert victim not in {r["id"] for r in json.loads(out)}
    assert not (tmp_path / "trainer" / "transcripts" / f"{victim}.jsonl").exists()
