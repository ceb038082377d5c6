"""Line charts as plain data for the SVG template: no scripts, nothing from the network."""

from __future__ import annotations

from typing import Any

WIDTH, HEIGHT, PAD = 640, 220, 36


def line_chart(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    colors: dict[str, str],
    ymax: float,
) -> dict[str, Any]:
    """A titled chart with one polyline per series; None breaks the line (n/a).

    Numbers are formatted here; the template escapes every string it is given.
    """
    n = max(1, len(labels))
    step = (WIDTH - 2 * PAD) / max(1, n - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return PAD + i * step, HEIGHT - PAD - (v / ymax) * (HEIGHT - 2 * PAD)

    grid = []
    for frac in (0, 0.25, 0.5, 0.75, 1):
        _, y = xy(0, ymax * frac)
        grid.append({"y": f"{y:.1f}", "label_y": f"{y + 4:.1f}", "label": f"{ymax * frac:g}"})
    out_labels = [{"x": f"{xy(i, 0)[0]:.1f}", "text": label} for i, label in enumerate(labels)]
    out_series = []
    for name, values in series.items():
        points: list[dict[str, str]] = []
        segments: list[str] = []
        run: list[str] = []
        for i, v in enumerate(values):
            if v is None:
                if run:
                    segments.append(" ".join(run))
                run = []
                continue
            x, y = xy(i, float(v))
            run.append(f"{x:.1f},{y:.1f}")
            points.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "value": f"{float(v):g}"})
        if run:
            segments.append(" ".join(run))
        color = colors.get(name, "#555")
        out_series.append({"name": name, "color": color, "points": points, "segments": segments})
    legend, legend_x = [], PAD
    for name in series:
        legend.append({"x": legend_x, "name": name, "color": colors.get(name, "#555")})
        legend_x += 14 + 8 * len(name) + 16
    return {
        "title": title,
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "grid": grid,
        "labels": out_labels,
        "series": out_series,
        "legend": legend,
    }
