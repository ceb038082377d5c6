"""Screenshots of the single-call report and of progress at 5, 30 and 150 calls, checked.

Usage: python bench/screens.py [OUT_DIR]   (default docs/screenshots; needs Debian's `chromium`)
For each page it checks that the HTML holds the data (every call in the chart data and the
table, one dot per scored call in each chart, batch runs left out, date labels thinned) and
that Chromium rendered a screenshot that is not blank. Exits non-zero on any failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1000,2200",
]


def distinct_rows(png: Path) -> int:
    """How many different pixel rows the PNG has: a blank page has one or two."""
    data = png.read_bytes()
    pos, idat, height = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            _, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = len(raw) // max(1, height)
    return len({raw[i * stride + 1 : (i + 1) * stride] for i in range(height)})


def shoot(browser: str, page: Path, out: Path, profile: str) -> list[str]:
    """Render one page; problems, if any."""
    subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={out}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if not out.exists():
        return [f"{out.name}: no screenshot"]
    rows = distinct_rows(out)
    return [] if rows > 200 else [f"{out.name}: looks blank ({rows} distinct rows)"]


def check_progress(html: str, n: int) -> list[str]:
    """The chart data, dots and table hold all n practice calls and no batch run."""
    problems = []
    data = json.loads(re.search(r'id="progress-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    if len(data["ids"]) != n or any(i.startswith("run-") for i in data["ids"]):
        problems.append(f"progress data has {len(data['ids'])} calls, expected {n} practice calls")
    for skill, values in data["series"].items():
        if len(values) != n:
            problems.append(f"series {skill}: {len(values)} values, expected {n}")
    dots = len(re.findall(r'<circle [^>]*data-series="each call"', html))
    scored = sum(v is not None for k, vs in data["series"].items() for v in vs)
    if dots != scored:
        problems.append(f"{dots} dots drawn, {scored} scores in the data")
    rows = len(re.findall(r"<tr><td class=\"n\">\d+</td>", html))
    if rows != n:
        problems.append(f"calls table has {rows} rows, expected {n}")
    labels = re.findall(r'class="axis" text-anchor="middle">', html)
    if len(labels) > 8 * 5:
        problems.append(f"{len(labels)} date labels: not thinned")
    return problems


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots").resolve()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (5, 30, 150):
            home = Path(tmp) / f"home{n}"
            os.environ["CALLSIM_HOME"] = str(home)
            from bench.fixtures import write_calls
            from simulator.review.html import progress_html
            from simulator.review.index import CallIndex
            from simulator.review.progress import practice_only

            write_calls(home / "transcripts", n)
            rows = practice_only(CallIndex.open().calls())
            html = progress_html(f"Progress: {n} calls", rows)
            page = Path(tmp) / f"progress-{n}.html"
            page.write_text(html, encoding="utf-8")
            problems += [f"progress {n}: {p}" for p in check_progress(html, n)]
            problems += shoot(browser, page, out_dir / f"progress-{n}.png", f"{tmp}/p{n}")
        problems += report_shot(browser, Path(tmp), out_dir)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"screenshots in {out_dir}" + ("" if not problems else f"; {len(problems)} problem(s)"))
    return 1 if problems else 0


def report_shot(browser: str, tmp: Path, out_dir: Path) -> list[str]:
    """A real scripted call (the real referee) rendered as the single-call report."""
    os.environ["CALLSIM_HOME"] = str(tmp / "home-report")
    from simulator.backends.scripted import ScriptedBackend
    from simulator.engine.call import Call
    from simulator.models import CallHeader, Verdict
    from simulator.personas import get_persona
    from simulator.referee import default_referee
    from simulator.review.html import report_html
    from simulator.review.view import load_view
    from simulator.transcript import TranscriptWriter, transcripts_dir
    from simulator.vocabulary import Difficulty

    persona = get_persona("scope-creeper")
    header = CallHeader(id="screens-report", persona=persona.id, difficulty=Difficulty.HARD,
                        backend="scripted", model="none", seed=3, started_at=1_790_000_000.0)  # fmt: skip
    path = transcripts_dir() / "screens-report.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    call = Call(persona, header, ScriptedBackend(), default_referee(), TranscriptWriter(path))  # type: ignore[arg-type]
    list(call.opening())
    for text in (
        "Sure, fire away",
        "ok whatever, we can do all of it, no problem",
        "I hear you, the date matters. Before we add chat, what matters most for the launch?",
        "I can't add chat for the same price, because the date would slip, but we could phase it.",
    ):
        call.say(text)
        list(call.reply())
    call.set_verdict(Verdict(verdict="no-fit", reason="fixed budget, growing scope"))
    call.end()
    page = tmp / "report.html"
    html = report_html(load_view("screens-report"))
    page.write_text(html, encoding="utf-8")
    problems = [] if "Your turn 2" in html else ["report: the worst turn is not among the moments"]
    return problems + shoot(browser, page, out_dir / "report.png", f"{tmp}/r")


if __name__ == "__main__":
    sys.exit(main())
