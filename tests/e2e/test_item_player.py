"""A film's player on its real item page: its subtitle files load as tracks, and a browser without native HLS
plays the stream through static/js/hls-player.js, falling back to the MP4 when the stream fails."""


import pytest

from media_pipeline.ingest import asset_ingest
from tests.e2e.page_scripts import NO_NATIVE_HLS
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import make_item
from tests.media_pipeline import media

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("player")

THAI_SRT = "1\n00:00:00,000 --> 00:00:01,500\nเรือออกจากท่าตอนตีสาม\n\n2\n00:00:01,500 --> 00:00:03,000\nคลื่นแรงมาก\n"
PLAYING = "() => { const v = document.querySelector('video[data-player]');" \
          " return v.readyState >= 3 && v.currentTime > 0.5 && !v.error; }"


@pytest.fixture
def film(tmp_path):
    item = make_item(kind="film", title="Night boat", title_th="เรือกลางคืน", original_language="th")
    source = media.make_video(tmp_path / "ภาพยนตร์.mp4", size="320x240", duration=6, extra=["-f", "mp4"])
    asset_ingest(item=item, source=source, original_name=source.name)
    subtitles = tmp_path / "ภาพยนตร์.th.srt"
    subtitles.write_text(THAI_SRT, encoding="utf-8")
    asset_ingest(item=item, source=subtitles, original_name=subtitles.name)
    assert set(item.assets.values_list("jobs__state", flat=True)) == {"succeeded"}
    return item


def test_the_subtitle_file_loads_as_the_default_track(page, film):
    page.goto(f"/th/items/{film.accession_number}/")
    track = page.locator('video[data-player] track[kind="subtitles"][srclang="th"]')
    assert track.get_attribute("label") == "ไทย" and track.get_attribute("default") is not None
    page.wait_for_function("() => { const t = document.querySelector('track[kind=\"subtitles\"]');"
                           " return t.readyState === 2 && t.track.cues.length === 2; }", timeout=20_000)
    cues = page.evaluate("() => Array.from(document.querySelector('track[kind=\"subtitles\"]').track.cues,"
                         " (cue) => cue.text)")
    assert cues == ["เรือออกจากท่าตอนตีสาม", "คลื่นแรงมาก"]


def test_without_native_hls_the_loader_streams_the_item_page_player(page, film):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(NO_NATIVE_HLS)
    response = page.goto(f"/items/{film.accession_number}/")
    media_src = next(part.split()[1:] for part in response.headers["content-security-policy"].split(";")
                     if part.split()[:1] == ["media-src"])
    assert media_src[0] == "'self'" and media_src[-1] == "blob:"  # (the bucket's origin between, on object storage)
    page.wait_for_load_state("load")
    video = page.locator("video[data-player]")
    assert video.evaluate("(v) => v.dataset.hls.endsWith('master.m3u8')")
    assert not [url for url in requests if url.endswith((".m3u8", ".m4s"))], "the stream was fetched before play"
    video.evaluate("(v) => { v.muted = true; v.play(); }")
    page.wait_for_function("() => document.querySelector('video[data-player]').currentSrc.startsWith('blob:')",
                           timeout=20_000)
    page.wait_for_function(PLAYING, timeout=20_000)
    assert any(url.endswith(".m4s") for url in requests) and any(url.endswith("master.m3u8") for url in requests)


def test_when_the_stream_fails_the_mp4_plays(page, film):
    page.add_init_script(NO_NATIVE_HLS)
    page.route("**/*.m3u8", lambda route: route.fulfill(status=503, body="unavailable"))
    page.goto(f"/items/{film.accession_number}/")
    video = page.locator("video[data-player]")
    video.evaluate("(v) => { v.muted = true; v.play(); }")
    page.wait_for_function(PLAYING, timeout=20_000)
    assert video.evaluate("(v) => v.currentSrc").endswith(".mp4")


def test_the_film_page_on_a_phone_fits_and_its_downloads_are_easy_to_tap(browser, live_server, film):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"/th/items/{film.accession_number}/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        links = page.locator(".player.video .downloads a")
        assert links.count() == 2  # 240p is the film's own size: only the sound alone beside it
        for index in range(links.count()):
            assert links.nth(index).bounding_box()["height"] >= 44
        assert page.locator("#player .duration time").inner_text() == "0:06"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "film-phone.png")
    finally:
        context.close()


def test_seeking_shows_the_frame_from_the_scrub_sprite(page, film):
    page.add_init_script(NO_NATIVE_HLS)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"/items/{film.accession_number}/")
    page.wait_for_load_state("load")
    assert not [url for url in requests if "sprite" in url], "the sprite was fetched before any seek"
    video = page.locator("video[data-player]")
    video.evaluate("(v) => { v.muted = true; v.play(); }")
    page.wait_for_function(PLAYING, timeout=20_000)
    video.evaluate("(v) => { v.pause(); v.currentTime = 4.5; }")
    page.locator(".scrub-preview.showing").wait_for(timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".player.video").screenshot(path=SHOTS / "scrub-preview.png")
    preview = page.locator(".scrub-preview")  # it hides itself again 0.8 s after the seek
    assert preview.get_attribute("data-time") == "4"
    x, y, width, height = map(int, preview.get_attribute("viewBox").split())
    assert (width, height) == (160, 120) and (x, y) == (4 * 160, 0)  # the fifth frame, one per second
    page.wait_for_function("() => { const i = document.querySelector('.scrub-preview image');"
                           " return i.getBBox().width >= 800; }", timeout=10_000)
    page.locator(".scrub-preview:not(.showing)").wait_for(state="attached", timeout=10_000)
