"""A map of places drawn on the server as SVG from their coordinates: no tile server, no third-party request,
readable without JavaScript. In mainland Southeast Asia the pins lie on the region's coastlines and borders (a
static outline map made once from Natural Earth); elsewhere on a latitude/longitude grid. Names never overlap
(exhibits.map_labels) and each pin links to its place's items.

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
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.models import Place

from .map_labels import place_labels

DEFAULT_PRECISION = 1
COARSE_KINDS = (Place.Kind.DISTRICT, Place.Kind.PROVINCE, Place.Kind.COUNTRY)


@dataclass(frozen=True)
class Pin:
    latitude: float
    longitude: float
    name: str
    place_id: int | None = None  # the first place drawn here: the pin links to its items


@dataclass(frozen=True)
class Region:
    """The part of the world the static outline map covers, in a plain equirectangular projection whose
    east-west scale is right at `mid_latitude`: x and y in map units, north up."""

    west: float
    south: float
    east: float
    north: float
    units_per_degree: float
    mid_latitude: float

    @property
    def squash(self):
        return math.cos(math.radians(self.mid_latitude))

    @property
    def size(self):
        return ((self.east - self.west) * self.squash * self.units_per_degree,
                (self.north - self.south) * self.units_per_degree)

    def project(self, *, lat, lon):
        return ((lon - self.west) * self.squash * self.units_per_degree, (self.north - lat) * self.units_per_degree)

    def contains(self, *, lat, lon):
        return self.south <= lat <= self.north and self.west <= lon <= self.east


# Mainland Southeast Asia, with the Andaman Sea, the Gulf of Thailand and the Malay peninsula; drawn once from
# Natural Earth by scripts/region_map.py into REGION_MAP.
REGION = Region(west=91.0, south=1.0, east=110.5, north=29.5, units_per_degree=40, mid_latitude=15)
REGION_MAP = "maps/mainland-southeast-asia.svg"


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
    names, ids = {}, {}
    for place in shown:
        anchor = _anchor(place, known)
        latitude, longitude = float(anchor.latitude), float(anchor.longitude)
        if not anchor.show_precisely:
            latitude, longitude = round(latitude, precision), round(longitude, precision)
        names.setdefault((latitude, longitude), []).append(place.display_name(language))
        ids.setdefault((latitude, longitude), place.pk)
    return [Pin(latitude, longitude, ", ".join(dict.fromkeys(labels)), ids[latitude, longitude])
            for (latitude, longitude), labels in names.items()]




WIDTH = 640
# Names and pins in drawing units (the map is 640 units wide on any screen): a phone shows the narrow set, larger
# because the whole map is shrunk to its width (static/css/site.css).
LABEL_SIZES = {"wide": (15, 7), "narrow": (28, 12)}  # font size, pin radius
PIN_RADIUS, HIT_RADIUS = 7, 24
MIN_SPAN_DEGREES = 3.0  # a map of one town still shows its country around it


def map_svg(places, *, title="", language=None):
    """SVG for the places that have coordinates, at the positions a public map may show; "" when none has.

    Inside the region the pins lie on its coastlines and borders (static/REGION_MAP); elsewhere on a plain
    latitude/longitude grid. Each pin links to its place's items in browse."""
    pins = public_pins(places, language=language)
    if not pins:
        return ""
    if all(REGION.contains(lat=pin.latitude, lon=pin.longitude) for pin in pins):
        view = _region_view(pins)
    else:
        view = _grid_view(pins)
    project, height, background = view
    # A group, not an image: its pins are links.
    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {height:.0f}" role="group" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>", *background]
    points = [(*project(pin.latitude, pin.longitude), pin.name) for pin in pins]
    browse = reverse("browse")
    for pin, (x, y, name) in zip(pins, points, strict=True):
        dot = (f'<title>{escape(name)}</title><circle class="pin-hit" cx="{x:.1f}" cy="{y:.1f}" r="{HIT_RADIUS}"/>'
               f'<circle class="pin" cx="{x:.1f}" cy="{y:.1f}" r="{PIN_RADIUS}"/>')
        parts.append(f'<a href="{browse}?place={pin.place_id}">{dot}</a>' if pin.place_id else dot)
    for group, (size, radius) in LABEL_SIZES.items():
        labels = place_labels(points, size=size, radius=radius, width=WIDTH, height=height)
        parts.append(f'<g class="labels {group}" aria-hidden="true">')
        for index, label in sorted(labels.items()):
            if label.leader:
                parts.append('<line class="leader" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>'.format(
                    *label.leader))
            text = (f'<text class="place" x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="{label.anchor}">'
                    f"{escape(points[index][2])}</text>")
            place_id = pins[index].place_id
            parts.append(f'<a href="{browse}?place={place_id}" tabindex="-1">{text}</a>' if place_id else text)
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _region_view(pins):
    """Projection, height and background for pins inside REGION: a window on the static outline map around them,
    640 units wide, kept inside the region where the region allows."""
    xs, ys = zip(*(REGION.project(lat=pin.latitude, lon=pin.longitude) for pin in pins), strict=True)
    full_w, full_h = REGION.size
    least = MIN_SPAN_DEGREES * REGION.units_per_degree
    span_x, span_y = max(max(xs) - min(xs), least) * 1.35, max(max(ys) - min(ys), least) * 1.25
    height = min(max(WIDTH * span_y / span_x, 320), 560)
    scale = min(WIDTH / span_x, height / span_y)
    view_w, view_h = WIDTH / scale, height / scale
    left = _inside((max(xs) + min(xs)) / 2 - view_w / 2, view_w, full_w)
    top = _inside((max(ys) + min(ys)) / 2 - view_h / 2, view_h, full_h)

    def project(lat, lon):
        x, y = REGION.project(lat=lat, lon=lon)
        return (x - left) * scale, (y - top) * scale

    background = [f'<rect class="sea" width="{WIDTH}" height="{height:.0f}"/>',
                  (f'<image href="{static(REGION_MAP)}" x="{-left * scale:.1f}" y="{-top * scale:.1f}" '
                   f'width="{full_w * scale:.1f}" height="{full_h * scale:.1f}"/>')]
    return project, height, background


