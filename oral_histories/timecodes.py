"""Times in a recording as people type and read them. Stored as whole milliseconds; read from 754, 12:34 or
1:02:03.500 and written as 12:34 or 1:02:03. Times in files (00:12:34.000) are media_pipeline.timed_text's."""

import re

_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")
_SECONDS = re.compile(r"^(\d+)(?:\.(\d{1,3}))?$")


class TimecodeError(ValueError):
    pass


def parse_timecode(value):
    """Milliseconds for "754", "754.5", "12:34", "1:02:03" or "01:02:03.500"; TimecodeError otherwise."""
    text = str(value).strip()
    match = _SECONDS.match(text)
    if match:
        whole, fraction = match.groups()
        return int(whole) * 1000 + _millis(fraction)
    match = _CLOCK.match(text)
    if not match:
        raise TimecodeError(f"“{text}” is not a time (write seconds such as 754, or 12:34, or 1:02:03.500)")
    hours, minutes, seconds, fraction = match.groups()
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + _millis(fraction)


def _millis(fraction):
    return int((fraction or "0").ljust(3, "0"))


def parse_deep_link(value):
    """Seconds for the `t` parameter of an item page (`?t=754`, `?t=12:34`), or None when it is not a time."""
    try:
        return parse_timecode(value) / 1000
    except TimecodeError:
        return None


def format_clock(ms):
    """12:34 under an hour, 1:02:03 past it: how a time reads beside a transcript line."""
    seconds = int(ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

