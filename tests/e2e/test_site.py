"""The public site in a real browser: phone and desktop layouts, screenshots, and pages that work without JS."""


import pytest

from tests.e2e.viewports import DESKTOP, PHONE, screenshots_folder
from tests.exhibits.museum import build_museum

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("site")


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media", pictures=True)


def site_pages(museum):
    return {
        "home": "/", "exhibits": "/exhibits/", "exhibit": "/exhibits/fishing-lives/",
        "photo": f"/items/{museum['photo'].accession_number}/", "film": f"/items/{museum['film'].accession_number}/",
        "voice": f"/items/{museum['voice'].accession_number}/", "browse": "/browse/", "search": "/search/?q=boat",
    }


def test_pages_fit_a_phone_and_a_desktop_with_screenshots(page, museum):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in site_pages(museum).items():
        for prefix in ("", "/th"):
            for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                page.set_viewport_size(viewport)
                response = page.goto(prefix + path)
                assert response.status == 200, prefix + path
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{prefix + path} scrolls sideways at {viewport['width']} px"
                language = prefix.strip("/") or "en"
                page.screenshot(path=str(SHOTS / f"{name}-{language}-{label}.png"), full_page=True)


def test_pictures_load_from_the_archive_itself(page, museum):
    page.goto(f"/items/{museum['photo'].accession_number}/")
    loaded = page.evaluate("Array.from(document.images).filter(i => i.loading !== 'lazy')"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    assert loaded


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_everything_reads_and_switches_language_without_javascript(no_js_page, museum):
    page = no_js_page
    page.goto("/exhibits/fishing-lives/")
    assert page.locator("h1").inner_text() == "Fishing lives"
    assert page.locator("svg.map circle.pin").count() == 2
    assert page.locator("svg.chart rect.bar").count() == 4
    page.locator("nav.languages a[lang=th]").click()
    page.wait_for_url("**/th/exhibits/fishing-lives/")
    assert page.locator("h1").inner_text() == "ชีวิตชาวประมง"
    assert "ประมาณ พ.ศ. 2538" in page.locator(".timeline").inner_text()
    page.goto("/th/browse/")
    page.locator("details.filter-panel > summary").click()
    page.locator("nav.facets a", has_text="ภาพถ่าย").click()
    assert page.locator(".results .card").count() == 2  # the boat, and a portrait shown on the web only


def test_large_image_view_works_without_javascript(no_js_page, museum):
    page = no_js_page
    page.goto(f"/items/{museum['photo'].accession_number}/")
    overlay = page.locator(".zoom")
    assert not overlay.is_visible()
    page.locator(".downloads a", has_text="View large").click()
    assert overlay.is_visible()
    large = overlay.locator("img")
    large.wait_for(state="visible")
    page.wait_for_function("document.querySelector('.zoom img').complete")
    assert large.evaluate("i => i.naturalWidth") == 1280
    page.locator(".zoom-close").click()
    assert not overlay.is_visible()


def test_search_form_in_the_header_goes_to_the_search_page(page, museum):
    page.goto("/th/")
    page.locator("#site-q").fill("เรือ")
    page.locator("header form.search button").click()
    page.wait_for_url("**/th/search/?q=*")
    assert page.locator("h1").count() == 1
