"""Draw mainland Southeast Asia's land, coastlines and borders once, as the static SVG that exhibit maps lie on.

The outlines are Natural Earth's (public domain), as npm's world-atlas package ships them (TopoJSON, 1:50m):

    npm ci                                   # world-atlas is a devDependency in package.json
    .venv/bin/python scripts/region_map.py [path/to/countries-50m.json]
                                             # writes static/maps/mainland-southeast-asia.svg

The projection and the region's bounds are exhibits.maps.REGION, so pins drawn by the server land where the
outlines are. Arcs are simplified (Douglas-Peucker) once, so a border and the land on each side of it agree; an
arc used by one country is coast, by two a border. Run again only to change the region or the detail.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django

django.setup()

from exhibits.maps import REGION

SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "node_modules/world-atlas/countries-50m.json"
TARGET = ROOT / "static/maps/mainland-southeast-asia.svg"
TOLERANCE = 0.02  # degrees (about 2 km): finer than a pin's rounding, coarse enough to keep the file small
MARGIN = 0.5  # degrees drawn beyond the region, so no edge of the land shows at the region's edge


def decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        far, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            d = (abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length if length
                 else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def arc_points(arcs, index):
    return arcs[index] if index >= 0 else list(reversed(arcs[~index]))


def rings_of(geometry, arcs):
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    for polygon in polygons:
        for ring in polygon:
            points = []
            for index in ring:
                part = arc_points(arcs, index)
                points.extend(part if not points else part[1:])
            yield points


def clip_ring(ring, box):
    """Sutherland-Hodgman against the box (west, south, east, north): the part of a filled ring inside it."""
    west, south, east, north = box
    edges = [(lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north))]
    for inside, cross in edges:
        if not ring:
            break
        result, previous = [], ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        ring = result
    return ring


def clip_line(line, box):
    """The runs of a polyline inside the box (a segment is kept when both its ends are inside the margin box)."""
    west, south, east, north = box
    runs, run = [], []
    for point in line:
        if west <= point[0] <= east and south <= point[1] <= north:
            run.append(point)
        else:
            if len(run) > 1:
                runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def _at_x(a, b, x):
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a, b, y):
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def path(lines, closed):
    parts = []
    for line in lines:
        points = [REGION.project(lat=lat, lon=lon) for lon, lat in line]
        text = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
        parts.append(text + ("Z" if closed else ""))
    return "".join(parts)


def main():
    topology = json.loads(SOURCE.read_text())
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    box = (REGION.west - MARGIN, REGION.south - MARGIN, REGION.east + MARGIN, REGION.north + MARGIN)
    uses = {}
    land = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "arcs" not in geometry:
            continue
        for ring in rings_of(geometry, arcs):
            clipped = clip_ring(ring, box)
            if len(clipped) > 2:
                land.append(clipped)
        flat = geometry["arcs"] if geometry["type"] == "Polygon" else [r for p in geometry["arcs"] for r in p]
        for ring in flat:
            for index in ring:
                uses[index if index >= 0 else ~index] = uses.get(index if index >= 0 else ~index, 0) + 1
    coast = [run for index, count in uses.items() if count == 1 for run in clip_line(arcs[index], box)]
    borders = [run for index, count in uses.items() if count > 1 for run in clip_line(arcs[index], box)]
    width, height = REGION.size
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}">'
           "<!-- Mainland Southeast Asia from Natural Earth 1:50m (public domain), via world-atlas 2.0.2; "
           "made by scripts/region_map.py -->"
           f'<rect width="{width:.0f}" height="{height:.0f}" fill="#dbe7ee"/>'
           f'<path d="{path(land, True)}" fill="#f3efe6"/>'
           f'<path d="{path(coast, False)}" fill="none" stroke="#7d97a6" stroke-width="1.2" stroke-linejoin="round" '
           'vector-effect="non-scaling-stroke"/>'
           f'<path d="{path(borders, False)}" fill="none" stroke="#9a8f80" stroke-width="1" '
           'stroke-dasharray="4 3" stroke-linejoin="round" vector-effect="non-scaling-stroke"/></svg>\n')
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(svg)
    print(f"{TARGET.relative_to(ROOT)}: {len(svg) // 1024} KB, {len(land)} land rings, {len(coast)} coast runs, "
          f"{len(borders)} border runs")


if __name__ == "__main__":
    main()
