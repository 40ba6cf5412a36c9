"""A lesson kit's slideshow and a visitor's clip link in a real browser: keys a keyboard and a presentation clicker
send move through the slides, and a clip of a recording made by ffmpeg and the media pipeline stops at its end,
on the first play and on the next."""

from decimal import Decimal

import pytest

from lessons.lookup import kit_url
from media_pipeline.ingest import asset_ingest
from tests.e2e import test_csp
from tests.e2e.test_accessibility import axe_violations, describe
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import make_item, make_kit, make_picture, make_spoken_interview
from tests.media_pipeline import media

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

watched = test_csp.watched  # the page, with CSP violations and script errors recorded in page.problems
PROJECTOR = {"width": 1280, "height": 720}
OLD_PROJECTOR = {"width": 1024, "height": 768}
CLIP_START, CLIP_END = 2, 4.5
# Remembers each pause of the page's media, so a test waits for the event rather than for a time.
WATCH_PAUSES = """(media) => { window.pauses = 0; media.addEventListener("pause", () => { window.pauses += 1; }); }"""


@pytest.fixture
def interview(tmp_path):
    item, recording = make_spoken_interview(tmp_path, seconds=8, title="Ten years on the boats",
                                            title_th="สิบปีบนเรือ")
    return item, recording


@pytest.fixture
def kit(interview, tmp_path):
    item, _ = interview
    photo = make_item(title="Boats at the pier in Mahachai", title_th="เรือที่ท่ามหาชัย",
                      description="Fishing boats moored at the pier before dawn, photographed by a deckhand.")
    make_picture(photo, width=960)
    film = make_item(kind="film", title="Night shift at the cannery", title_th="กะกลางคืนที่โรงงานปลากระป๋อง")
    source = media.make_video(tmp_path / "film.mp4", size="640x360", duration=3)
    asset_ingest(item=film, source=source, original_name="กะกลางคืน.mp4")
    return make_kit(
        (item, Decimal(CLIP_START), Decimal(CLIP_END)), photo, film,
        title="Work at sea", title_th="งานในทะเล", duration_minutes=50,
        objectives="Describe a day of work on a fishing boat\nExplain why workers organised",
        summary="Three sources on fishing work in Samut Sakhon.",
        questions_observe="What do you see and hear?\nWho is speaking?",
        questions_reflect="How would you feel after ten years at sea?",
        questions_question="What would you ask the narrator?",
        activities="Listen to the clip twice and note three facts\nWrite a letter to the narrator",
        vocabulary="deckhand\nwage deduction")


def current(page):
    return page.evaluate("[document.querySelector('.slide.current').id, location.hash,"
                         " document.querySelector('[data-number]').textContent]")


def test_keys_and_clicker_move_through_the_slides_and_the_address_keeps_the_place(watched, kit):
    page = watched
    page.set_viewport_size(PROJECTOR)
    page.goto(kit_url(kit, "slides"))
    assert current(page) == ["1", "#1", "1"]
    assert page.locator(".slide.current h1").inner_text() == "Work at sea"
    moves = [("ArrowRight", "2"), ("PageDown", "3"), ("PageDown", "4"), ("ArrowLeft", "3"), ("PageUp", "2"),
             ("End", "6"), ("Home", "1"), ("Space", "2"), ("ArrowRight", "3")]
    for key, slide in moves:
        page.keyboard.press(key)
        assert current(page) == [slide, f"#{slide}", slide], key
    assert page.locator(".slide:visible").count() == 1
    page.reload()
    assert current(page) == ["3", "#3", "3"]
    page.locator('[data-go="next"]').click()
    assert current(page) == ["4", "#4", "4"]
    page.keyboard.press("PageDown")  # a clicker still moves on when a button has the focus
    assert current(page) == ["5", "#5", "5"]
    assert page.problems == []


def test_screenshots_of_the_slides_on_a_projector(page, kit):
    folder = screenshots_folder("slides")
    page.set_viewport_size(PROJECTOR)
    for number in range(1, 7):
        page.goto(f"/th{kit_url(kit, 'slides')}#{number}")
        page.wait_for_function("n => document.querySelector('.slide.current').id === String(n)", arg=number)
        page.evaluate("() => Promise.all(Array.from(document.querySelectorAll('.slide.current img'),"
                      " img => img.decode().catch(() => null)))")
        page.screenshot(path=folder / f"slide-{number}-th-1280x720.png")
        # Nothing on the slide runs past the screen.
        assert page.evaluate("document.querySelector('.slide.current').scrollHeight <= innerHeight + 1")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    assert page.locator(".slide.current .notes").is_hidden()
    page.keyboard.press("n")
    assert "What would you ask the narrator?" in page.locator("[data-current-notes] .notes").inner_text()
    page.screenshot(path=folder / "presenter-th-1280x720.png")
    page.set_viewport_size(OLD_PROJECTOR)
    page.goto(kit_url(kit, "slides") + "?notes=1#2")
    assert page.locator("[data-current-notes]").inner_text().count("What do you see and hear?") == 1
    assert "Boats at the pier in Mahachai" in page.locator("[data-upcoming]").inner_text()
    page.screenshot(path=folder / "presenter-en-1024x768.png")
    page.keyboard.press("n")
    page.goto(kit_url(kit, "slides") + "#3")
    page.screenshot(path=folder / "slide-3-en-1024x768.png")
    assert page.evaluate("document.querySelector('.slide.current').scrollHeight <= innerHeight + 1")


