"""A map of places drawn on the server as SVG from their coordinates: no tile server, no third-party request,
readable without JavaScript. Points sit on a latitude/longitude grid, with their names beside them.

A pin can give away where someone lives or works, so a public map never draws a stored position as it is. Every
position is rounded to ARCHIVE_MAP_PRECISION decimal places of a degree (default 1: about 11 km), and a place
finer than a district (a locality) is drawn where its nearest district, province or country with coordinates is
drawn, or at its own rounded position when it has none. Only a place a curator marked safe to show precisely
(Place.show_precisely: a port, a market town) is drawn at its stored position. The SVG is computed from these
positions alone, so no number in it, not even a pixel, holds anything finer.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.models import Place

WIDTH, HEIGHT, PAD = 640, 400, 48
DEFAULT_PRECISION = 1
COARSE_KINDS = (Place.Kind.DISTRICT, Place.Kind.PROVINCE, Place.Kind.COUNTRY)


@dataclass(frozen=True)
class Pin:
    latitude: float
    longitude: float
    name: str


def _grid_step(span):
    for step in (0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 6:
            return step
    return 45


def map_precision():
    """Decimal places of a degree a public map keeps: 1 by default (about 11 km), never more than 6."""
    return min(max(int(getattr(settings, "ARCHIVE_MAP_PRECISION", DEFAULT_PRECISION)), 0), 6)


def _has_position(place):
    return place.latitude is not None and place.longitude is not None


def _needs_anchor(place):
    return not place.show_precisely and place.kind not in COARSE_KINDS


def _places_above(places):
    """{id: Place} of the ancestors that may anchor the localities among `places`: one query per level climbed,
    and none when no locality is on the map."""
    known = {place.pk: place for place in places if place.pk is not None}
    wanted = {place.parent_id for place in places if _needs_anchor(place)} - known.keys() - {None}
    while wanted:
        found = Place.objects.in_bulk(wanted)
        known.update(found)
        wanted = {place.parent_id for place in found.values()
                  if not (place.kind in COARSE_KINDS and _has_position(place))} - known.keys() - {None}
    return known


def _anchor(place, known):
    """The place whose position stands for `place` on a public map."""
    if not _needs_anchor(place):
        return place
    parent = known.get(place.parent_id)
    while parent is not None:
        if parent.kind in COARSE_KINDS and _has_position(parent):
            return parent
        parent = known.get(parent.parent_id)
    return place


def public_pins(places, *, language=None):
    """The pins a public map may draw for `places` (those with coordinates), one per position, with the names of
    the places drawn there."""
    precision = map_precision()
    shown = [place for place in places if _has_position(place)]
    known = _places_above(shown)
    names = {}
    for place in shown:
        anchor = _anchor(place, known)
        latitude, longitude = float(anchor.latitude), float(anchor.longitude)
        if not anchor.show_precisely:
            latitude, longitude = round(latitude, precision), round(longitude, precision)
        names.setdefault((latitude, longitude), []).append(place.display_name(language))
    return [Pin(latitude, longitude, ", ".join(dict.fromkeys(labels))) for (latitude, longitude), labels in names.items()]


def map_svg(places, *, title="", language=None):
    """SVG for the places that have coordinates, at the positions a public map may show; "" when none has."""
    points = [(pin.latitude, pin.longitude, pin.name) for pin in public_pins(places, language=language)]
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
