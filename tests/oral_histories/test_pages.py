"""The item page's transcript and index, captions from transcripts, and what the policy keeps off them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oral_histories.models import Transcript
from oral_histories.services import segments_import, transcript_import
from tests.factories import attach_audio, make_oral_history, make_recording
from tests.oral_histories.pages import item_page

pytestmark = pytest.mark.django_db

THAI = "[00:00:05] ผู้สัมภาษณ์: มาจากไหนครับ\n[00:12:34] สมชาย: ผมทำงานบนเรือประมงที่มหาชัย\n"
BURMESE = "[00:00:05] ဘယ်ကလာတာလဲ\n[00:12:34] ငါးဖမ်းလှေပေါ်မှာ အလုပ်လုပ်ခဲ့တယ်\n"
INDEX = ("start,end,title,title_th,synopsis_th,keywords_th\n"
         "0:00,12:34,Childhood,วัยเด็ก,เกิดที่ทวาย,\"ทวาย, ครอบครัว\"\n"
         "12:34,20:00,On the boats,บนเรือ,ชีวิตบนเรือประมง,เรือประมง\n")


@pytest.fixture
def interview(oral_history):
    recording = oral_history.assets.get()
    attach_audio(recording)
    transcript_import(item=oral_history, language="tha", text=THAI)
    segments_import(item=oral_history, text=INDEX)
    return oral_history


def test_item_page_shows_transcript_and_index_with_time_links(client, interview):
    html = item_page(client, interview, prefix="/th")
    assert 'data-oral-history' in html
    assert '<a class="oh-time" href="?t=754#player"><time datetime="PT754S">12:34</time></a>' in html
    assert '<span class="oh-speaker">สมชาย:</span> <span class="oh-text">ผมทำงานบนเรือประมงที่มหาชัย</span>' in html
    assert 'lang="th"' in html
    assert "บนเรือ" in html and "ชีวิตบนเรือประมง" in html and "ทวาย, ครอบครัว" in html
    assert 'href="?t=0#player"' in html
    assert "/static/js/oral-history.js" in html and "/static/css/oral-history.css" in html


def test_captions_track_from_the_transcript_and_its_webvtt(client, interview):
    transcript = Transcript.objects.get()
    html = item_page(client, interview, prefix="/th")
    track = (f'<track kind="captions" src="/oral-histories/transcripts/{transcript.pk}.vtt" srclang="th" '
             f'label="ไทย" data-recording="{transcript.recording_id}" default>')
    assert track in html
    response = client.get(f"/oral-histories/transcripts/{transcript.pk}.vtt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    body = response.content.decode()
    assert body.startswith("WEBVTT\n\n00:00:05.000 --> 00:12:34.000\n<v ผู้สัมภาษณ์>มาจากไหนครับ")
    assert "00:12:34.000 --> 00:12:39.000\n<v สมชาย>ผมทำงานบนเรือประมงที่มหาชัย" in body


def test_hidden_transcript_is_in_no_page_and_no_caption(client, staff_user, interview):
    transcript = Transcript.objects.get()
    transcript_import(item=interview, language="mya", text=BURMESE, staff_only=True)
    hidden = Transcript.objects.get(language="mya")
    html = item_page(client, interview)
    assert "ငါးဖမ်းလှေ" not in html and f"{hidden.pk}.vtt" not in html
    assert f"{transcript.pk}.vtt" in html
    assert client.get(f"/oral-histories/transcripts/{hidden.pk}.vtt").status_code == 404
    client.force_login(staff_user)
    html = item_page(client, interview)
    assert "ငါးဖမ်းလှေ" in html and "staff only" in html
    response = client.get(f"/oral-histories/transcripts/{hidden.pk}.vtt")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_hidden_segment_is_not_shown(client, interview):
    segment = interview.assets.get().segments.get(title="On the boats")
    segment.staff_only = True
    segment.save()
    html = item_page(client, interview, prefix="/th")
    assert "ชีวิตบนเรือประมง" not in html and "วัยเด็ก" in html


def test_hidden_item_hides_everything(client, interview):
    transcript = Transcript.objects.get()
    interview.status = "withdrawn"
    interview.save()
    assert client.get(f"/items/{interview.accession_number}/").status_code == 404
    assert client.get(f"/oral-histories/transcripts/{transcript.pk}.vtt").status_code == 404


def test_withheld_recording_hides_the_player_but_not_the_transcript(client, interview):
    recording = interview.assets.get()
    recording.withheld = True
    recording.save()
    html = item_page(client, interview, prefix="/th")
    assert "<audio" not in html and "data-player" not in html and "audio.m4a" not in html
    assert "ผมทำงานบนเรือประมงที่มหาชัย" in html
    assert 'href="?t=754#player"' not in html
    assert '<time class="oh-time" datetime="PT754S">12:34</time>' in html
    transcript = Transcript.objects.get()
    assert client.get(f"/oral-histories/transcripts/{transcript.pk}.vtt").status_code == 200


def test_second_recording_links_name_it(client, interview):
    second = make_recording(interview, position=3)
    attach_audio(second)
    transcript_import(item=interview, language="eng", text="[00:01:40] On the second tape.", recording_index=2)
    html = item_page(client, interview)
    assert f'href="?t=100&amp;rec={second.pk}#player"' in html
    assert "Recording 2" in html


def test_items_without_texts_get_no_section(client):
    item = make_oral_history()
    attach_audio(make_recording(item))
    html = item_page(client, item)
    assert "data-oral-history" not in html and "oral-history.js" not in html


def test_the_section_costs_a_fixed_number_of_queries(client, interview):
    def count():
        with CaptureQueriesContext(connection) as queries:
            item_page(client, interview)
        return len(queries)

    small = count()
    text = "".join(f"[{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}] line {n}\n" for n in range(0, 3000, 7))
    transcript_import(item=interview, language="tha", text=text)
    transcript_import(item=interview, language="mya", text=BURMESE)
    assert count() == small


def test_deep_link_page_renders(client, interview):
    response = client.get(f"/items/{interview.accession_number}/?t=12:34")
    assert response.status_code == 200
