"""The quality chart of the console: the daily index and its components over 30 days, as SVG drawn on the
server (no JavaScript), with the index bands shaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from market_api.quality.formula import LATE_BANDS

WIDTH, HEIGHT = 800, 280
LEFT, RIGHT, TOP, BOTTOM = 40, 190, 12, 28
# The index bands, from the formula's own edges (100–95, 94–80, 79–40, 39–0), best first.
BANDS = tuple((best, worst) for _low, _high, best, worst in LATE_BANDS)
BAND_NAMES = ("excellent", "good", "poor", "bad")
LINE_COLOURS = ("#0b6bcb", "#c2410c", "#15803d", "#7e22ce", "#a16207")


@dataclass(frozen=True)
class Series:
    """One line of the chart: a name and a value (0..100) per day, None where there is none."""

    name: str
    values: list[float | None]


def series_of(ratings: list[Any], first: date, days: int) -> list[Series]:
    """The index and each component as series over `days` days from `first`, from stored ratings
    (rows with calculation_date, rating, components)."""
    by_day = {row.calculation_date: row for row in ratings}
    dates = [first + timedelta(days=offset) for offset in range(days)]
    components = sorted({name for row in ratings for name in (row.components or {})})
    found = [Series("index", [by_day[d].rating if d in by_day else None for d in dates])]
    for name in components:
        found.append(Series(name, [(by_day[d].components or {}).get(name) if d in by_day else None for d in dates]))
    return found


def _x(index: int, count: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (index / max(count - 1, 1))


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(max(value, 0.0), 100.0) / 100)


def _bands() -> list[str]:
    shapes = []
    for (best, worst), name in zip(BANDS, BAND_NAMES, strict=True):
        top, bottom = _y(best + (0 if best == 100 else 1)), _y(worst)
        shapes.append(f'<rect class="band band-{name}" x="{LEFT}" y="{top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
                      f'height="{bottom - top:.1f}"><title>{name}: {worst}–{best}</title></rect>')
    return shapes


def _axes(first: date, days: int) -> list[str]:
    parts = []
    for value in (0, 40, 80, 95, 100):
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{_y(value) + 4:.1f}" text-anchor="end">{value}</text>')
    for index in range(0, days, 7):
        day = first + timedelta(days=index)
        parts.append(f'<text class="tick" x="{_x(index, days):.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
                     f'{day:%d.%m}</text>')
    return parts


def _line(series: Series, colour: str, count: int) -> list[str]:
    points = [f"{_x(i, count):.1f},{_y(v):.1f}" for i, v in enumerate(series.values) if v is not None]
    if not points:
        return []
    name = escape(series.name)
    width = 3 if series.name == "index" else 1.5
    return [f'<polyline class="series" data-series="{name}" fill="none" stroke="{colour}" stroke-width="{width}" '
            f'points="{" ".join(points)}"><title>{name}</title></polyline>']


def render(series: list[Series], first: date, days: int) -> Markup:
    """The chart as an inline ``<svg>`` element (safe to put in a template as is)."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="quality index over {days} days">',
             *_bands(), *_axes(first, days)]
    for number, line in enumerate(series):
        colour = LINE_COLOURS[number % len(LINE_COLOURS)]
        parts += _line(line, colour, days)
        parts.append(f'<text class="legend" x="{WIDTH - RIGHT + 10}" y="{TOP + 14 + 16 * number}" fill="{colour}">'
                     f'{escape(line.name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
