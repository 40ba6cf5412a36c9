"""The recording's player as the server writes it: its length before anything plays, the #player anchor that
timecode links land on and the start they give it without JavaScript, and finding words in a transcript."""

import re
from urllib.parse import urlencode

import pytest

from oral_histories.services import transcript_import
from tests.factories import attach_audio, make_derivative, make_oral_history, make_recording
from tests.oral_histories.pages import item_page

pytestmark = pytest.mark.django_db

THAI = ("[00:00:05] ผู้สัมภาษณ์: มาจากไหนครับ\n"
        "[00:00:20] สมชาย: ผมทำงานบนเรือประมงที่มหาชัย\n"
        "[00:12:34] สมชาย: แล้วก็ย้ายไปทำงานโรงงาน ไม่ได้ลงเรือประมงอีก\n"
        "[00:15:00] ผู้สัมภาษณ์: ขอบคุณครับ\n")


@pytest.fixture
def interview():
    item = make_oral_history(title="Life on the boats", title_th="ชีวิตบนเรือ", original_language="th")
    recording = make_recording(item)
    audio = attach_audio(recording)
    audio.duration = 1024.6  # as the pipeline records it from ffprobe
    audio.save()
    transcript_import(item=item, language="tha", text=THAI)
    return item


def test_the_length_shows_before_play_and_player_is_the_anchor(client, interview):
    html = item_page(client, interview, prefix="/th")
    assert '<div class="player audio" id="player">' in html
    assert '<p class="duration">ความยาว <time datetime="PT1025S">17:05</time></p>' in html
    assert 'data-duration="1024.600"' in html
    assert html.count('id="player"') == 1


def test_a_film_shows_its_length_too(client):
    item = make_oral_history(title="ฟิล์ม")
    film = make_recording(item, kind="video", original_name="film.mp4")
    make_derivative(film, "mp4", path=f"derivatives/{film.pk}/video-hls/t/video.mp4", mime_type="video/mp4",
                    height=480, width=854, duration=3725.0)
    html = item_page(client, item, prefix="/th")
    assert '<div class="player video" id="player">' in html
    assert '<time datetime="PT3725S">1:02:05</time>' in html


def test_a_timecode_link_starts_the_player_there_without_javascript(client, interview):
    html = item_page(client, interview, prefix="/th", query="?t=754")
    assert re.search(r'<source src="/media/derivatives/\d+/audio-aac/t/audio\.m4a#t=754"', html)
    assert 'href="?t=754#player"' in html  # the transcript's own links say the same
    assert "#t=" in item_page(client, interview, prefix="/th", query="?t=12:34") and "#t=" not in item_page(client, interview, prefix="/th", query="?t=soon")
    assert "#t=" not in item_page(client, interview, prefix="/th")


def test_a_timecode_link_for_another_recording_starts_that_one(client, interview):
    second = make_recording(interview, position=1, original_name="second.m4a")
    attach_audio(second)
    html = item_page(client, interview, prefix="/th", query=f"?t=30&rec={second.pk}")
    assert f"derivatives/{second.pk}/audio-aac/t/audio.m4a#t=30" in html
    assert f"derivatives/{interview.assets.first().pk}/audio-aac/t/audio.m4a#t=30" not in html


def test_finding_words_without_javascript_shows_only_the_lines_holding_them(client, interview):
    everything = item_page(client, interview, prefix="/th")
    assert everything.count('class="oh-line"') == 4 and 'name="find"' in everything
    found = item_page(client, interview, prefix="/th", query="?find=เรือประมง")
    assert found.count('class="oh-line"') == 2
    assert "บรรทัดที่พบ: 2" in found and 'value="เรือประมง"' in found
    assert "ขอบคุณครับ" not in found and "ผมทำงานบนเรือประมงที่มหาชัย" in found
    by_speaker = item_page(client, interview, prefix="/th", query="?" + urlencode({"find": "ผู้สัมภาษณ์"}))
    assert by_speaker.count('class="oh-line"') == 2  # ผู้สัมภาษณ์, the speaker's name
    nothing = item_page(client, interview, prefix="/th", query="?find=" + "ไม่มี" * 40)
    assert nothing.count('class="oh-line"') == 0 and "บรรทัดที่พบ: 0" in nothing


def test_finding_does_not_reach_a_staff_only_transcript(client, interview):
    interview.assets.first().transcripts.update(staff_only=True)
    html = item_page(client, interview, prefix="/th", query="?find=เรือประมง")
    assert "ผมทำงานบนเรือประมงที่มหาชัย" not in html and 'name="find"' not in html


@pytest.mark.parametrize("query", ["?t=99999999999999999999999999", "?t=-5", "?t=1e999", "?t=%00", "?rec=ก&t=5",
                                   "?find=%00", "?find=<script>alert(1)</script>", "?find=" + "ก" * 5000])
def test_odd_timecodes_and_finds_are_harmless(client, interview, query):
    html = item_page(client, interview, prefix="/th", query=query)
    assert "<script>alert(1)" not in html and 'id="player"' in html and 'name="find"' in html
    assert not re.search(r"#t=-|#t=0\b", html)
