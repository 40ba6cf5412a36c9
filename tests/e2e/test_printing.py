"""Printing a page of the public site: what a teacher gets on paper from an exhibit page."""

import subprocess

import pytest

from lessons.lookup import kit_url
from tests.e2e.test_csp import REPORT_VIOLATIONS
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.exhibits.museum import build_museum
from tests.factories import make_kit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("printing")


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media", pictures=True)


def after(page, selector):
    """The printed address after the first link `selector` finds (its ::after content)."""
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}), '::after').content")


def test_a_printed_exhibit_has_no_site_chrome_and_shows_its_address_as_text_and_qr_code(page, museum, tmp_path):
    page.goto("/th/exhibits/fishing-lives/")
    assert not page.locator(".print-address").is_visible()  # on screen: hidden
    page.emulate_media(media="print")
    for chrome in ("header.site", "nav.main-nav", "nav.languages", "form.search", "footer.site"):
        assert not page.locator(chrome).is_visible(), chrome
    qr = page.locator(".print-address svg.qr")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 80 and abs(box["width"] - box["height"]) < 1  # 24 mm at 96 px per inch: about 90 px
    host = page.evaluate("location.host")
    assert page.locator(".print-address .print-url").inner_text() == f"{host}/th/exhibits/fishing-lives"
    photo = museum["photo"].accession_number
    link = f'figcaption a[href$="/items/{photo}/"]'
    assert f"/items/{photo}/" in after(page, link)
    assert after(page, f'a[href$="/items/{photo}/"]:has(img)') == "none"  # a picture's link prints no address
    page.screenshot(path=str(SHOTS / "exhibit-print-media.png"), full_page=True)

    pdf = tmp_path / "exhibit.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=False))
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                                   text=True, timeout=60).stdout.split())
    assert "ชีวิตชาวประมง" in text and f"/items/{photo}/" in text
    assert "Skip to content" not in text and "ค้นหา" not in text.split("ชีวิตชาวประมง")[0]
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(SHOTS / "exhibit-pdf")],
                   check=True, timeout=60)


@pytest.fixture
def watched(page):
    """The page, with every Content-Security-Policy violation it meets recorded in page.problems."""
    page.problems = []
    page.expose_function("cspViolation", lambda text: page.problems.append(text))
    page.add_init_script(REPORT_VIOLATIONS)
    return page


def test_the_handout_page_reads_on_a_phone_under_the_csp_and_prints_without_its_download_link(watched, museum):
    page = watched
    kit = make_kit(museum["photo"], museum["voice"], slug="ชีวิตชาวประมง", questions_observe_th="เห็นอะไรในภาพ",
                   vocabulary_th="ค่าจ้าง\nเรือประมง")
    page.set_viewport_size(PHONE)
    response = page.goto("/th" + kit_url(kit, "handout"))
    assert response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".handout-source").count() == 2 and page.locator("svg.qr").count() == 3
    assert page.locator(".handout-actions a").is_visible()
    page.screenshot(path=str(SHOTS / "handout-th-phone.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator(".handout-actions a").is_visible()
    loaded = page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert loaded and page.locator("img.source-picture").count() >= 1
    assert page.problems == []
