"""Vector charts for the PDF documents, drawn on the server as SVG.

WeasyPrint embeds inline SVG as vectors, so the charts stay sharp when printed
and their labels remain text. One small chart type serves every document: a
line chart over years with any number of lines (a dashed line for targets),
missing years left as gaps. Every chart also has its numbers in a table next
to it in the document; the chart carries a title for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from math import floor, log10

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colour-blind safe palette (Okabe-Ito), dark enough on white for lines and text.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F"]


@dataclass
class Line:
    label: str
    values: dict[int, Decimal | float | int | None]
    dashed: bool = False
    colour: str = ""


@dataclass
class Chart:
    title: str
    years: list[int]
    lines: list[Line] = field(default_factory=list)
    unit: str = ""


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks if span > 0 else 1
    magnitude = 10 ** floor(log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _fmt(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def line_chart(chart: Chart, width: int = 640, height: int = 220) -> SafeString:
    """The SVG markup of *chart*; an empty string when it has no value at all."""
    numbers = [float(v) for line in chart.lines for v in line.values.values() if v is not None]
    if not numbers or not chart.years:
        return mark_safe("")
    left, right, top, bottom = 56, 12, 12, 30
    legend_rows = (len(chart.lines) + 2) // 3
    total_height = height + legend_rows * 16 + 6
    low = min(0.0, min(numbers))
    high = max(numbers)
    step = _nice_step(high - low)
    high = step * (floor(high / step) + 1) if high > 0 else step
    low = step * floor(low / step)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(year):
        index = chart.years.index(year)
        return left + (plot_w * (index + 0.5) / len(chart.years))

    def y(value):
        return top + plot_h - (float(value) - low) / (high - low) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {total_height}" '
        f'width="{width}" height="{total_height}" role="img" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    tick = low
    while tick <= high + step / 1000:
        ty = y(tick)
        parts.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#ddd" />')
        parts.append(
            f'<text x="{left - 6}" y="{ty + 3:.1f}" text-anchor="end" font-size="9" fill="#333">{_fmt(tick)}</text>'
        )
        tick += step
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#666" />')
    for year in chart.years:
        parts.append(
            f'<text x="{x(year):.1f}" y="{top + plot_h + 14}" text-anchor="middle" font-size="9" '
            f'fill="#333">{year}</text>'
        )
    if chart.unit:
        parts.append(f'<text x="4" y="{top + 4}" font-size="8" fill="#555">{escape(chart.unit)}</text>')
    for index, line in enumerate(chart.lines):
        colour = line.colour or PALETTE[index % len(PALETTE)]
        dash = ' stroke-dasharray="5 3"' if line.dashed else ""
        segment: list[str] = []
        segments = []
        for year in chart.years:
            value = line.values.get(year)
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(year):.1f},{y(value):.1f}")
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"{dash} />'
                )
            for point in points:
                px, py = point.split(",")
                parts.append(f'<circle cx="{px}" cy="{py}" r="2.5" fill="{colour}" />')
        lx = left + (index % 3) * (plot_w / 3)
        ly = height + (index // 3) * 16 + 4
        parts.append(
            f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 18:.1f}" y2="{ly:.1f}" '
            f'stroke="{colour}" stroke-width="2"{dash} />'
        )
        label = line.label if len(line.label) <= 38 else line.label[:37] + "…"
        parts.append(f'<text x="{lx + 22:.1f}" y="{ly + 3:.1f}" font-size="9" fill="#222">{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