def play_and_wait_for_the_pause(page, media, pauses):
    media.evaluate("(m) => m.play()")
    page.wait_for_function("n => window.pauses >= n", arg=pauses, timeout=20_000)
    return media.evaluate("(m) => m.currentTime")


def test_a_clip_on_a_slide_stops_at_its_end_on_every_play(page, kit):
    page.goto(kit_url(kit, "slides") + "#2")
    audio = page.locator(".slide.current audio")
    sources = audio.evaluate("(a) => Array.from(a.querySelectorAll('source'), s => s.src)")
    assert sources and all(src.endswith("#t=2,4.5") for src in sources)
    audio.evaluate(WATCH_PAUSES)
    first = play_and_wait_for_the_pause(page, audio, 1)
    assert CLIP_END - 0.5 <= first <= CLIP_END + 0.5
    # Played again, it starts from the clip's start (a media fragment's end holds only for the first play).
    second = play_and_wait_for_the_pause(page, audio, 2)
    assert CLIP_END - 0.5 <= second <= CLIP_END + 0.5
    assert audio.evaluate("(a) => a.played.length && a.played.start(0)") >= CLIP_START - 0.5
    # Leaving the slide pauses what plays on it.
    audio.evaluate("(m) => m.play()")
    page.wait_for_function("() => !document.querySelector('.slide.current audio').paused")
    page.keyboard.press("PageDown")
    page.wait_for_function("n => window.pauses >= n", arg=3, timeout=10_000)


def test_a_clip_link_on_an_item_page_plays_only_its_part(watched, interview):
    page = watched
    item, recording = interview
    page.goto(f"{item.get_absolute_url()}?start=0:02&end=0:04.5&rec={recording.pk}#clip-{recording.pk}")
    assert "Clip from 0:02 to 0:04.5" in page.locator(".clip-note").inner_text()
    audio = page.locator("[data-player]")
    audio.evaluate(WATCH_PAUSES)
    first = play_and_wait_for_the_pause(page, audio, 1)
    assert CLIP_END - 0.5 <= first <= CLIP_END + 0.5
    second = play_and_wait_for_the_pause(page, audio, 2)
    assert CLIP_END - 0.5 <= second <= CLIP_END + 0.5
    link = page.locator(f"#clip-link-{recording.pk}").input_value()
    assert link.endswith(f"{item.get_absolute_url()}?start=0%3A02&end=0%3A04.5&rec={recording.pk}")
    assert page.problems == []


def test_the_clip_form_takes_the_players_time_and_makes_a_link_on_a_phone(page, interview):
    item, recording = interview
    page.set_viewport_size(PHONE)
    page.goto(item.get_absolute_url())
    audio = page.locator("[data-player]")
    audio.evaluate("(a) => new Promise(done => { a.addEventListener('seeked', done, { once: true });"
                   " a.preload = 'metadata'; a.load(); a.addEventListener('loadedmetadata',"
                   " () => { a.currentTime = 1; }, { once: true }); })")
    page.locator("summary", has_text="Make a clip").click()
    page.locator(f'[data-now="clip-start-{recording.pk}"]').click()
    assert page.locator(f"#clip-start-{recording.pk}").input_value() == "0:01"
    page.fill(f"#clip-end-{recording.pk}", "0:05")
    page.screenshot(path=screenshots_folder("clips") / "clip-form-phone.png", full_page=True)
    page.get_by_role("button", name="Make the clip").click()
    page.wait_for_url(f"**?start=0%3A01&end=0%3A05&rec={recording.pk}#clip-{recording.pk}")
    assert page.locator(".clip-note").inner_text().startswith("Clip from 0:01 to 0:05")
    page.screenshot(path=screenshots_folder("clips") / "clip-made-phone.png")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.fill(f"#clip-end-{recording.pk}", "0:99")
    page.get_by_role("button", name="Make the clip").click()
    page.wait_for_url("**end=0%3A99**")
    assert "“0:99” is not a time" in page.locator(".clip-error").inner_text()
    page.screenshot(path=screenshots_folder("clips") / "clip-error-phone.png")


def test_without_javascript_the_slides_read_as_a_page_of_sections(browser, live_server, kit):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(kit_url(kit, "slides") + "#5")
        sections = page.locator("[data-slide]")
        assert sections.count() == 6
        assert all(sections.nth(n).is_visible() for n in range(6))
        assert page.locator("[data-deck-nav]").is_hidden()
        slide = page.locator('[id="5"]').bounding_box()  # the address still finds its slide
        assert 0 <= slide["y"] < PHONE["height"]
        page.screenshot(path=screenshots_folder("slides") / "without-javascript-phone.png")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


def test_the_slides_and_a_clip_link_have_no_serious_accessibility_violations(page, kit, interview):
    item, recording = interview
    found = {}
    for address in (kit_url(kit, "slides") + "#2", kit_url(kit, "slides") + "?notes=1#5",
                    f"/th{item.get_absolute_url()}?start=0:01&end=0:03&rec={recording.pk}",
                    f"{item.get_absolute_url()}?start=x&end=0:03&rec={recording.pk}"):
        page.goto(address)
        found[address] = describe(axe_violations(page))
    assert found == {address: "" for address in found}
