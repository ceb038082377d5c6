"""Inline SVG line charts: no scripts, no fonts to fetch, nothing from the network."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT, PAD = 640, 220, 36


def line_chart(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    colors: dict[str, str],
    ymax: float,
) -> str:
    """A titled chart with one polyline per series; None breaks the line (n/a)."""
    n = max(1, len(labels))
    step = (WIDTH - 2 * PAD) / max(1, n - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return PAD + i * step, HEIGHT - PAD - (v / ymax) * (HEIGHT - 2 * PAD)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f'<text x="{PAD}" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for frac in (0, 0.25, 0.5, 0.75, 1):
        _, y = xy(0, ymax * frac)
        parts.append(
            f'<line x1="{PAD}" y1="{y:.1f}" x2="{WIDTH - PAD}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(f'<text x="4" y="{y + 4:.1f}" class="axis">{ymax * frac:g}</text>')
    for i, label in enumerate(labels):
        x, _ = xy(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 12}" class="axis" text-anchor="middle">{escape(label)}</text>'
        )
    for name, values in series.items():
        color = colors.get(name, "#555")
        run: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(values):
            if v is None:
                if run:
                    segments.append(run)
                run = []
                continue
            x, y = xy(i, v)
            run.append(f"{x:.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"><title>{escape(name)} {v:g}</title></circle>'
            )
        if run:
            segments.append(run)
        for seg in segments:
            parts.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{color}" stroke-width="2" data-series="{escape(name)}"/>'
            )
    legend_x = PAD
    for name in series:
        parts.append(
            f'<rect x="{legend_x}" y="24" width="10" height="10" fill="{colors.get(name, "#555")}"/>'
        )
        parts.append(f'<text x="{legend_x + 14}" y="33" class="axis">{escape(name)}</text>')
        legend_x += 14 + 8 * len(name) + 16
    parts.append("</svg>")
    return "\n".join(parts)
