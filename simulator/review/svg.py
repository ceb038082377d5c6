"""Line charts as plain data for the SVG template: no scripts, nothing from the network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, PAD = 640, 220, 36
MAX_LABELS = 8  # date labels thinned to this many, so they never run into each other


@dataclass
class Series:
    """One line: its values, colour, and whether it is drawn as dots, a line or both."""

    values: list[float | None]
    color: str
    line: bool = True
    dots: bool = True
    width: float = 2.0
    opacity: float = 1.0


def thinned(labels: list[str], limit: int = MAX_LABELS) -> list[tuple[int, str]]:
    """At most `limit` evenly spaced (index, label) pairs, always the first and the last."""
    n = len(labels)
    if n <= limit:
        return list(enumerate(labels))
    picks = sorted({round(i * (n - 1) / (limit - 1)) for i in range(limit)})
    return [(i, labels[i]) for i in picks]


def rolling_mean(values: list[float | None], window: int = 5) -> list[float | None]:
    """The mean of the last `window` calls at each point (n/a calls skipped)."""
    out: list[float | None] = []
    for i, v in enumerate(values):
        got = [x for x in values[max(0, i - window + 1) : i + 1] if x is not None]
        out.append(round(sum(got) / len(got), 1) if got and v is not None else None)
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
    """A titled chart with one polyline per series; None breaks the line (n/a).

    Numbers are formatted here; the template escapes every string it is given.
    """
    specs = {
        name: s if isinstance(s, Series) else Series(s, (colors or {}).get(name, "#555"))
        for name, s in series.items()
    }
    n = max(1, len(labels))
    step = (width - 2 * PAD) / max(1, n - 1)
    radius = 3.0 if n <= 40 else 2.0 if n <= 100 else 1.5

    def xy(i: int, v: float) -> tuple[float, float]:
        return PAD + i * step, height - PAD - (v / ymax) * (height - 2 * PAD)

    grid = []
    for frac in (0, 0.25, 0.5, 0.75, 1):
        _, y = xy(0, ymax * frac)
        grid.append({"y": f"{y:.1f}", "label_y": f"{y + 4:.1f}", "label": f"{ymax * frac:g}"})
    out_labels = [{"x": f"{xy(i, 0)[0]:.1f}", "text": label} for i, label in thinned(labels)]
    out_series = []
    for name, spec in specs.items():
        points: list[dict[str, str]] = []
        segments: list[str] = []
        run: list[str] = []
        for i, v in enumerate(spec.values):
            if v is None:
                if run:
                    segments.append(" ".join(run))
                run = []
                continue
            x, y = xy(i, float(v))
            run.append(f"{x:.1f},{y:.1f}")
            label = labels[i] if i < len(labels) else ""
            points.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "value": f"{label} {float(v):g}"})
        if run:
            segments.append(" ".join(run))
        out_series.append(
            {
                "name": name,
                "color": spec.color,
                "points": points if spec.dots else [],
                "segments": segments if spec.line else [],
                "width": f"{spec.width:g}",
                "opacity": f"{spec.opacity:g}",
                "radius": f"{radius:g}",
            }
        )
    legend, legend_x = [], PAD
    for name, spec in specs.items():
        legend.append({"x": legend_x, "name": name, "color": spec.color})
        legend_x += 14 + 7 * len(name) + 16
    return {
        "title": title,
        "width": width,
        "height": height,
        "pad": PAD,
        "grid": grid,
        "labels": out_labels,
        "series": out_series,
        "legend": legend,
    }
