"""HTTP Range for media responses: players seek by asking for byte ranges (206), and a range past the end is 416."""

import re

# ASCII digits only: a header is no place for Thai or superscript digits.
RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")
CHUNK = 64 * 1024
# More digits than any file size has; a longer number is only "past the end", and int() refuses thousands of digits.
MAX_DIGITS = 18


def _position(digits, size):
    """A byte position from the header, capped at `size`: anything longer than MAX_DIGITS is past every file."""
    digits = digits.lstrip("0") or "0"
    return size if len(digits) > MAX_DIGITS else min(int(digits), size)


def parse_range(header, size):
    """(start, end) inclusive for a single satisfiable `Range` header, None to send it all, or "unsatisfiable".

    Several ranges in one header are answered with the whole file, which HTTP allows.
    """
    match = RANGE.match((header or "").strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = _position(last, size)
        if length == 0:
            return "unsatisfiable"
        return size - length, size - 1
    start = _position(first, size)
    end = min(_position(last, size), size - 1) if last else size - 1
    if start >= size or (last and _position(last, size) < start):
        return "unsatisfiable"
    return start, end


def file_slice(storage, name, start, end):
    """Bytes `start`..`end` (inclusive) of a stored file, read in 64 KiB chunks."""
    with storage.open(name, "rb") as file:
        file.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = file.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk
