"""The oral-history player in a real browser: a recording made by ffmpeg, taken in by the media pipeline, and
a transcript and index that seek it, follow it, and start it from a deep link."""

import pytest

from oral_histories.services import segments_import, transcript_import
from tests.factories import make_spoken_interview

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TRANSCRIPT = ("[00:00:00] ผู้สัมภาษณ์: มาจากไหนครับ\n"
              "[00:00:10] ကျွန်တော် ထားဝယ်ကလာတာပါ\n"
              "[00:00:20] ผมทำงานบนเรือประมงที่มหาชัย\n"
              "[00:00:30] ແລ້ວກໍ່ຍ້າຍໄປໂຮງງານ\n")
INDEX = ("start,end,title,title_th,synopsis\n"
         "0:00,0:20,Where he came from,มาจากไหน,Dawei and the crossing.\n"
         "0:20,0:40,On the boats,บนเรือประมง,Ten years at sea.\n")


@pytest.fixture
def interview(tmp_path):
    item, _recording = make_spoken_interview(tmp_path, seconds=40)
    transcript_import(item=item, language="tha", text=TRANSCRIPT)
    segments_import(item=item, text=INDEX)
    return item


def player_time(page):
    return page.evaluate("document.querySelector('[data-player]').currentTime")


def wait_until_playing_from(page, seconds):
    page.wait_for_function(
        "s => { const p = document.querySelector('[data-player]'); return p.currentTime >= s && !p.paused; }",
        arg=seconds, timeout=15000)


def test_clicking_a_segment_seeks_the_player_and_the_transcript_follows(page, interview):
    page.goto(f"/th/items/{interview.accession_number}/")
    assert player_time(page) == 0
    page.locator(".oh-segment").nth(1).click()
    wait_until_playing_from(page, 20)
    assert player_time(page) < 30
    current = page.locator(".oh-line.oh-current")
    current.wait_for(timeout=10000)
    assert current.inner_text().endswith("ผมทำงานบนเรือประมงที่มหาชัย")
    assert page.locator(".oh-segment.oh-current .oh-segment-title").inner_text().endswith("บนเรือประมง")
    assert "?t=20" in page.url


def test_clicking_a_transcript_line_seeks_there(page, interview):
    page.goto(f"/items/{interview.accession_number}/")
    page.locator(".oh-line").nth(1).locator(".oh-text").click()
    wait_until_playing_from(page, 10)
    assert player_time(page) < 20


@pytest.mark.parametrize("t, seconds", [("31", 31), ("0:25", 25)])
def test_a_deep_link_starts_playback_at_its_time(page, interview, t, seconds):
    page.goto(f"/items/{interview.accession_number}/?t={t}#player")
    wait_until_playing_from(page, seconds)
    assert player_time(page) < seconds + 5
    page.locator(".oh-line.oh-current").wait_for(timeout=10000)
    expected = "ແລ້ວກໍ່ຍ້າຍໄປໂຮງງານ" if seconds >= 30 else "ผมทำงานบนเรือประมงที่มหาชัย"
    assert page.locator(".oh-line.oh-current .oh-text").inner_text() == expected


def test_without_javascript_every_time_is_a_link(browser, live_server, interview):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/items/{interview.accession_number}/")
    links = page.locator(".oh-line a.oh-time")
    assert links.count() == 4
    assert links.nth(2).get_attribute("href") == "?t=20#player"
    assert page.locator(".oh-line").nth(1).inner_text().strip().startswith("0:10")
    context.close()


def test_print_shows_the_texts_and_hides_the_player(page, interview):
    page.goto(f"/items/{interview.accession_number}/")
    page.emulate_media(media="print")
    assert not page.locator("[data-player]").is_visible()
    assert page.locator("h1").is_visible()
    lines = page.locator(".oh-lines")
    assert lines.evaluate("el => getComputedStyle(el).overflowY") == "visible"
    assert page.locator(".oh-line").nth(3).is_visible()
