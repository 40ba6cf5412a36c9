"""Deep zoom in a real browser: OpenSeadragon, served by the archive, reads the item's IIIF info.json and draws the
picture from its level 0 tiles on the item page; on a phone it pinches; with JavaScript off the page still shows
the large image; and no other page loads the viewer."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from media_pipeline.ingest import asset_ingest
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import make_item
from tests.media_pipeline import media

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("deep-zoom")
VIEWER = "vendor/openseadragon/openseadragon.min.js"
# Pixels of the viewer's canvas that are the picture's red or blue (not the black backdrop, not blank).
DRAWN = """() => {
  const canvas = document.querySelector('.deep-zoom canvas');
  if (!canvas || !canvas.width) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let red = 0, blue = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] > 180 && data[i + 2] < 80) red++;
    if (data[i + 2] > 180 && data[i] < 80) blue++;
  }
  return Math.min(red, blue);
}"""


@pytest.fixture
def photograph(tmp_path):
    item = make_item(kind="photograph", title="Drying fish at the pier", title_th="ตากปลาที่ท่าเรือ")
    source = media.make_jpeg(tmp_path / "ภาพ.jpg", size=(2400, 1500))
    asset = asset_ingest(item=item, source=source, original_name="ภาพ.jpg")
    assert asset.jobs.get().state == "succeeded"
    assert asset.derivatives.filter(role="iiif-tiles").exists()
    return item


def watch(page):
    """Record the answers to the viewer's requests: tiles, info.json, the viewer script, the large JPEG."""
    seen = {"tiles": [], "info": [], "viewer": [], "large": [], "asked": 0}

    def ask(request):
        if "/iiif/image/" in request.url:
            seen["asked"] += 1

    def record(response):
        url = response.url
        if "/iiif/image/" in url:
            seen["info" if url.endswith("/info.json") else "tiles"].append(response.status)
        elif url.endswith(VIEWER):
            seen["viewer"].append(response.status)
        elif url.endswith("/2048.jpg"):
            seen["large"].append(response.status)

    page.on("request", ask)
    page.on("response", record)
    return seen


def settle(page, seen):
    """Wait until some tiles have come and every image service request the page has made is answered."""
    while not seen["tiles"] or len(seen["tiles"]) + len(seen["info"]) < seen["asked"]:
        page.wait_for_event("response", timeout=20_000)


def open_deep_zoom(page, item):
    page.goto(f"/items/{item.accession_number}/")
    page.locator(".downloads a", has_text="View large").click()
    page.wait_for_selector(".deep-zoom[data-state=open]")
    page.wait_for_function(f"() => ({DRAWN})() > 1000", timeout=20_000)


def test_openseadragon_draws_the_picture_from_its_tiles(page, photograph):
    page.set_viewport_size({"width": 600, "height": 700})  # the whole picture needs only the coarser tiles
    seen = watch(page)
    page.goto(f"/items/{photograph.accession_number}/")
    page.wait_for_load_state("networkidle")
    assert seen["viewer"] == [], "the viewer is fetched only when a picture is opened"
    open_deep_zoom(page, photograph)
    assert seen["viewer"] == [200] and seen["info"] == [200]
    # The tiles draw it: the overlay's large JPEG (the no-JavaScript view) stays hidden and is not fetched.
    assert not page.locator(".zoom > img").is_visible()
    assert seen["large"] == []
    settle(page, seen)
    assert seen["tiles"] and set(seen["tiles"]) == {200}
    before = len(seen["tiles"])
    page.locator(".deep-zoom .openseadragon-canvas").hover()
    with page.expect_request(lambda request: "/iiif/image/" in request.url):  # zooming in asks for finer tiles
        for _ in range(8):
            page.mouse.wheel(0, -300)
    page.wait_for_function(f"() => ({DRAWN})() > 1000")
    settle(page, seen)
    assert len(seen["tiles"]) > before and set(seen["tiles"]) == {200}


