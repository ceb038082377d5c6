"""Line charts as plain data for the SVG template: no scripts, nothing from the network.

Every chart comes in two layouts, a wide one and a narrow one the page shows on a phone
(CSS picks; no script can). The narrow one is drawn at about a phone's width so its text
is not shrunk to a few pixels. Points of different series that would cover each other are
moved apart sideways and drawn in different shapes, so every value stays visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

WIDTH, HEIGHT = 640, 220
# A phone's chart: 390 px less the page's margins, so it is drawn at about 1:1 and its
# 12-unit text stays near 12 px (a 640-wide chart squeezed to 340 px had 6 px labels).
NARROW_WIDTH = 360
FONT = 12  # axis text, in chart units
CHAR = 0.62 * FONT  # a generous width for one character of axis text
LEFT, RIGHT, BOTTOM = 32, 14, 30
SHAPES = ("circle", "square", "diamond", "triangle")
NICE = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
TICK_ROOM = 6.0  # below this spacing per point, ticks only where a label is (no comb)
MIN_MARK_OPACITY = 0.6  # a faint series still shows every one of its points


@dataclass
class Series:
    """One line: its values, colour, and whether it is drawn as dots, a line or both."""

    values: list[float | None]
    color: str
    line: bool = True
    dots: bool = True
    width: float = 2.0
    opacity: float = 1.0


def time_labels(stamps: list[float]) -> list[str]:
    """Axis labels for calls: the time when all are on one day, else the date (year if mixed)."""
    days = {datetime.fromtimestamp(t).date() for t in stamps}
    if len(days) <= 1:
        fmt = "%H:%M"  # "12-06" under every call said nothing; the page states the day once
    elif len({d.year for d in days}) > 1:
        fmt = "%Y-%m-%d"
    else:
        fmt = "%m-%d"
    return [datetime.fromtimestamp(t).strftime(fmt) for t in stamps]


def thinned(labels: list[str], xs: list[float]) -> list[tuple[int, str]]:
    """Labels that never run into each other: repeats dropped, evenly spaced, the last kept."""
    width = max((len(s) for s in labels), default=0) * CHAR + 6
    # A run of equal labels (calls on one day) is labelled once, at its first call.
    firsts = [i for i in range(len(labels)) if i == 0 or labels[i] != labels[i - 1]]
    if len(xs) > 1 and all(s.isdigit() for s in labels):
        # Turn numbers: label round ones (5, 10, 15 ...) rather than 1, 4, 7 ...
        need = width / (xs[1] - xs[0])
        stride = next(k for k in (*NICE, len(xs)) if k >= need)
        last = len(labels) - 1
        firsts = [i for i in firsts if i in (0, last) or int(labels[i]) % stride == 0]
    picked: list[int] = []
    for i in firsts:
        # The first label may be drawn left-aligned at the chart's edge: half as much again.
        if not picked or xs[i] - xs[picked[-1]] >= width * (1.5 if len(picked) == 1 else 1):
            picked.append(i)
    if not picked:
        return []
    if picked[-1] != firsts[-1]:
        picked.append(firsts[-1])
    # The newest call or final turn is the one a reader looks for: it stays, and gets half
    # as much room again, as it may be drawn right-aligned at the chart's edge.
    while len(picked) > 1 and xs[picked[-1]] - xs[picked[-2]] < 1.5 * width:
        del picked[-2]
    return [(i, labels[i]) for i in picked]


def rolling_mean(values: list[float | None], window: int = 5) -> list[float | None]:
    """The mean of the last `window` calls at each point (n/a calls skipped)."""
    out: list[float | None] = []
    for i, v in enumerate(values):
        got = [x for x in values[max(0, i - window + 1) : i + 1] if x is not None]
        out.append(round(sum(got) / len(got), 1) if got and v is not None else None)
    return out


def marker(shape: str, x: float, y: float, r: float) -> str:
    """SVG path data for a marker centred on (x, y); numbers only, nothing from the data."""
    if shape == "square":
        s = r * 0.9
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}z"
    if shape == "diamond":
        s = r * 1.3
        return f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y:.1f}L{x:.1f},{y + s:.1f}L{x - s:.1f},{y:.1f}z"
    s = r * 1.25  # triangle
    return f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y + s * 0.8:.1f}L{x - s:.1f},{y + s * 0.8:.1f}z"


def dodges(ys: dict[int, float], radius: float, step: float, order: list[int]) -> dict[int, float]:
    """Sideways offsets for markers at one x that would cover each other (by series index)."""
    near = 2 * radius + 1.5
    # Never push a marker halfway to the next call or turn.
    gap = min(near, 0.8 * step / max(1, len(ys))) if step > 0 else near
    out = {k: 0.0 for k in ys}
    by_y = sorted(ys, key=lambda k: (ys[k], order.index(k)))
    cluster: list[int] = []
    for k in [*by_y, None]:
        if k is not None and cluster and ys[k] - ys[cluster[-1]] < near:
            cluster.append(k)
            continue
        if len(cluster) > 1:
            ranked = sorted(cluster, key=order.index)
            for j, member in enumerate(ranked):
                out[member] = (j - (len(ranked) - 1) / 2) * gap
        cluster = [k] if k is not None else []
    return out


def line_chart(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]] | dict[str, Series],
    colors: dict[str, str] | None = None,
    ymax: float = 100,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> dict[str, Any]:
    """A titled chart with one polyline per series, in a wide and a narrow layout.

    None breaks a line (n/a). Numbers are formatted here; the template escapes every string.
    """
    specs = {
        name: s if isinstance(s, Series) else Series(s, (colors or {}).get(name, "#555"))
        for name, s in series.items()
    }
    chart = layout(title, labels, specs, ymax, width, height)
    chart["narrow"] = layout(title, labels, specs, ymax, NARROW_WIDTH, max(190, height))
    return chart


def _legend(specs: dict[str, Series], width: int) -> tuple[list[dict[str, Any]], int]:
    """Legend entries and how many rows they take (a narrow chart wraps them)."""
    out: list[dict[str, Any]] = []
    x: float = LEFT
    row = 0
    for k, (name, spec) in enumerate(specs.items()):
        room = 16 + CHAR * len(name) + 12
        if x > LEFT and x + room > width - RIGHT:
            x, row = LEFT, row + 1
        y = 30 + 16 * row
        shape = SHAPES[k % len(SHAPES)] if spec.dots else "line"
        out.append(
            {
                "x": f"{x + 14:.1f}",
                "y": f"{y + 4:.1f}",
                "name": name,
                "color": spec.color,
                "shape": shape,
                "d": marker(shape, x + 5, y, 4.5) if shape not in ("circle", "line") else "",
                "cx": f"{x + 5:.1f}",
                "cy": f"{y:.1f}",
                "x2": f"{x + 11:.1f}",
                "x1": f"{x - 1:.1f}",
            }
        )
        x += room
    return out, row + 1


def layout(
    title: str, labels: list[str], specs: dict[str, Series], ymax: float, width: int, height: int
) -> dict[str, Any]:
    """One layout of the chart at a given size, in chart units."""
    legend, rows = _legend(specs, width)
    top = 30 + 16 * rows  # the title, then the legend rows, then the plot
    n = max(1, len(labels), *(len(s.values) for s in specs.values()))
    inner = width - LEFT - RIGHT
    radius = 4.0 if n <= 40 else 3.0 if n <= 100 else 2.0
    # The first and last points sit in from the axes, so a marker moved sideways stays
    # off the y labels; one point sits in the middle.
    inset = min(3 * radius + 2, inner / (2 * n)) if n > 1 else inner / 2
    step = (inner - 2 * inset) / (n - 1) if n > 1 else 0.0
    xs = [LEFT + inset + i * step for i in range(n)]
    base = height - BOTTOM

    def y_of(v: float) -> float:
        return base - (v / ymax) * (base - top)

    grid = []
    for frac in (0, 0.25, 0.5, 0.75, 1):
        y = y_of(ymax * frac)
        grid.append({"y": f"{y:.1f}", "label_y": f"{y + 4:.1f}", "label": f"{ymax * frac:g}"})
    shown = thinned(labels, xs) if labels else []
    tick_at = range(n) if step >= TICK_ROOM else [i for i, _ in shown]
    ticks = [f"{xs[i]:.1f}" for i in tick_at]
    out_labels = [
        {"x": f"{xs[i]:.1f}", "text": text, "anchor": _anchor(xs[i], text, width)}
        for i, text in shown
    ]
    names = list(specs)
    order = list(range(len(names)))
    offsets: list[dict[int, float]] = []
    for i in range(n):
        ys = {
            k: y_of(float(v))
            for k, spec in enumerate(specs.values())
            if spec.dots and i < len(spec.values) and (v := spec.values[i]) is not None
        }
        offsets.append(dodges(ys, radius, step or inner, order))
    out_series = []
    for k, (name, spec) in enumerate(specs.items()):
        shape = SHAPES[k % len(SHAPES)]
        points: list[dict[str, str]] = []
        segments: list[str] = []
        run: list[str] = []
        for i, v in enumerate(spec.values):
            if v is None:
                if run:
                    segments.append(" ".join(run))
                run = []
                continue
            x, y = xs[i] + offsets[i].get(k, 0.0), y_of(float(v))
            run.append(f"{x:.1f},{y:.1f}")
            label = labels[i] if i < len(labels) else ""
            points.append(
                {
                    "x": f"{x:.1f}",
                    "y": f"{y:.1f}",
                    "d": marker(shape, x, y, radius) if shape != "circle" else "",
                    # What a person reads is a whole number, as everywhere else ("trust 2 35").
                    "value": f"{label} {float(v):.0f}",
                }
            )
        if run:
            segments.append(" ".join(run))
        out_series.append(
            {
                "name": name,
                "color": spec.color,
                "shape": shape,
                "points": points if spec.dots else [],
                "segments": segments if spec.line else [],
                "width": f"{spec.width:g}",
                "opacity": f"{spec.opacity:g}",
                "mark_opacity": f"{max(spec.opacity, MIN_MARK_OPACITY):g}",
                "radius": f"{radius:g}",
                # A white outline parts touching markers; thin on small ones, or it eats them.
                "outline": f"{min(1.2, radius / 3):.2g}",
            }
        )
    return {
        "title": title,
        "width": width,
        "height": height,
        "left": LEFT,
        "right": width - RIGHT,
        "base": f"{base:.1f}",
        "tick_end": f"{base + 4:.1f}",
        "label_y": f"{base + 17:.1f}",
        "grid": grid,
        "ticks": ticks,
        "labels": out_labels,
        # Lines first, markers over every line, so no line hides a point.
        "series": out_series,
        "legend": legend,
    }


def _anchor(x: float, text: str, width: int) -> str:
    """Keep the first and last labels inside the chart instead of centred past its edge."""
    half = len(text) * CHAR / 2
    if x - half < 0:
        return "start"
    if x + half > width:
        return "end"
    return "middle"
