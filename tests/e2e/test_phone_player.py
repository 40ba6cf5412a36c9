"""The oral-history player on a 360-pixel phone: it stays in view while the transcript is scrolled, its waveform
seeks where it is tapped, words are found in the transcript as they are typed, and a timecode link without
JavaScript lands on the player."""


import pytest
from django.utils import timezone

from exhibits.models import Block, BlockItem, Exhibit
from oral_histories.services import transcript_import
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import make_spoken_interview

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("player")
SAYINGS = ["ผมมาจากทวาย", "ทำงานบนเรือประมงที่มหาชัย", "ကျွန်တော် ထားဝယ်ကလာတာပါ", "ແລ້ວກໍ່ຍ້າຍໄປໂຮງງານ",
           "ខ្ញុំធ្វើការនៅកំពង់ផែ"]
TRANSCRIPT = "".join(f"[00:00:{second:02d}] สมชาย: {SAYINGS[second % 5]} ({second})\n" for second in range(40))


@pytest.fixture
def interview(tmp_path):
    item, recording = make_spoken_interview(tmp_path, seconds=40)
    assert set(recording.derivatives.values_list("role", flat=True)) >= {"audio", "peaks"}
    transcript_import(item=item, language="tha", text=TRANSCRIPT)
    return item


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_the_player_stays_in_view_while_the_transcript_scrolls(phone, interview):
    phone.goto(f"/th/items/{interview.accession_number}/")
    assert phone.locator("#player time").inner_text() == "0:40"  # its length, before anything is fetched
    top_before = phone.evaluate("() => document.getElementById('player').getBoundingClientRect().top")
    phone.locator(".oh-lines").scroll_into_view_if_needed()
    phone.locator(".oh-line").last.scroll_into_view_if_needed()
    phone.mouse.wheel(0, 100)
    scrolled = phone.evaluate("() => window.scrollY")
    assert scrolled > top_before, "the page did not scroll past the player"
    box = phone.evaluate("() => { const r = document.getElementById('player').getBoundingClientRect();"
                         " return {top: r.top, bottom: r.bottom}; }")
    assert 0 <= box["top"] and box["bottom"] <= PHONE["height"] / 2, box
    last = phone.locator(".oh-line").last.bounding_box()
    assert last["y"] >= box["bottom"] - 1, "the transcript's last line is hidden under the player"
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SHOTS / "phone-player-scrolled.png")


def test_tapping_the_waveform_seeks_there(phone, interview):
    phone.goto(f"/th/items/{interview.accession_number}/")
    wave = phone.locator("svg[data-wave]")
    box = wave.bounding_box()
    wave.tap(position={"x": box["width"] * 0.75, "y": box["height"] / 2})
    phone.wait_for_function("() => { const a = document.querySelector('[data-player]');"
                            " return a.currentTime >= 29 && !a.paused; }", timeout=15_000)
    assert phone.evaluate("() => document.querySelector('[data-player]').currentTime") < 35
    phone.wait_for_function("() => document.querySelectorAll('svg[data-wave] rect.played').length > 100",
                            timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SHOTS / "phone-player.png")


def test_words_are_found_in_the_transcript_as_they_are_typed(phone, interview):
    phone.goto(f"/th/items/{interview.accession_number}/")
    lines = phone.locator(".oh-line:not([hidden])")
    assert lines.count() == 40
    phone.locator("input[name=find]").fill("ထားဝယ်")
    assert lines.count() == 8
    assert phone.locator("[data-find-count]").inner_text() == "บรรทัดที่พบ: 8"
    assert "/th/items/" in phone.url and "find=" not in phone.url  # no round trip to the server
    phone.locator("input[name=find]").fill("")
    assert lines.count() == 40


def test_without_javascript_a_timecode_link_lands_on_the_player_at_its_time(browser, live_server, interview):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/th/items/{interview.accession_number}/")
        link = page.locator(".oh-line a.oh-time").nth(30)
        link.click()
        page.wait_for_url("**/?t=30#player")
        assert page.locator("audio[data-player] source").get_attribute("src").endswith("audio.m4a#t=30")
        assert page.locator("#player").is_visible()
        assert 0 <= page.locator("#player").bounding_box()["y"] < PHONE["height"] / 2
    finally:
        context.close()


def test_a_gallery_shows_the_recording_as_a_card(phone, interview):
    exhibit = Exhibit.objects.create(slug="voices", title="Voices", title_th="เสียง", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now() - timezone.timedelta(days=1))
    block = Block.objects.create(exhibit=exhibit, kind=Block.Kind.GALLERY, heading="Voices", heading_th="เสียง")
    BlockItem.objects.create(block=block, item=interview, position=0)
    phone.goto("/th/exhibits/voices/")
    card = phone.locator(".gallery .recording-card")
    text = card.inner_text()
    assert "สิบปีบนเรือ" in text and "0:40" in text and "ผมมาจากทวาย" in text
    box = card.bounding_box()
    assert box["width"] <= PHONE["width"] and abs(box["width"] - box["height"]) < 2
    assert card.locator(".rc-wave rect").count() == 48
    SHOTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=SHOTS / "gallery-recording-card-phone.png")
