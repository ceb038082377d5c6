"""Screenshots of the call report, progress at 5, 30 and 150 calls and the cohort, checked.

Usage: python -m bench.screens [OUT_DIR]   (default docs/screenshots; needs Debian's `chromium`)
Each page is laid out at a desktop/projector 1280x900 and at a true phone 390x844 viewport
(DevTools device emulation: a headless window cannot be narrower than 500 px), measured,
and saved at its full length as NAME-1280.png and NAME-390.png. It checks that the HTML
holds the data (every call in the chart data and the table, one marker per scored call,
batch runs left out, labels thinned) and that at both widths the page is no wider than the
viewport, nothing sticks out, and the chart text is at least 9 px. Exits non-zero on any failure.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

from bench.chromium import Browser, find_browser

VIEWPORTS = ((1280, 900), (390, 844))
MIN_CHART_FONT = 9.0  # px on screen; the old charts drew 6 px labels on a phone
TRAINEES = (("Ana", 30, 7), ("Ben", 6, 8), ("Maria-José Fernández-García", 150, 9))


def check_progress(html: str, n: int) -> list[str]:
    """The chart data, markers and table hold all n practice calls and no batch run."""
    problems = []
    data = json.loads(re.search(r'id="progress-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    if len(data["ids"]) != n or any(i.startswith("run-") for i in data["ids"]):
        problems.append(f"progress data has {len(data['ids'])} calls, expected {n} practice calls")
    for skill, values in data["series"].items():
        if len(values) != n:
            problems.append(f"series {skill}: {len(values)} values, expected {n}")
    # Each chart is drawn twice (wide and narrow layout), each with one marker per score.
    dots = len(re.findall(r'<circle [^>]*data-series="each call"', html))
    scored = sum(v is not None for k, vs in data["series"].items() for v in vs)
    if dots != 2 * scored:
        problems.append(f"{dots} markers drawn, {2 * scored} expected (two layouts)")
    rows = len(re.findall(r"<tr><td class=\"n\">\d+</td>", html))
    if rows != n:
        problems.append(f"calls table has {rows} rows, expected {n}")
    labels = re.findall(r'class="axis xlabel"', html)
    if len(labels) > 2 * 5 * 14:
        problems.append(f"{len(labels)} date labels: not thinned")
    return problems


def shoot_both(browser: Browser, page: Path, name: str, out_dir: Path) -> list[str]:
    """Both viewports of one page: screenshots saved, problems returned."""
    problems = []
    for width, height in VIEWPORTS:
        m = browser.shoot(page, out_dir / f"{name}-{width}.png", width, height)
        problems += m.problems(f"{name} at {width}")
        if m.min_svg_font is not None and m.min_svg_font < MIN_CHART_FONT:
            problems.append(f"{name} at {width}: chart text {m.min_svg_font:.1f} px")
        print(
            f"{name} at {width}x{height}: {m.scroll} px wide, {m.height} px long", file=sys.stderr
        )
    return problems


def same_day(folder: Path) -> None:
    """Move every call in folder onto one afternoon, 40 minutes apart (the same-day case)."""
    for k, path in enumerate(sorted(folder.glob("*.jsonl"))):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = json.loads(lines[0])
        head["started_at"] = 1_790_000_000.0 + 2400 * k
        path.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n", encoding="utf-8")


def progress_page(tmp: Path, n: int) -> tuple[Path, list[str]]:
    """The progress page of n fixture calls (5 calls: all on one day)."""
    home = tmp / f"home{n}"
    os.environ["CALLSIM_HOME"] = str(home)
    from bench.fixtures import write_calls
    from simulator.review.html import progress_html
    from simulator.review.index import CallIndex
    from simulator.review.progress import practice_only

    write_calls(home / "transcripts", n)
    if n <= 5:
        same_day(home / "transcripts")
    rows = practice_only(CallIndex.open().calls())
    html = progress_html(f"Progress: {n} calls", rows)
    page = tmp / f"progress-{n}.html"
    page.write_text(html, encoding="utf-8")
    return page, [f"progress {n}: {p}" for p in check_progress(html, n)]


def cohort_page(tmp: Path) -> tuple[Path, list[str]]:
    """Three trainees (one with a long name and 150 calls) and two scenarios' batch runs."""
    home = tmp / "home-cohort"
    os.environ["CALLSIM_HOME"] = str(home)
    from bench.fixtures import write_calls
    from simulator.review.cohort import build, page
    from simulator.review.index import CallIndex

    folder = home / "transcripts"
    folder.mkdir(parents=True)
    for name, n, seed in TRAINEES:
        src = tmp / f"cohort-{seed}"
        write_calls(src, n, runs=1, seed=seed, start=1_790_000_000.0 + seed * 3600)
        for path in src.glob("*.jsonl"):
            lines = path.read_text(encoding="utf-8").splitlines()
            head = json.loads(lines[0])
            head["id"] = f"{head['id']}-{seed}"
            if head.get("trainee"):
                head["trainee"] = name
            text = "\n".join([json.dumps(head), *lines[1:]]) + "\n"
            (folder / f"{head['id']}.jsonl").write_text(text, encoding="utf-8")
    html = page(build(CallIndex.open().calls()), "Cohort: three trainees")
    out = tmp / "cohort.html"
    out.write_text(html, encoding="utf-8")
    problems = [] if all(t[0] in html for t in TRAINEES[:2]) else ["cohort: a trainee is missing"]
    return out, problems


