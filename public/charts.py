"""An indicator's yearly targets and measured values as an inline SVG line chart, drawn on the server.

No JavaScript is needed to see it; the same numbers are always in a table next to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


@dataclass
class Series:
    name: str
    css: str
    points: list[tuple[float, float, int, Decimal]] = field(default_factory=list)  # x, y, year, value

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y, _, _) in enumerate(self.points))


@dataclass
class Chart:
    width: int
    height: int
    series: list[Series]
    x_ticks: list[tuple[float, int]]
    y_ticks: list[tuple[float, str]]
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _label(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def indicator_chart(years, targets: dict[int, Decimal], values: dict[int, Decimal], names=("", "")) -> Chart | None:
    """The chart of *targets* and *values* (year -> number) over *years*; None when there is nothing to draw."""
    years = sorted(set(years) | set(targets) | set(values))
    numbers = [float(v) for v in (*targets.values(), *values.values())]
    if not years or not numbers:
        return None
    low, high = min(0.0, *numbers), max(numbers)
    if high == low:
        high = low + 1
    high += (high - low) * 0.1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(years) - 1)

    def x_of(year):
        index = years.index(year)
        return LEFT + (index * step if len(years) > 1 else plot_w / 2)

    def y_of(value):
        return TOP + plot_h - (float(value) - low) / (high - low) * plot_h

    target_series = Series(names[0], "chart-target")
    value_series = Series(names[1], "chart-value")
    for year in years:
        if year in targets:
            target_series.points.append((x_of(year), y_of(targets[year]), year, targets[year]))
        if year in values:
            value_series.points.append((x_of(year), y_of(values[year]), year, values[year]))
    y_ticks = [(y_of(low + (high - low) * i / 4), _label(low + (high - low) * i / 4)) for i in range(5)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        series=[s for s in (target_series, value_series) if s.points],
        x_ticks=[(x_of(year), year) for year in years],
        y_ticks=y_ticks,
    )
