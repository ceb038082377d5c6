"""The HTML pages fit a phone and a projector, and their charts keep every point visible."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.chromium import Browser, find_browser
from bench.fixtures import write_calls
from simulator.review.cohort import build, page
from simulator.review.html import CSS, progress_html, report_html
from simulator.review.index import CallIndex
from simulator.review.progress import practice_only
from simulator.review.svg import CHAR, NARROW_WIDTH, line_chart, thinned, time_labels
from simulator.review.view import load_view

PHONE = 390


class Tree(HTMLParser):
    """Each table's enclosing elements, each svg's class and viewBox, the viewport meta."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.tables: list[list[tuple[str, str]]] = []
        self.svgs: list[tuple[str, str]] = []
        self.viewport = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append(list(self.stack))
        if tag == "svg":
            self.svgs.append((a.get("class", ""), a.get("viewbox", "")))
        if tag == "meta" and a.get("name") == "viewport":
            self.viewport = a.get("content", "")
        if tag not in ("meta", "br", "link", "img", "input", "col"):
            self.stack.append((tag, a.get("class", "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("meta", "br", "link", "img", "input", "col"):
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


@pytest.fixture
def pages(isolated_home: Path, tmp_path: Path) -> dict[str, str]:
    """The call report, progress of 30 calls and the cohort, as HTML."""
    ids = write_calls(isolated_home / "transcripts", 30)
    rows = CallIndex.open().calls()
    return {
        "report": report_html(load_view(ids[-1])),
        "progress": progress_html("Progress", practice_only(rows)),
        "cohort": page(build(rows), "Cohort"),
    }


def test_every_table_scrolls_in_its_own_box_and_every_chart_has_a_phone_layout(
    pages: dict[str, str],
) -> None:
    for name, html in pages.items():
        tree = Tree()
        tree.feed(html)
        assert "width=device-width" in tree.viewport, name
        assert tree.tables, name
        for parents in tree.tables:
            # A wide table may scroll sideways inside this box; the page itself never does.
            assert parents and parents[-1] == ("div", "scroll"), (name, parents)
        narrow = [box for cls, box in tree.svgs if "narrow" in cls.split()]
        wide = [box for cls, box in tree.svgs if "wide" in cls.split()]
        assert len(narrow) == len(wide), name
        for box in narrow:
            assert int(box.split()[2]) <= PHONE, (name, box)


def test_the_stylesheet_has_nothing_wider_than_a_phone() -> None:
    # Fixed widths (not max-width caps, not media queries) above 390 px would push a phone
    # page sideways.
    fixed = re.findall(r"(?<![\w(-])(?:min-)?width\s*:\s*(\d+)px", CSS)
    assert all(int(px) <= PHONE for px in fixed), fixed
    assert ".chart.wide { display: none; }" in CSS and "@media (max-width: 560px)" in CSS
    # Chart text at 12 units in a 360-unit drawing shown about 340 px wide: over 11 px.
    size = re.search(r"\.chart \.axis \{ font-size: (\d+)px", CSS)
    assert size and int(size.group(1)) * (PHONE - 48) / NARROW_WIDTH >= 11


def test_a_point_reads_as_a_whole_number() -> None:
    """Hovering a state point showed 'trust 2 34.869': what a person reads is whole."""
    chart = line_chart("t", ["1", "2"], {"trust": [34.869, 53.9775]}, {"trust": "#000"})
    values = [p["value"] for p in chart["series"][0]["points"]]  # type: ignore[index]
    assert values == ["1 35", "2 54"]


def _marks(chart: dict[str, object]) -> dict[str, list[tuple[float, float]]]:
    return {
        s["name"]: [(float(p["x"]), float(p["y"])) for p in s["points"]]
        for s in chart["series"]  # type: ignore[attr-defined]
    }


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_coinciding_points_of_different_series_are_all_visible(layout: str) -> None:
    # The reported case: boundary 100 under a win-win point, and four skills tied.
    series: dict[str, list[float | None]] = {
        "empathy": [50, 80, 77, None],
        "boundary": [50, 100, 77, 0],
        "pacing": [50, 45, 20, 1],
        "winwin": [50, 99, 77, 0],
    }
    chart = line_chart("t", ["1", "2", "3", "4"], series, {k: "#000" for k in series})
    c = chart if layout == "wide" else chart["narrow"]
    marks = _marks(c)
    radius = float(c["series"][0]["radius"])
    base, top = float(c["base"]), float(marks["boundary"][1][1])  # boundary 100 is the top
    for i in range(4):
        placed = [(k, marks[k][j]) for k in series for j in [_nth(series[k], i)] if j is not None]
        for a in range(len(placed)):
            for b in range(a + 1, len(placed)):
                (ka, (xa, ya)), (kb, (xb, yb)) = placed[a], placed[b]
                # Centres at least a marker apart: no point is hidden under another.
                assert (xa - xb) ** 2 + (ya - yb) ** 2 >= (2 * radius) ** 2 - 0.01, (i, ka, kb)
    # Each marker still sits at its own value (so the chart agrees with the table).
    for k, values in series.items():
        got = [v for v in values if v is not None]
        for v, (_, y) in zip(got, marks[k], strict=True):
            assert abs(y - (base - v / 100 * (base - top))) < 0.11, (k, v, y)


def _nth(values: list[float | None], i: int) -> int | None:
    """The position of values[i] among the non-missing values, or None when it is missing."""
    return None if values[i] is None else sum(v is not None for v in values[:i])


@pytest.mark.parametrize("n", [1, 2, 6, 12, 25, 40])
def test_every_turn_has_a_tick_and_labels_never_collide(n: int) -> None:
    flat: dict[str, list[float | None]] = {"a": [50.0] * n}
    chart = line_chart("t", [str(i) for i in range(1, n + 1)], flat)
    for c in (chart, chart["narrow"]):
        assert len(c["ticks"]) == n
        _no_collisions(c)
        assert c["labels"][-1]["text"] == str(n)  # the final turn is always labelled


def _no_collisions(c: dict[str, object]) -> None:
    spans = []
    for label in c["labels"]:  # type: ignore[attr-defined]
        x, w = float(label["x"]), len(label["text"]) * CHAR
        left = {"start": x, "middle": x - w / 2, "end": x - w}[label["anchor"]]
        spans.append((left, left + w))
        assert left >= 0 and left + w <= int(c["width"]), label  # type: ignore[call-overload]
    for (_, a_end), (b_start, _) in itertools.pairwise(spans):
        assert b_start > a_end, spans


def test_time_labels_say_the_time_for_one_day_and_the_date_across_days() -> None:
    day = datetime(2026, 12, 6, 9, 0).timestamp()
    assert time_labels([day, day + 3600, day + 5400]) == ["09:00", "10:00", "10:30"]
    assert time_labels([day, day + 86_400]) == ["12-06", "12-07"]
    assert time_labels([day, day + 40 * 86_400]) == ["2026-12-06", "2027-01-15"]
    # Three calls a day for 50 days: each day is labelled once at most, and none collide.
    september = datetime(2026, 9, 1, 9, 0).timestamp()
    stamps = [september + i * 86_400 / 3 for i in range(150)]
    labels = time_labels(stamps)
    flat: dict[str, list[float | None]] = {"a": [50.0] * 150}
    chart = line_chart("t", labels, flat)
    for c in (chart, chart["narrow"]):
        texts = [label["text"] for label in c["labels"]]
        assert len(texts) == len(set(texts)) >= 4
        _no_collisions(c)
    # Calls at 09:00, 17:00, 01:00 ...: a day's later calls are ticked but not labelled again,
    # and a label too close to the first one is left out.
    xs = [30.0 * i for i in range(6)]
    assert labels[:6] == ["09-01", "09-01", "09-02", "09-02", "09-02", "09-03"]
    assert thinned(labels[:6], xs) == [(0, "09-01"), (5, "09-03")]


@pytest.mark.skipif(find_browser() is None, reason="chromium not installed")
def test_pages_fit_a_true_390_px_phone_viewport_in_chromium(
    pages: dict[str, str], tmp_path: Path
) -> None:
    with Browser(find_browser() or "chromium") as browser:
        for name, html in pages.items():
            path = tmp_path / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            for width, height in ((PHONE, 844), (1280, 900)):
                m = browser.measure(path, width, height)
                assert m.problems(name) == []
                assert m.min_svg_font is None or m.min_svg_font >= 9, (name, width)
