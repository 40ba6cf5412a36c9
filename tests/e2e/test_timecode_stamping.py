"""Stamping times while listening, in a real browser: a two-second recording made by ffmpeg and taken in by the
media pipeline, played beside a transcript in the admin; F8 writes the playing time into a line."""

import re

import pytest
from playwright.sync_api import expect

from archive.models import Language
from oral_histories.models import Cue, Transcript
from oral_histories.timecodes import parse_timecode
from tests.e2e.sessions import sign_in_to_admin
from tests.e2e.viewports import screenshots_folder
from tests.factories import make_spoken_interview

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("builder")


@pytest.fixture
def transcript(tmp_path):
    _item, recording = make_spoken_interview(tmp_path, seconds=2, name="เสียงสั้น.wav", title="Short", title_th="สั้น")
    transcript = Transcript.objects.create(recording=recording, language=Language.for_code("mya"))
    Cue.objects.create(transcript=transcript, start_ms=0, end_ms=200, text="မင်္ဂလာပါ")
    return transcript


def test_f8_stamps_the_playing_time_into_a_new_line_and_the_line_saves(page, staff_user, transcript):
    sign_in_to_admin(page, f"/admin/oral_histories/transcript/{transcript.pk}/change/")
    page.locator(".oh-player audio").evaluate("(audio) => { audio.muted = true; return audio.play(); }")
    page.wait_for_function("() => document.querySelector('.oh-player audio').currentTime > 0.4")
    page.locator("textarea[name='cues-1-text']").fill("ကျွန်တော် ထားဝယ်ကလာတာပါ")
    page.keyboard.press("F8")  # the cursor is in the new line: its start
    start = page.locator("input[name='cues-1-start_ms']")
    expect(start).to_have_value(re.compile(r"^00:00:0\d\.\d{3}$"))
    page.wait_for_function("() => document.querySelector('.oh-player audio').currentTime > 1.0")
    page.keyboard.press("F8")  # the start is filled: its end
    end = page.locator("input[name='cues-1-end_ms']")
    start_ms, end_ms = parse_timecode(start.input_value()), parse_timecode(end.input_value())
    assert 400 <= start_ms < end_ms <= 2100, (start_ms, end_ms)
    expect(page.locator(".oh-stamp-status")).to_contain_text(end.input_value())
    page.screenshot(path=f"{SHOTS}/transcript-stamping.png")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert list(transcript.cues.values_list("start_ms", "end_ms")) == [(0, 200), (start_ms, end_ms)]


def test_a_time_past_the_end_is_refused_in_the_page(page, staff_user, transcript):
    sign_in_to_admin(page, f"/admin/oral_histories/transcript/{transcript.pk}/change/")
    page.fill("input[name='cues-1-start_ms']", "0:01")
    page.fill("input[name='cues-1-end_ms']", "0:05")
    page.fill("textarea[name='cues-1-text']", "ນານເກີນໄປ")
    page.click("input[name=_continue]")
    expect(page.locator(".errorlist").first).to_contain_text("00:00:05.000 is after the end of the recording")
    assert transcript.cues.count() == 1