def test_deep_zoom_on_a_phone_with_a_screenshot(browser, live_server, photograph):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    try:
        seen = watch(page)
        open_deep_zoom(page, photograph)
        box = page.locator(".deep-zoom").bounding_box()
        assert box["width"] == PHONE["width"] and box["height"] > 400
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # OpenSeadragon takes the touch gestures itself (pinch to zoom, drag to pan), not the page.
        assert page.locator(".deep-zoom .openseadragon-canvas").evaluate(
            "c => getComputedStyle(c).touchAction") == "none"
        settle(page, seen)
        assert seen["tiles"] and set(seen["tiles"]) == {200}
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "deep-zoom-phone.png"))
    finally:
        context.close()


def test_without_javascript_the_large_image_still_opens(browser, live_server, photograph):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/items/{photograph.accession_number}/")
        page.locator(".downloads a", has_text="View large").click()
        large = page.locator(".zoom > img")
        large.wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('.zoom > img').complete")
        assert large.evaluate("i => i.naturalWidth") == 2048
    finally:
        context.close()


def test_no_other_page_loads_the_viewer(page, photograph):
    small = make_item(kind="photograph", title="A small photo")
    film = make_item(kind="film", title="A film")
    for path in ("/", "/browse/", f"/items/{small.accession_number}/", f"/items/{film.accession_number}/",
                 f"/th/items/{photograph.accession_number}/"):
        page.goto(path)
        scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
        assert not any(VIEWER in src for src in scripts), path
        assert any("js/deep-zoom.js" in src for src in scripts) == path.endswith(
            f"/items/{photograph.accession_number}/"), path


MIRADOR = Path(settings.BASE_DIR) / "node_modules" / "mirador" / "dist" / "mirador.min.js"
MIRADOR_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<div id="viewer" style="position:absolute;inset:0"></div><script src="/test-viewer/mirador.min.js"></script>
<script>Mirador.viewer({id: "viewer", windows: [{manifestId: "%s"}],
  window: {allowClose: false, defaultSideBarPanel: "info", sideBarOpenByDefault: true}});</script></body></html>"""


def test_mirador_opens_the_manifest_and_draws_the_picture(page, live_server, photograph):
    """Mirador, a IIIF viewer from npm (package.json), opens the manifest on a test page and draws its picture from
    the image service's tiles. The test hands the browser Mirador's bundle; everything else comes from the archive."""
    seen = watch(page)
    manifest = f"{live_server.url}/iiif/{photograph.accession_number}/manifest.json"
    page.route(f"{live_server.url}/test-viewer/mirador.min.js",
               lambda route: route.fulfill(path=str(MIRADOR), content_type="text/javascript; charset=utf-8"))
    page.route(f"{live_server.url}/test-viewer/",
               lambda route: route.fulfill(content_type="text/html; charset=utf-8", body=MIRADOR_PAGE % manifest))
    with page.expect_response(lambda response: response.url.endswith("/info.json")):
        page.goto("/test-viewer/")
    page.get_by_text("Drying fish at the pier").first.wait_for(timeout=20_000)
    page.get_by_text(photograph.accession_number).first.wait_for()  # the manifest's metadata, in the side bar
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.openseadragon-canvas canvas'))
        .some(c => c.width > 0)""", timeout=20_000)
    settle(page, seen)
    assert seen["info"] and set(seen["info"]) == {200}
    assert seen["tiles"] and set(seen["tiles"]) == {200}
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(50):  # a screenshot a time until both halves are drawn (each one waits for a frame)
        red, blue = red_and_blue(page.screenshot(path=str(SHOTS / "mirador-desktop.png")))
        if red > 50_000 and blue > 50_000:
            break
    assert red > 50_000 and blue > 50_000, (red, blue)  # both halves of the picture are on screen


def red_and_blue(png):
    with Image.open(io.BytesIO(png)) as image:
        pixels = list(image.convert("RGB").get_flattened_data())
    return (sum(1 for r, g, b in pixels if r > 200 and g < 60 and b < 60),
            sum(1 for r, g, b in pixels if b > 200 and r < 60 and g < 60))
