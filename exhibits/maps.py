"""A map of places drawn on the server as SVG from their coordinates: no tile server, no third-party request,
readable without JavaScript. Points sit on a latitude/longitude grid, with their names beside them."""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD = 640, 400, 48


def _grid_step(span):
    for step in (0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 6:
            return step
    return 45


def map_svg(places, *, title="", language=None):
    """SVG for the places that have coordinates; "" when none has."""
    points = [(float(p.latitude), float(p.longitude), p.display_name(language)) for p in places
              if p.latitude is not None and p.longitude is not None]
    if not points:
        return ""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    mid_lat = (max(lats) + min(lats)) / 2
    squash = max(math.cos(math.radians(mid_lat)), 0.2)
    lat_span = max(max(lats) - min(lats), 1.0)
    lon_span = max(max(lons) - min(lons), 1.0)
    scale = min((WIDTH - 2 * PAD) / (lon_span * squash), (HEIGHT - 2 * PAD) / lat_span)
    centre_lat, centre_lon = mid_lat, (max(lons) + min(lons)) / 2

    def project(lat, lon):
        return WIDTH / 2 + (lon - centre_lon) * squash * scale, HEIGHT / 2 - (lat - centre_lat) * scale

    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>", f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>']
    lat_low, lat_high = centre_lat - HEIGHT / 2 / scale, centre_lat + HEIGHT / 2 / scale
    lon_low = centre_lon - WIDTH / 2 / (squash * scale)
    lon_high = centre_lon + WIDTH / 2 / (squash * scale)
    step = _grid_step(max(lat_high - lat_low, lon_high - lon_low))
    lat = math.ceil(lat_low / step) * step
    while lat <= lat_high:
        _x, y = project(lat, centre_lon)
        parts.append(f'<line class="grid" x1="0" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if 18 <= y <= HEIGHT - 24:  # labels too near an edge would be cut off
            parts.append(f'<text class="tick" x="4" y="{y - 3:.1f}">{lat:g}°{"N" if lat >= 0 else "S"}</text>')
        lat += step
    lon = math.ceil(lon_low / step) * step
    while lon <= lon_high:
        x, _y = project(centre_lat, lon)
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{HEIGHT}"/>')
        if 40 <= x <= WIDTH - 56:
            parts.append(f'<text class="tick" x="{x + 3:.1f}" y="{HEIGHT - 4}">{lon:g}°{"E" if lon >= 0 else "W"}</text>')
        lon += step
    for lat, lon, name in points:
        x, y = project(lat, lon)
        anchor = "end" if x > WIDTH - 160 else "start"
        dx = -10 if anchor == "end" else 10
        parts.append(f'<circle class="pin" cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
                     f'<text class="place" x="{x + dx:.1f}" y="{y + 5:.1f}" text-anchor="{anchor}">'
                     f"{escape(name)}</text>")
    parts.append("</svg>")
    return mark_safe("".join(parts))
