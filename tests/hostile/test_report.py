"""Item 4: the HTML report escapes everything and runs no script; Markdown stays inert."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.review.html import report_html
from simulator.review.markdown import report_md
from simulator.review.view import load_view

XSS = '<img src=x onerror="document.title=1"><script>alert(1)</script></script>'


class Tags(HTMLParser):
    """Collects every start tag and attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def xss_call(isolated_home: Path) -> str:
    folder = isolated_home / "transcripts"
    folder.mkdir(parents=True)
    header = {
        "type": "header",
        "id": "xss-1",
        "persona": "pit-bull",
        "difficulty": "normal",
        "backend": "fake",
        "model": "m",
        "seed": 1,
        "started_at": 1.7e9,
        "scenario": XSS,
    }
    persona = {
        "type": "turn",
        "index": 0,
        "speaker": "persona",
        "text": XSS,
        "started_at": 1.7e9,
        "ended_at": 1.7e9,
    }
    trainee = dict(
        persona, index=1, speaker="trainee", text=f"You said {XSS} [x](javascript:alert(1))"
    )
    judge = {
        "type": "review",
        "source": "judge",
        "skills": {"empathy": 40, "boundary": 50},
        "reasoning": {"empathy": XSS},
        "moments": [{"you_said": "You said", "try_instead": XSS, "why": XSS}],
    }
    bad_judge = {"type": "review", "source": "judge", "skills": {"empathy": XSS}}
    lines = [header, persona, trainee, judge, bad_judge]
    (folder / "xss-1.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    return "xss-1"


def test_no_markup_from_a_transcript_becomes_a_tag(xss_call: str) -> None:
    page = report_html(load_view(xss_call))
    parser = Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "img" not in names
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "call-data"}]
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    csp = next(a for t, a in parser.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in (csp["content"] or "") and "script-src" not in (
        csp["content"] or ""
    )
    # The embedded data survives intact and cannot close its script element.
    data = page.split('id="call-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in data and json.loads(data)["id"] == "xss-1"


def test_markdown_export_neutralises_html_and_links(xss_call: str) -> None:
    from markdown_it import MarkdownIt  # rich's own dependency: a CommonMark renderer

    rendered = MarkdownIt("commonmark", {"html": True}).render(report_md(load_view(xss_call)))
    parser = Tags()
    parser.feed(rendered)
    names = {t for t, _ in parser.tags}
    assert not names & {"img", "script", "a"}
    assert "&lt;img" in rendered  # the words are still there, as text


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_headless_chromium_runs_nothing(xss_call: str, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text(report_html(load_view(xss_call)), encoding="utf-8")
    dom = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    assert "<title>callsim review" in dom  # document.title=1 never ran
    assert "<img" not in dom
