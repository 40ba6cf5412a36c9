"""No page is wider than a 360 px phone in any of the five languages: the longest words of Khmer, Burmese and
Lao must wrap or shrink, never push the page sideways."""

import pytest

from tests.e2e.viewports import PHONE
from tests.exhibits.museum import build_museum

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["", "/th", "/my", "/km", "/lo"]


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media", pictures=True)


def pages(museum):
    return ["/", "/browse/", "/browse/?kind=photograph&subject=fishing", "/search/?q=boat", "/search/?q=เรือ",
            "/exhibits/", "/exhibits/fishing-lives/", f"/items/{museum['photo'].accession_number}/",
            f"/items/{museum['film'].accession_number}/", f"/items/{museum['voice'].accession_number}/",
            # A contributor's first pages: signing in and up, before any account exists.
            "/accounts/login/", "/accounts/signup/"]


def test_no_page_is_wider_than_a_phone_in_any_language(page, museum):
    page.set_viewport_size(PHONE)
    too_wide = {}
    for prefix in LANGUAGES:
        for path in pages(museum):
            response = page.goto(prefix + path)
            assert response.status == 200, prefix + path
            if "search" in path:
                assert page.locator(".hits li").count() > 0, f"{prefix + path} shows no results to measure"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[prefix + path] = width
    assert too_wide == {}, too_wide
