"""An exhibit's map on a 360-pixel phone: the region's outlines under the pins, names that do not overlap, and a
pin that leads to its place's items."""

from decimal import Decimal

import pytest
from django.utils import timezone

from archive.models import Place
from exhibits.models import Block, BlockItem, Exhibit
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.exhibits.test_map_drawing import TOWNS
from tests.factories import make_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("map")


@pytest.fixture
def mapped():
    thailand = Place.objects.create(name="Thailand", name_th="ประเทศไทย", kind="country")
    exhibit = Exhibit.objects.create(slug="where", title="Where", title_th="ที่ไหน", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now() - timezone.timedelta(days=1))
    block = Block.objects.create(exhibit=exhibit, kind=Block.Kind.MAP, heading="Where", heading_th="ที่ไหน")
    towns = {}
    for position, (name, thai, lat, lon) in enumerate(TOWNS):
        town = Place.objects.create(name=name, name_th=thai, kind="province", parent=thailand,
                                    latitude=Decimal(lat), longitude=Decimal(lon))
        item = make_item(title=f"Letters from {name}", title_th=f"จดหมายจาก{thai}")
        item.places.add(town)
        BlockItem.objects.create(block=block, item=item, position=position)
        towns[name] = town
    return towns


def label_boxes(page, group):
    return page.evaluate("(group) => Array.from(document.querySelectorAll(`svg.map .labels.${group} text`),"
                         " (t) => { const r = t.getBoundingClientRect();"
                         " return [r.left, r.top, r.right, r.bottom]; })", group)


def test_a_pin_leads_to_its_places_items_and_names_do_not_overlap(browser, live_server, mapped):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto("/th/exhibits/where/")
        svg = page.locator("svg.map")
        svg.scroll_into_view_if_needed()
        page.wait_for_function("() => { const i = document.querySelector('svg.map image');"
                               " return i && i.getBBox().width > 0; }")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        boxes = label_boxes(page, "narrow")
        assert len(boxes) == len(TOWNS) and label_boxes(page, "wide") == [[0, 0, 0, 0]] * len(TOWNS)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
        SHOTS.mkdir(parents=True, exist_ok=True)
        svg.screenshot(path=SHOTS / "map-phone.png")
        page.screenshot(path=SHOTS / "map-phone-page.png")
        ranong = mapped["Ranong"]
        page.locator(f'svg.map a[href="/th/browse/?place={ranong.pk}"]').first.tap()
        page.wait_for_url(f"**/th/browse/?place={ranong.pk}")
        results = page.locator("main").inner_text()
        assert "จดหมายจากระนอง" in results and "จดหมายจากแม่สอด" not in results
    finally:
        context.close()


def test_on_a_wide_screen_the_smaller_names_do_not_overlap_either(page, mapped):
    page.goto("/th/exhibits/where/")
    boxes = label_boxes(page, "wide")
    assert len(boxes) == len(TOWNS) and label_boxes(page, "narrow") == [[0, 0, 0, 0]] * len(TOWNS)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("svg.map").screenshot(path=SHOTS / "map-desktop.png")