TURNS = {
    "en": (
        "Sure, fire away",
        "ok whatever, we can do all of it, no problem",
        "I hear you, the date matters. Before we add chat, what matters most for the launch?",
        "I can't add chat for the same price, because the date would slip, but we could phase it.",
        "So the launch date is fixed. What would make phase one a win for your board?",
        "If we ship the catalogue first and chat in phase two, you keep the date and the budget.",
    ),
    "id": (
        "Oke, silakan",
        "ya udah, semua bisa kami kerjakan, nggak masalah",
        "Saya paham tanggalnya penting. Sebelum tambah chat, apa yang paling penting saat launch?",
        "Chat nggak bisa masuk di harga yang sama, tanggalnya bakal mundur, tapi bisa kita bagi fase.",
        "Jadi tanggal launch tetap. Apa yang bikin fase satu dianggap berhasil sama investor?",
        "Kalau katalog rilis dulu dan chat di fase dua, tanggal dan budget tetap aman.",
    ),
}
REASONS = {"en": "fixed budget, growing scope", "id": "budget tetap, scope terus nambah"}


def _report(tmp: Path, lang: str) -> tuple[Path, str]:
    """A real scripted call with the scope creeper (the real referee) in LANG, rendered as the
    single-call report in the call's language, as `callsim report` does."""
    os.environ["CALLSIM_HOME"] = str(tmp / f"home-report-{lang}")
    from simulator.backends.scripted import ScriptedBackend
    from simulator.engine.call import Call
    from simulator.i18n import lang_scope
    from simulator.models import CallHeader, Verdict
    from simulator.personas import get_persona
    from simulator.referee import default_referee
    from simulator.review.html import report_html
    from simulator.review.view import load_view
    from simulator.transcript import TranscriptWriter, transcripts_dir
    from simulator.vocabulary import Difficulty

    persona = get_persona("scope-creeper", lang)
    call_id = f"screens-report-{lang}"
    header = CallHeader(id=call_id, persona=persona.id, difficulty=Difficulty.HARD,
                        backend="scripted", model="none", seed=3, started_at=1_790_000_000.0,
                        lang=lang)  # fmt: skip
    path = transcripts_dir() / f"{call_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    call = Call(persona, header, ScriptedBackend(), default_referee(), TranscriptWriter(path))
    list(call.opening())
    for text in TURNS[lang]:
        call.say(text)
        list(call.reply())
    call.set_verdict(Verdict(verdict="no-fit", reason=REASONS[lang]))
    call.end()
    view = load_view(call_id)
    with lang_scope(view.lang):
        html = report_html(view)
    page = tmp / f"report-{lang}.html"
    page.write_text(html, encoding="utf-8")
    return page, html


def report_page(tmp: Path) -> tuple[Path, list[str]]:
    """The English call's report: its worst turn among the moments."""
    page, html = _report(tmp, "en")
    problems = [] if "Your turn 2" in html else ["report: the worst turn is not among the moments"]
    return page, problems


def report_page_id(tmp: Path) -> tuple[Path, list[str]]:
    """The same call in Indonesian with the Indonesian cast: the report in the call's language."""
    page, html = _report(tmp, "id")
    problems = [] if '<html lang="id">' in html else ["report-id: the page is not Indonesian"]
    return page, problems


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots").resolve()
    binary = find_browser()
    if binary is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as name, Browser(binary) as browser:
        tmp = Path(name)
        pages = [("report", report_page(tmp)), ("report-id", report_page_id(tmp))]
        pages += [(f"progress-{n}", progress_page(tmp, n)) for n in (5, 30, 150)]
        pages.append(("cohort", cohort_page(tmp)))
        for label, (page, found) in pages:
            problems += found + shoot_both(browser, page, label, out_dir)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"screenshots in {out_dir}" + ("" if not problems else f"; {len(problems)} problem(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
