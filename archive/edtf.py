"""Extended Date/Time Format (EDTF, ISO 8601-2 level 0 and the common parts of level 1).

Archives rarely know a day: "1995", "the 1990s" (199X), "about 1995" (1995~), "some time between 1990 and 1999"
(1990/1999). `parse_edtf` validates such a string and returns the earliest and latest calendar days it can mean,
so items sort and filter by date whatever the precision.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date


class EDTFError(ValueError):
    """The text is not a date this archive understands; the message says why in plain words."""


@dataclass(frozen=True)
class EDTFDate:
    text: str
    lower: date
    upper: date
    precision: str  # "day", "month", "year", "decade", "century", "interval"
    approximate: bool = False
    uncertain: bool = False

    @property
    def decade(self):
        return self.lower.year // 10 * 10


_SINGLE = re.compile(
    r"^(?P<year>-?\d{4}|\d{2}XX|\d{3}X)"
    r"(?:-(?P<month>\d{2}|XX))?"
    r"(?:-(?P<day>\d{2}|XX))?"
    r"(?P<qualifier>[~?%])?$",
    re.ASCII,  # Thai, Burmese and Khmer digits are not EDTF digits
)


def _single(text):
    match = _SINGLE.match(text)
    if not match:
        raise EDTFError(f"“{text}” is not an EDTF date (examples: 1995, 199X, 1995~, 1990/1999, 2003-05, 2001-03-15)")
    year, month, day, qualifier = match.group("year", "month", "day", "qualifier")
    if "X" in year and (month or day):
        raise EDTFError(f"“{text}”: a decade or century cannot have a month or day")
    if year.endswith("XX"):
        first, last, precision = int(year[:2]) * 100, int(year[:2]) * 100 + 99, "century"
    elif year.endswith("X"):
        first, last, precision = int(year[:3]) * 10, int(year[:3]) * 10 + 9, "decade"
    else:
        first = last = int(year)
        precision = "year"
    if first < 1 or last > 9999:
        raise EDTFError(f"“{text}”: the year must be between 0001 and 9999")
    lower, upper = date(first, 1, 1), date(last, 12, 31)
    if month and month != "XX":
        m = int(month)
        if not 1 <= m <= 12:
            raise EDTFError(f"“{text}”: there is no month {m}")
        lower = date(first, m, 1)
        upper = date(first, m, calendar.monthrange(first, m)[1])
        precision = "month"
        if day and day != "XX":
            d = int(day)
            if not 1 <= d <= upper.day:
                raise EDTFError(f"“{text}”: there is no day {d} in that month")
            lower = upper = date(first, m, d)
            precision = "day"
    elif day and day != "XX":
        raise EDTFError(f"“{text}”: a day needs a month")
    return EDTFDate(
        text=text,
        lower=lower,
        upper=upper,
        precision=precision,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def parse_edtf(text):
    """Return an EDTFDate for `text`, or raise EDTFError with a readable reason."""
    text = (text or "").strip()
    if not text:
        raise EDTFError("the date is empty")
    if "/" not in text:
        return _single(text)
    start_text, _, end_text = text.partition("/")
    if "/" in end_text:
        raise EDTFError(f"“{text}”: an interval has one slash")
    open_ends = ("", "..")
    if start_text in open_ends and end_text in open_ends:
        raise EDTFError(f"“{text}”: an interval needs at least one end")
    lower = date.min.replace(year=1) if start_text in open_ends else _single(start_text).lower
    upper = date(9999, 12, 31) if end_text in open_ends else _single(end_text).upper
    if lower > upper:
        raise EDTFError(f"“{text}”: the interval ends before it starts")
    start = None if start_text in open_ends else _single(start_text)
    end = None if end_text in open_ends else _single(end_text)
    return EDTFDate(
        text=text,
        lower=lower,
        upper=upper,
        precision="interval",
        approximate=any(part and part.approximate for part in (start, end)),
        uncertain=any(part and part.uncertain for part in (start, end)),
    )
