"""The offline pack works where a teacher opens it: unzipped into a folder and opened from the file system
(file://) with no server and no network, a clip of a real film plays only its part and stops at its end."""

import io
import zipfile
from decimal import Decimal

import pytest

from archive.models import Item
from media_pipeline.ingest import asset_ingest
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import add_subtitles, make_item, make_kit
from tests.media_pipeline import media

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLIP_START, CLIP_END = 1.5, 3.5
PAUSED_AT_END = f"""(() => {{ const v = document.querySelector('video');
    return v.paused && v.currentTime > {CLIP_START + 1} && v.readyState >= 2; }})()"""


@pytest.fixture
def unpacked(client, tmp_path):
    """A Thai kit with a clip of a six-second film (made and taken in by the real pipeline), its pack downloaded
    from the Thai page and unzipped into a folder."""
    source = media.make_video(tmp_path / "film.mp4", size="320x240", duration=6, extra=["-f", "mp4"])
    film = make_item(kind=Item.Kind.FILM, title="Harbour at night", title_th="ท่าเรือยามค่ำ",
                     rights=Item.Rights.IN_COPYRIGHT_EDU, accession_number="FILM-1")
    asset = asset_ingest(item=film, source=source, original_name="ภาพยนตร์.mp4")
    assert asset.jobs.get().state == "succeeded"
    add_subtitles(film, tmp_path, "ภาพยนตร์.th.vtt", "WEBVTT\n\n00:00:01.500 --> 00:00:03.500\nเรือออกจากท่า\n")
    kit = make_kit((film, Decimal(CLIP_START), Decimal(CLIP_END)), questions_observe_th="เห็นอะไรในภาพ",
                   advisories_th="มีเสียงดัง")
    response = client.get(f"/th{kit.get_absolute_url()}pack.zip")
    assert response.status_code == 200
    folder = tmp_path / "usb stick"
    zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).extractall(folder)
    assert (folder / "sources" / "01-film-1.mp4").exists()
    return folder


def test_a_clip_in_the_pack_plays_its_part_from_the_file_system_with_no_network(browser, unpacked):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    asked = []

    def only_files(route):
        asked.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((unpacked / "index.html").as_uri())
        assert page.locator("h1").inner_text().startswith("ชุดการสอน")
        assert page.locator("text=เห็นอะไรในภาพ").is_visible()
        video = page.locator("video")
        # The captions came from their script (a <track> file is refused to a page opened from the file system).
        assert video.evaluate("(v) => [v.querySelectorAll('track').length, v.textTracks.length,"
                              " v.textTracks[0].language, v.textTracks[0].cues[0].text]") == [0, 1, "th", "เรือออกจากท่า"]
        page.screenshot(path=screenshots_folder("offline-pack") / "index-th-phone.png", full_page=True)
        video.evaluate("(v) => { v.muted = true; return v.play(); }")
        page.wait_for_function(PAUSED_AT_END, timeout=20_000)
        assert CLIP_END - 0.05 <= video.evaluate("(v) => v.currentTime") < CLIP_END + 0.3
        # Played again, it starts from the clip's start, and stops at its end once more.
        video.evaluate("(v) => v.play()")
        page.wait_for_function(f"(() => {{ const v = document.querySelector('video');"
                               f" return !v.paused && v.currentTime < {CLIP_END - 0.5}; }})()", timeout=20_000)
        page.wait_for_function(PAUSED_AT_END, timeout=20_000)
        assert CLIP_END - 0.05 <= video.evaluate("(v) => v.currentTime") < CLIP_END + 0.3
        video.scroll_into_view_if_needed()
        page.screenshot(path=screenshots_folder("offline-pack") / "clip-paused-th-phone.png")
    finally:
        context.close()
    assert errors == []
    assert asked and all(url.startswith("file://") for url in asked), asked
    assert any(url.endswith("kit-pack.js") for url in asked) and any(".mp4" in url for url in asked)
