"""Artwork and performance pages on a 360 px phone, in Thai and Burmese: the label and programme fit and read."""


import pytest
from django.utils import timezone

from archive.models import Item, ItemAgent, Tradition
from exhibits.models import Block, BlockItem, Exhibit
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.exhibits.museum import add_image, add_video
from tests.factories import make_agent, make_item, make_place

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("works")


def karen():
    """The seeded tradition; made again here, since a transactional test before this one flushed the seed."""
    return Tradition.objects.get_or_create(slug="karen", defaults={
        "title": "Karen", "title_th": "กะเหรี่ยง", "title_my": "ကရင်", "title_km": "ការ៉ែន", "title_lo": "ກະຫຼ່ຽງ"})[0]


@pytest.fixture
def works(isolated_files):
    media = isolated_files / "media"
    painting = make_item(
        kind=Item.Kind.ARTWORK, accession_number="ART-0001", title="Boats at Mahachai", title_th="เรือที่มหาชัย",
        title_my="မဟာချိုင်က ငါးဖမ်းလှေများ", date="2019", medium="acrylic", medium_th="สีอะคริลิก",
        medium_my="အက်ခရီလစ်ဆေး", support="canvas", support_th="ผ้าใบ", support_my="ပတ္တူ",
        dimensions="60 × 90 cm", description_th="ภาพวาดของชาวประมงจากทวาย วาดหลังเลิกงานในเวลากลางคืน")
    ItemAgent.objects.create(item=painting, agent=make_agent(display_name="ကိုဇော်ဝင်း"), role="artist")
    add_image(painting, name="boats", media_root=media)
    dance = make_item(
        kind=Item.Kind.PERFORMANCE, accession_number="PERF-0001", title="Don dance at Songkran",
        title_th="รำตงของเด็กกะเหรี่ยงในวันสงกรานต์", title_my="သင်္ကြန်ပွဲတွင် ကရင်ဒုံးအက", date="2023-04-13",
        tradition=karen(), occasion_th="สงกรานต์ที่ศูนย์การเรียนแม่สอด",
        occasion_my="မဲဆောက် စာသင်စင်တာရှိ သင်္ကြန်ပွဲ")
    dance.places.add(make_place("Thailand > Tak > Mae Sot"))
    for name, role, part in (("ဟ်ဆာမူး အကအဖွဲ့", "performing_group", ""),
                             ("နော်ပော", "dancer", "ရှေ့ဆောင် ကချေသည်"),
                             ("စောထူး", "musician", "ပတ္တလား")):
        ItemAgent.objects.create(item=dance, agent=make_agent(display_name=name), role=role, part=part)
    add_video(dance, media)
    exhibit = Exhibit.objects.create(slug="their-art", title="Their art", title_th="ศิลปะของพวกเขา",
                                     title_my="သူတို့၏ အနုပညာ", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    for position, (kind, item) in enumerate(((Block.Kind.ART_GALLERY, painting), (Block.Kind.PERFORMANCE, dance))):
        block = Block.objects.create(exhibit=exhibit, kind=kind, position=position)
        BlockItem.objects.create(block=block, item=item)
    return {"artwork": "/items/ART-0001/", "performance": "/items/PERF-0001/", "exhibit": "/exhibits/their-art/"}


def test_artwork_and_performance_pages_fit_a_phone_in_thai_and_burmese(page, works):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    for language in ("th", "my"):
        for name, path in works.items():
            response = page.goto(f"/{language}{path}")
            assert response.status == 200
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (language, path)
            label = page.locator(".work-label").first
            assert label.is_visible()
            box = label.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            page.screenshot(path=str(SHOTS / f"{name}-{language}-phone.png"), full_page=True)
    page.goto("/my/items/PERF-0001/")
    assert "ပတ္တလား" in page.locator(".work-programme").inner_text()


def test_artwork_performance_and_art_exhibit_pages_have_no_serious_accessibility_violations(page, works):
    from tests.e2e.test_accessibility import axe_violations, describe

    page.set_viewport_size(PHONE)
    found = {}
    for language in ("th", "my"):
        for path in works.values():
            assert page.goto(f"/{language}{path}").status == 200
            if violations := axe_violations(page):
                found[f"/{language}{path}"] = describe(violations)
    assert not found, found
