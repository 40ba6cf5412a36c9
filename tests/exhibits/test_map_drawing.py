"""Exhibit maps lie on the region's coastlines and borders, their names never overlap, and each pin leads to its
place's items."""

import itertools
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from archive.models import Place
from exhibits.map_labels import place_labels, text_width
from exhibits.maps import REGION, REGION_MAP, map_svg

pytestmark = pytest.mark.django_db

# Around the Gulf of Thailand, close enough together for their names to fight for room.
TOWNS = [("Samut Sakhon", "สมุทรสาคร", "13.55", "100.27"), ("Samut Prakan", "สมุทรปราการ", "13.6", "100.6"),
         ("Bangkok", "กรุงเทพมหานคร", "13.76", "100.5"), ("Nonthaburi", "นนทบุรี", "13.86", "100.51"),
         ("Pathum Thani", "ปทุมธานี", "14.02", "100.53"), ("Chonburi", "ชลบุรี", "13.36", "100.98"),
         ("Ranong", "ระนอง", "9.97", "98.63"), ("Mae Sot", "แม่สอด", "16.71", "98.57"),
         ("Myawaddy", "เมียวดี", "16.69", "98.51"), ("Battambang", "พระตะบอง", "13.1", "103.2")]


@pytest.fixture
def towns():
    thailand = Place.objects.create(name="Thailand", kind="country")
    return [Place.objects.create(name=name, name_th=thai, kind="province", parent=thailand,
                                 latitude=Decimal(lat), longitude=Decimal(lon)) for name, thai, lat, lon in TOWNS]


def label_boxes(svg, group):
    return re.search(rf'<g class="labels {group}".*?</g>', svg).group(0)


def test_pins_inside_the_region_lie_on_its_outline_map(towns):
    svg = map_svg(towns, title="แผนที่")
    assert f'<image href="/static/{REGION_MAP}"' in svg and "class=\"grid\"" not in svg
    far = Place(name="Seoul", kind="province", latitude=Decimal("37.57"), longitude=Decimal("126.98"))
    grid = map_svg([towns[0], far], title="x")
    assert "<image" not in grid and 'class="grid"' in grid


def test_each_pin_links_to_its_places_items_in_the_page_language(towns):
    with translation.override("th"):
        svg = map_svg(towns, title="แผนที่", language="th")
    for town in towns:
        assert f'<a href="/th/browse/?place={town.pk}"><title>{town.name_th}</title><circle class="pin-hit"' in svg
    assert "กรุงเทพมหานคร" in svg and svg.count('class="pin"') == len(TOWNS)


@pytest.mark.parametrize("size,radius", [(15, 7), (28, 12)])
def test_names_never_overlap_each_other_or_a_pin_and_stay_on_the_map(size, radius):
    # Ten pins packed into the middle of a map, as a province's districts are.
    points = [(300 + 14 * (i % 4), 180 + 16 * (i // 4), thai) for i, (_name, thai, _lat, _lon) in enumerate(TOWNS)]
    placed = place_labels(points, size=size, radius=radius, width=640, height=400)
    assert len(placed) >= 7, "most names find room"
    boxes = [label.box for label in placed.values()]
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for box in boxes:
        assert 0 <= box[0] and box[2] <= 640 and 0 <= box[1] and box[3] <= 400
        for x, y, _text in points:
            assert not (box[0] < x + radius and x - radius < box[2] and box[1] < y + radius and y - radius < box[3])
    assert placed == place_labels(points, size=size, radius=radius, width=640, height=400)  # deterministic


def test_the_map_of_the_demo_towns_has_every_name_in_both_sizes(towns):
    svg = map_svg(towns, title="x", language="th")
    for group in ("wide", "narrow"):
        assert label_boxes(svg, group).count('class="place"') == len(TOWNS)


def test_combining_marks_take_no_width():
    assert text_width("ที่", 10) == text_width("ท", 10)  # a consonant with its vowel and tone marks
    assert text_width("Mae Sot", 10) < text_width("แม่สอดแม่สอด", 10)


def test_the_outline_map_is_the_region_the_server_projects_onto():
    svg = (settings.BASE_DIR / "static" / REGION_MAP).read_text()
    width, height = REGION.size
    assert f'viewBox="0 0 {width:.0f} {height:.0f}"' in svg
    assert "Natural Earth" in svg and len(svg.encode()) < 80_000
    assert "<script" not in svg and "style=" not in svg  # presentation attributes only, under any policy
