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
