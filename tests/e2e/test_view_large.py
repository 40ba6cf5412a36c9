"""A photograph's "View large" on a 360-pixel phone shows the whole picture, fitted to the screen, not cropped at
the right edge."""


import pytest

from tests.e2e.viewports import PHONE, screenshots_folder
from tests.exhibits.museum import add_image
from tests.factories import make_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("player")


def test_view_large_fits_the_phone(browser, live_server, isolated_files):
    item = make_item(title="เรือยามรุ่งอรุณ")
    add_image(item, media_root=isolated_files / "media")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"/th/items/{item.accession_number}/")
        page.locator(".downloads a[href^='#zoom-']").tap()
        picture = page.locator(".zoom:target img")
        picture.wait_for()
        page.wait_for_function("() => document.querySelector('.zoom:target img').complete")
        box = picture.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert box["y"] + box["height"] <= PHONE["height"], box
        assert box["width"] >= PHONE["width"] - 20  # the picture is wider than tall: it fills the width
        assert page.evaluate("() => document.querySelector('.zoom:target').scrollWidth") <= PHONE["width"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "view-large-phone.png")
    finally:
        context.close()
