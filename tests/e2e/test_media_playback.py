"""The derivatives play in a real browser: the progressive MP4 natively (and seeks, through Range requests), the
HLS stream through the archive's own MSE loader (static/js/hls-player.js)."""

import pytest

from media_pipeline.ingest import asset_ingest
from tests.e2e.page_scripts import NO_NATIVE_HLS
from tests.factories import make_item
from tests.media_pipeline import media

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAYING = """(video) => video.readyState >= 3 && video.currentTime > 0.5 && !video.error"""


@pytest.fixture
def film(tmp_path):
    source = media.make_video(tmp_path / "film.mp4", size="320x240", duration=6, extra=["-f", "mp4"])
    asset = asset_ingest(item=make_item(kind="film"), source=source, original_name="ภาพยนตร์.mp4")
    assert asset.jobs.get().state == "succeeded"
    return asset


def open_player(page, html):
    page.goto("/static/js/hls-player.js")  # any same-origin address, so the media view is same-origin
    page.set_content(f"<!doctype html><html><body>{html}</body></html>")
    return page.locator("video")


def test_progressive_mp4_plays_and_seeks(page, film):
    mp4 = film.derivatives.get(role="mp4")
    answers = []
    page.on("response", lambda r: answers.append((r.status, r.headers.get("cache-control")))
            if r.url.endswith("video.mp4") else None)
    video = open_player(page, f'<video muted autoplay preload="auto" src="{mp4.url}"></video>')
    video.evaluate("(v) => v.play()")
    page.wait_for_function(f"({PLAYING})(document.querySelector('video'))", timeout=20_000)
    video.evaluate("(v) => { v.currentTime = 4; }")
    page.wait_for_function("(() => { const v = document.querySelector('video');"
                           " return v.currentTime > 4.2 && v.readyState >= 3; })()", timeout=20_000)
    # Served by the archive's media view: ranged answers, cacheable because the item is public.
    assert (206, "public, max-age=3600") in answers, answers


def test_hls_stream_plays_through_the_archive_mse_loader(page, film):
    master = film.derivatives.get(role="hls-master")
    mp4 = film.derivatives.get(role="mp4")
    segments = []
    page.on("response", lambda r: segments.append(r.status) if r.url.endswith(".m4s") else None)
    page.add_init_script(NO_NATIVE_HLS)  # Chromium may play HLS itself; the loader is for browsers that do not
    video = open_player(page, f'<video muted autoplay preload="auto" src="{mp4.url}" data-hls="{master.url}">'
                              '</video><script src="/static/js/hls-player.js"></script>')
    page.wait_for_function("document.querySelector('video').src.startsWith('blob:')", timeout=20_000)
    video.evaluate("(v) => v.play()")
    page.wait_for_function(f"({PLAYING})(document.querySelector('video'))", timeout=20_000)
    assert segments and set(segments) == {200}
    duration = video.evaluate("(v) => v.duration")
    assert abs(duration - 6) < 0.3
