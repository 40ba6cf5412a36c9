"""Where a map's place names go so that none covers another or another pin: a simple, deterministic placement.

Each name tries eight spots around its pin (right, left, above, below, then the corners), then the same spots
further out (twice) with a leader line. The first spot inside the map that meets no name or pin already placed wins;
a name with no room is left off the drawing (the pin keeps it as its title, and the caption lists every place).
Widths are estimated from the characters: combining marks (Thai, Burmese, Khmer and Lao vowels and tones) take
no room of their own.
"""

import unicodedata
from dataclasses import dataclass

DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))


@dataclass(frozen=True)
class Label:
    x: float  # where the text starts (its anchor is "start", "middle" or "end")
    y: float  # the baseline
    anchor: str
    box: tuple  # (left, top, right, bottom)
    leader: tuple = ()  # (x1, y1, x2, y2) when the name stands off its pin


def text_width(text, size):
    width = 0.0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 0.58 if char.isascii() else 0.72
    return width * size


def _overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points, *, size, radius, width, height):
    """{index: Label} for `points` [(x, y, text)], most-named first; indices with no room are missing."""
    taken = [(x - radius, y - radius, x + radius, y + radius) for x, y, _text in points]
    order = sorted(range(len(points)), key=lambda i: (-points[i][2].count(","), points[i][1], points[i][0]))
    placed = {}
    for index in order:
        x, y, text = points[index]
        label = _first_free(x, y, text_width(text, size), size, radius, taken, width, height)
        if label is not None:
            placed[index] = label
            taken.append(label.box)
    return placed


def _first_free(x, y, text_w, size, radius, taken, width, height):
    gap = radius + size * 0.3
    for reach, leader in ((1.0, False), (2.6, True), (4.2, True)):
        for dx, dy in DIRECTIONS:
            cx, cy = x + dx * gap * reach, y + dy * (gap + size * 0.45) * reach
            left = cx if dx > 0 else cx - text_w if dx < 0 else cx - text_w / 2
            # From the font's ascent to its descent: Thai, Burmese and Lao fonts stand taller than Latin ones.
            box = (left - 2, cy - size * 0.8, left + text_w + 2, cy + size * 0.8)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(_overlaps(box, other) for other in taken):
                continue
            anchor = "start" if dx > 0 else "end" if dx < 0 else "middle"
            line = (x, y, cx, cy) if leader else ()
            return Label(cx, cy + size * 0.35, anchor, box, line)
    return None
