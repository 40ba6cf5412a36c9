"""Screenshots at 360 px of the pages where scripts and calendars matter most, for people to look at: a Khmer
browse page, a Burmese item date, a Thai Buddhist Era date. Written to
var/screenshots/languages/."""


import pytest

from tests.e2e.viewports import PHONE, screenshots_folder
from tests.exhibits.museum import build_museum

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("languages")


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media", pictures=True)


def test_screenshots_of_khmer_and_burmese_pages_on_a_phone(page, museum):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    voice = f"/items/{museum['voice'].accession_number}/"
    for name, path, text in [("khmer-home", "/km/", "បណ្ណសារ"), ("khmer-browse", "/km/browse/?kind=photograph", "តម្រង (1)"),
                             ("burmese-date", f"/my{voice}", "2003 မေ"), ("thai-date", f"/th{voice}", "พ.ศ. 2546")]:
        page.goto(path)
        assert text in page.content(), (path, text)
        if name.endswith("date"):
            page.locator(".facts").scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"{name}.png"))
        else:
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
