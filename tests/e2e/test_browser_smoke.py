import pytest

from tests.factories import make_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_item_page_renders_thai_title_in_a_real_browser(page):
    item = make_item(title="Boat", title_th="เรือประมง", original_language="th")
    page.goto(f"/th/items/{item.accession_number}/")
    assert page.locator("h1").inner_text() == "เรือประมง"
