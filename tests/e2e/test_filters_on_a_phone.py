"""Browse and search on a 360 px phone: results come first, the facets wait behind "Filters (n)", which opens
without JavaScript; on a wide screen the facets sit open beside the results."""

import pytest

from tests.e2e.viewports import DESKTOP, PHONE
from tests.exhibits.museum import build_museum

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media")


@pytest.fixture
def no_js_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


PAGES = [("/browse/?kind=photograph", ".results .card"), ("/th/search/?q=เรือ&kind=photograph", ".results .hits li"),
         ("/my/browse/", ".results .card")]


def test_results_come_first_on_a_phone_and_the_filters_open_without_javascript(no_js_phone, museum):
    page = no_js_phone
    for path, result in PAGES:
        page.goto(path)
        first = page.locator(result).first.bounding_box()
        assert first["y"] < PHONE["height"], f"{path}: the first result starts below the first screen"
        assert not page.locator("nav.facets").is_visible(), path
        summary = page.locator("details.filter-panel > summary")
        if "kind=" in path:
            assert "(1)" in summary.inner_text(), path
        summary.click()
        assert page.locator("nav.facets").is_visible(), path
    page.goto("/browse/?kind=photograph")
    page.locator("details.filter-panel > summary").click()
    page.locator("nav.facets summary", has_text="Subject").click()
    page.get_by_role("link", name="Fishing", exact=True).click()
    assert page.url.endswith("?kind=photograph&subject=fishing")
    assert "(2)" in page.locator("details.filter-panel > summary").inner_text()
    assert page.locator(".results .card").count() == 1


def test_the_facets_stand_open_beside_the_results_on_a_wide_screen(page, museum):
    page.set_viewport_size(DESKTOP)
    page.goto("/browse/")
    assert page.locator("nav.facets").is_visible()
    facets, results = page.locator("nav.facets").bounding_box(), page.locator(".results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]
    page.set_viewport_size(PHONE)
    page.goto("/browse/")
    assert not page.locator("nav.facets").is_visible()
