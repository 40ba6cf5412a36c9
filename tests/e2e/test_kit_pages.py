"""The kit list and a kit's page on a 360 px phone and a desktop, in Thai with English beside it: they fit the
phone, and the screenshots are left for people to look at."""

from decimal import Decimal

import pytest

from archive.models import Item
from oral_histories.services import transcript_import
from tests.e2e.viewports import DESKTOP, PHONE, screenshots_folder
from tests.exhibits.museum import add_audio, add_image, add_video
from tests.factories import make_consent, make_item, make_kit, make_oral_history

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("lesson-kits")
VTT = """WEBVTT

00:00:00.500 --> 00:00:02.000
<v Ko Lay>เราออกเรือตอนตีสาม กลับมาอีกทีก็เที่ยงวัน

00:00:02.000 --> 00:00:04.000
<v Ko Lay>ค่าจ้างไม่พอส่งกลับบ้าน
"""


@pytest.fixture
def kit(isolated_files):
    media = isolated_files / "media"
    photo = make_item(title="Nets drying in the sun", title_th="ตากอวนกลางแดด", date="2016")
    add_image(photo, name="nets", media_root=media)
    film = make_item(kind=Item.Kind.FILM, title="Morning at the border market", title_th="ยามเช้าที่ตลาดชายแดน")
    add_video(film, media)
    voice = make_oral_history(title="A night on a fishing boat", title_th="หนึ่งคืนบนเรือประมง")
    add_audio(voice, media)
    transcript_import(item=voice, language="tha", text=VTT)
    refused = make_item(title="Refused")
    make_consent(refused, classroom=False)
    make_kit(photo, title="Harbour kit", title_th="ชุดการสอนท่าเรือ", age_band="primary-upper", subject_area="geography")
    return make_kit(
        (voice, Decimal("0"), Decimal("3")), photo, (film, Decimal("0.5"), Decimal("2")), refused, slug="crews",
        title="Working at sea: migrant crews on Thai fishing boats",
        title_th="ทำงานกลางทะเล: แรงงานข้ามชาติบนเรือประมงไทย", duration_minutes=50,
        summary="Students listen to a fisherman describe a night at sea.",
        summary_th="นักเรียนฟังชาวประมงเล่าถึงคืนหนึ่งกลางทะเล",
        objectives="Describe the working day of a crew member\nCite an oral history",
        objectives_th="บรรยายวันทำงานของลูกเรือประมง\nอ้างอิงประวัติศาสตร์บอกเล่าได้ถูกต้อง",
        questions_observe="What time does the boat leave?", questions_observe_th="เรือออกจากท่ากี่โมง",
        questions_reflect="Why choose work this far from home?", questions_reflect_th="ทำไมจึงเลือกงานที่ไกลบ้านขนาดนี้",
        vocabulary="crew: the people who work on a boat", vocabulary_th="ลูกเรือ: คนที่ทำงานบนเรือ",
        advisories="The account speaks of debt and danger at sea.",
        advisories_th="คำบอกเล่านี้พูดถึงหนี้สินและอันตรายกลางทะเล")


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_kit_page_and_list_fit_and_are_photographed(page, kit, viewport):
    page.set_viewport_size(viewport)
    name = "phone" if viewport is PHONE else "desktop"
    for path, shot in ((f"/th/lessons/{kit.slug}/?with=en", f"kit-th-en-{name}.png"),
                       (f"/lessons/{kit.slug}/", f"kit-en-{name}.png"), ("/th/lessons/", f"list-th-{name}.png")):
        response = page.goto(path)
        assert response.status == 200, path
        assert fits(page, viewport["width"]), path
        page.screenshot(path=SHOTS / shot, full_page=True)
    page.goto(f"/th/lessons/{kit.slug}/?with=en")
    assert page.locator(".kit-source").count() == 3
    assert "#t=0,3" in page.locator("audio source").first.get_attribute("src")
    assert page.locator(".removed").is_visible()
    columns = page.locator("#kit-objectives + .kit-columns .kit-column")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    if viewport is PHONE:
        assert second["y"] > first["y"]  # stacked
    else:
        assert abs(second["y"] - first["y"]) < 2 and second["x"] > first["x"]  # side by side


def test_the_list_filters_without_javascript(browser, live_server, kit):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("/lessons/")
    page.select_option("#kit-subject", "geography")
    page.click(".kit-filters button")
    assert "subject=geography" in page.url
    assert page.locator(".kit-card").count() == 1 and "Harbour kit" in page.locator(".kit-card").inner_text()
    context.close()


def test_the_kit_pages_have_no_serious_accessibility_violations(page, kit):
    from tests.e2e.test_accessibility import axe_violations, describe

    found = {}
    for path in ("/lessons/", "/th/lessons/", f"/th/lessons/{kit.slug}/?with=en", f"/lessons/{kit.slug}/"):
        assert page.goto(path).status == 200
        violations = axe_violations(page)
        if violations:
            found[path] = describe(violations)
    assert not found, "\n\n".join(f"{where}:\n{text}" for where, text in found.items())
