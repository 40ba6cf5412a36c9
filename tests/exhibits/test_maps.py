"""Public maps never give away where someone lives: positions are rounded, and a village or workplace is drawn
at its district unless a curator marked it safe to show precisely."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from archive.models import Place
from exhibits.maps import map_svg, public_pins
from exhibits.models import Block, BlockItem, Exhibit
from tests.factories import make_item

pytestmark = pytest.mark.django_db

# A boarding house in Mahachai, to a few metres.
HOME = (Decimal("13.547312"), Decimal("100.273941"))


def place(name, kind, parent=None, position=(None, None), **fields):
    return Place.objects.create(name=name, kind=kind, parent=parent, latitude=position[0], longitude=position[1],
                                **fields)


@pytest.fixture
def places():
    thailand = place("Thailand", "country", position=(Decimal("15.87"), Decimal("100.99")))
    samut_sakhon = place("Samut Sakhon", "province", thailand, (Decimal("13.5475"), Decimal("100.2744")),
                         name_th="สมุทรสาคร")
    mueang = place("Mueang Samut Sakhon", "district", samut_sakhon, (Decimal("13.5801"), Decimal("100.3045")))
    home = place("Soi 7 boarding house", "locality", mueang, HOME, name_th="หอพักซอย 7")
    market = place("Talay Thai market", "locality", mueang, (Decimal("13.521874"), Decimal("100.281305")),
                   show_precisely=True)
    return {"thailand": thailand, "province": samut_sakhon, "district": mueang, "home": home, "market": market}


def pins(*places):
    return {(pin.latitude, pin.longitude): pin.name for pin in public_pins(places)}


def test_a_locality_is_drawn_at_its_district_rounded(places):
    assert pins(places["home"]) == {(13.6, 100.3): "Soi 7 boarding house"}
    assert pins(places["home"], places["district"]) == {(13.6, 100.3): "Soi 7 boarding house, Mueang Samut Sakhon"}


def test_without_a_district_with_coordinates_the_nearest_coarser_place_or_its_own_rounded_position(places):
    Place.objects.filter(pk=places["district"].pk).update(latitude=None, longitude=None)
    home = Place.objects.get(pk=places["home"].pk)
    assert pins(home) == {(13.5, 100.3): "Soi 7 boarding house"}  # the province's position
    orphan = place("Fishing camp", "locality", position=HOME)
    assert pins(orphan) == {(13.5, 100.3): "Fishing camp"}


def test_a_locality_inside_a_locality_climbs_past_it_to_the_district(places, django_assert_num_queries):
    room = place("Room 12", "locality", places["home"], (Decimal("13.547401"), Decimal("100.273822")))
    room = Place.objects.get(pk=room.pk)
    with django_assert_num_queries(2):  # one query per level climbed
        assert pins(room) == {(13.6, 100.3): "Room 12"}


def test_only_a_place_marked_safe_is_drawn_precisely(places):
    assert pins(places["market"]) == {(13.521874, 100.281305): "Talay Thai market"}
    assert pins(places["province"]) == {(13.5, 100.3): "Samut Sakhon"}  # coarse, yet still rounded


def test_the_precision_is_a_setting(places, settings):
    settings.ARCHIVE_MAP_PRECISION = 2
    assert pins(places["home"]) == {(13.58, 100.3): "Soi 7 boarding house"}
    orphan = place("Fishing camp", "locality", position=HOME)
    assert pins(orphan) == {(13.55, 100.27): "Fishing camp"}


def test_the_drawing_holds_nothing_finer_than_the_rounded_position(places):
    """The SVG of the home is the SVG of a place standing exactly at the rounded district position: no pixel, grid
    line or label can be traced back to the house."""
    svg = map_svg([places["home"]], title="แผนที่")
    stand_in = Place(pk=places["home"].pk, name="Soi 7 boarding house", kind="district", latitude=Decimal("13.6"),
                     longitude=Decimal("100.3"))
    assert svg == map_svg([stand_in], title="แผนที่")
    assert svg != map_svg([Place(pk=places["home"].pk, name="Soi 7 boarding house", kind="district",
                                 show_precisely=True, latitude=HOME[0], longitude=HOME[1])], title="แผนที่")


def test_no_precise_position_reaches_the_exhibit_page(client, places):
    item = make_item(title="Letters from the boarding house", title_th="จดหมายจากหอพัก")
    item.places.add(places["home"])
    other = make_item(title="Night market")
    other.places.add(places["thailand"])
    exhibit = Exhibit.objects.create(slug="homes", title="Homes", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    block = Block.objects.create(exhibit=exhibit, kind=Block.Kind.MAP, heading="Where they lived")
    BlockItem.objects.create(block=block, item=item, position=0)
    BlockItem.objects.create(block=block, item=other, position=1)
    for prefix in ("", "/th"):
        html = client.get(f"{prefix}/exhibits/homes/").content.decode()
        svg = re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)
        assert "หอพักซอย 7" in svg or "Soi 7 boarding house" in svg
        expected = map_svg([Place(pk=pk, name=n, name_th=n, kind="district", latitude=lat, longitude=lon)
                            for pk, n, lat, lon in [(places["home"].pk, "x", Decimal("13.6"), Decimal("100.3")),
                                                    (places["thailand"].pk, "y", Decimal("15.9"), Decimal("101.0"))]],
                           title="Where they lived")
        assert sorted(_numbers(svg)) == sorted(_numbers(expected))
        for fine in ("13.547", "100.273", "13.58", "100.30", "15.87", "100.99"):
            assert fine not in html


def _numbers(svg):
    """The numbers of the drawing, without its text (names are not positions); labels are placed by their
    lengths, so only the pins' and the map's numbers are compared."""
    drawing = re.sub(r'<g class="labels.*?</g>', "", re.sub(r">[^<]*<", "><", svg))
    return re.findall(r"-?\d+(?:\.\d+)?", drawing)


def test_the_admin_offers_the_choice_with_its_reason(client, staff_user, places):
    client.force_login(staff_user)
    html = client.get(f"/admin/archive/place/{places['home'].pk}/change/").content.decode()
    assert 'name="show_precisely"' in html and "round every position to about 10 km" in html