def _inside(start, length, total):
    if length >= total:
        return (total - length) / 2
    return min(max(start, 0), total - length)


def _grid_view(pins, height=400, pad=48):
    """Projection, height and background for pins beyond the region: a latitude/longitude grid around them."""
    lats, lons = [pin.latitude for pin in pins], [pin.longitude for pin in pins]
    mid_lat = (max(lats) + min(lats)) / 2
    squash = max(math.cos(math.radians(mid_lat)), 0.2)
    lat_span, lon_span = max(max(lats) - min(lats), 1.0), max(max(lons) - min(lons), 1.0)
    scale = min((WIDTH - 2 * pad) / (lon_span * squash), (height - 2 * pad) / lat_span)
    centre_lat, centre_lon = mid_lat, (max(lons) + min(lons)) / 2

    def project(lat, lon):
        return WIDTH / 2 + (lon - centre_lon) * squash * scale, height / 2 - (lat - centre_lat) * scale

    parts = [f'<rect class="sea" width="{WIDTH}" height="{height}"/>']
    lat_low, lat_high = centre_lat - height / 2 / scale, centre_lat + height / 2 / scale
    lon_low, lon_high = centre_lon - WIDTH / 2 / (squash * scale), centre_lon + WIDTH / 2 / (squash * scale)
    step = _grid_step(max(lat_high - lat_low, lon_high - lon_low))
    lat = math.ceil(lat_low / step) * step
    while lat <= lat_high:
        _x, y = project(lat, centre_lon)
        parts.append(f'<line class="grid" x1="0" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if 18 <= y <= height - 24:  # labels too near an edge would be cut off
            parts.append(f'<text class="tick" x="4" y="{y - 3:.1f}">{lat:g}°{"N" if lat >= 0 else "S"}</text>')
        lat += step
    lon = math.ceil(lon_low / step) * step
    while lon <= lon_high:
        x, _y = project(centre_lat, lon)
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}"/>')
        if 40 <= x <= WIDTH - 56:
            parts.append(f'<text class="tick" x="{x + 3:.1f}" y="{height - 4}">{lon:g}°{"E" if lon >= 0 else "W"}</text>')
        lon += step
    return project, height, parts
