"""Data stories: a small CSV table drawn as an SVG chart on the server, so it reads without JavaScript."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_ROWS = 60


class ChartError(ValueError):
    """The CSV cannot be drawn; the message says which row and why."""


@dataclass(frozen=True)
class ChartData:
    label_heading: str
    value_heading: str
    rows: list  # [(label, Decimal)]


def parse_chart_csv(text):
    """Read `label,value` rows under a header row. Thousands separators and spaces in numbers are accepted."""
    text = (text or "").strip().lstrip("\ufeff")
    if not text:
        raise ChartError("the table is empty: write a header row, then one row per bar")
    reader = csv.reader(io.StringIO(text))
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    header, body = rows[0], rows[1:]
    if len(header) < 2:
        raise ChartError("the header row needs two columns: a label and a number")
    if not body:
        raise ChartError("the table has a header but no rows of data")
    if len(body) > MAX_ROWS:
        raise ChartError(f"the table has {len(body)} rows; a chart reads well with at most {MAX_ROWS}")
    parsed = []
    for number, row in enumerate(body, start=2):
        if len(row) < 2:
            raise ChartError(f"row {number} has no number in its second column")
        raw = row[1].strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ChartError(f"row {number}: “{row[1].strip()}” is not a number") from None
        if not value.is_finite():
            raise ChartError(f"row {number}: “{row[1].strip()}” is not a number")
        parsed.append((row[0].strip(), value))
    return ChartData(header[0].strip(), header[1].strip(), parsed)


WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 76, 16, 24, 72


def _number(value):
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _tick(value):
    """Axis labels stay short enough to read on a phone: 2.5M, 625k."""
    for size, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k")):
        if abs(value) >= size:
            return _number((value / size).quantize(Decimal("0.01"))) + suffix
    return _number(value)


def _nice_ceiling(value):
    """A round axis maximum at or above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1)
    exponent = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= exponent * step:
            return exponent * step
    return exponent * 10


def chart_svg(data, *, kind="bar", title=""):
    """Draw `data` (a ChartData) as an accessible SVG bar or line chart; returns markup safe to embed."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    values = [value for _label, value in data.rows]
    low = min(Decimal(0), min(values))
    high = _nice_ceiling(max(values)) if max(values) > 0 else Decimal(1)
    span = high - low or Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = Decimal(plot_w) / len(values)

    def y(value):
        return float(TOP + plot_h - (value - low) / span * plot_h)

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for tick in range(5):
        value = low + span * tick / 4
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
                     f"{escape(_tick(value))}</text>")
    rotate = len(values) > 8
    points = []
    for index, (label, value) in enumerate(data.rows):
        centre = float(LEFT + step * index + step / 2)
        if kind == "line":
            points.append(f"{centre:.1f},{y(value):.1f}")
            parts.append(f'<circle class="point" cx="{centre:.1f}" cy="{y(value):.1f}" r="4">'
                         f"<title>{escape(label)}: {escape(_number(value))}</title></circle>")
        else:
            top, base = y(max(value, Decimal(0))), y(min(value, Decimal(0)))
            width = float(step) * 0.7
            parts.append(f'<rect class="bar" x="{centre - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
                         f'height="{max(base - top, 0.5):.1f}"><title>{escape(label)}: {escape(_number(value))}'
                         "</title></rect>")
        label_y = HEIGHT - BOTTOM + 18
        if rotate:
            parts.append(f'<text class="label" x="{centre:.1f}" y="{label_y}" text-anchor="end" '
                         f'transform="rotate(-45 {centre:.1f} {label_y})">{escape(label)}</text>')
        else:
            parts.append(f'<text class="label" x="{centre:.1f}" y="{label_y}" text-anchor="middle">'
                         f"{escape(label)}</text>")
    if points:
        parts.insert(2 + 5, f'<polyline class="line" points="{" ".join(points)}"/>')
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(Decimal(0)):.1f}" '
                 f'y2="{y(Decimal(0)):.1f}"/></svg>')
    return mark_safe("".join(parts))


def chart_rows(data):
    """The table under the chart, with numbers formatted for reading."""
    return [(label, _number(value)) for label, value in data.rows]
