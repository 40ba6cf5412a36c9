"""Transcripts and segments beside their recording's player, with times checked against the recording's length."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Language
from oral_histories.models import Segment, Transcript
from oral_histories.recordings import recording_length_ms
from tests.factories import attach_audio, make_oral_history, make_recording

pytestmark = pytest.mark.django_db


def lines(rows, *, initial=0):
    data = {"cues-TOTAL_FORMS": str(len(rows)), "cues-INITIAL_FORMS": str(initial), "cues-MIN_NUM_FORMS": "0",
            "cues-MAX_NUM_FORMS": "1000"}
    for index, (start, end, text) in enumerate(rows):
        data.update({f"cues-{index}-start_ms": start, f"cues-{index}-end_ms": end, f"cues-{index}-text": text})
    return data


@pytest.fixture
def recording():
    """A two-minute recording, measured by the media pipeline."""
    recording = make_recording(make_oral_history(title="ชีวิตบนเรือ"))
    audio = attach_audio(recording)
    audio.duration = 120.5
    audio.save()
    return recording


def test_the_length_of_a_recording_is_its_longest_playable_file(recording):
    assert recording_length_ms(recording) == 120_500
    assert recording_length_ms(make_recording(recording.item, position=1)) is None


def test_a_transcript_line_past_the_end_of_the_recording_is_refused_with_its_time(curator, recording):
    response = curator.post("/admin/oral_histories/transcript/add/", {
        "recording": recording.pk, "language": "tha",
        **lines([("0:05", "0:30", "สวัสดีครับ"), ("1:50", "2:05", "ลาก่อน")])})
    assert response.status_code == 200
    html = response.content.decode()
    assert "00:02:05.000 is after the end of the recording, which is 00:02:00.500 long." in html
    assert not Transcript.objects.exists()


def test_lines_within_the_recording_are_saved(curator, recording):
    response = curator.post("/admin/oral_histories/transcript/add/", {
        "recording": recording.pk, "language": "mya", **lines([("0:05", "2:00.5", "မင်္ဂလာပါ")])})
    assert response.status_code == 302
    assert list(Transcript.objects.get().cues.values_list("end_ms", flat=True)) == [120_500]


def test_an_imported_file_past_the_end_is_refused_with_its_line(curator, recording):
    upload = SimpleUploadedFile("ບົດສໍາພາດ.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nສະບາຍດີ\n\n"
                                "00:03:00.000 --> 00:03:04.000\nລາກ່ອນ\n".encode())
    response = curator.post("/admin/oral_histories/transcript/add/", {
        "recording": recording.pk, "language": "lao", "upload": upload, **lines([])})
    assert response.status_code == 200
    assert re.search(r"Line 6 of the file: 00:03:00.000 is after the end of the recording", response.content.decode())
    assert not Transcript.objects.exists()


def test_a_segment_past_the_end_is_refused(curator, recording):
    response = curator.post("/admin/oral_histories/segment/add/", {
        "recording": recording.pk, "start_ms": "2:10", "end_ms": "2:20", "title_km": "ទូក"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "00:02:10.000 is after the end" in html and "00:02:20.000 is after the end" in html
    assert not Segment.objects.exists()


def test_times_are_not_checked_before_the_recording_is_measured(curator):
    unmeasured = make_recording(make_oral_history(title="เสียง"))
    response = curator.post("/admin/oral_histories/segment/add/", {
        "recording": unmeasured.pk, "start_ms": "2:10", "end_ms": "2:20", "title_lo": "ເຮືອ"})
    assert response.status_code == 302


def test_the_change_page_plays_the_recording_beside_the_lines(curator, recording):
    curator.post("/admin/oral_histories/transcript/add/", {
        "recording": recording.pk, "language": "tha", **lines([("0:05", "0:30", "สวัสดี")])})
    transcript = Transcript.objects.get()
    html = curator.get(f"/admin/oral_histories/transcript/{transcript.pk}/change/").content.decode()
    assert f'<audio controls preload="metadata" src="/media/derivatives/{recording.pk}/' in html
    assert "Stamp the time (F8)" in html and "/static/js/timecode-stamp.js" in html
    assert 'class="oh-timecode"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    segment_page = curator.get("/admin/oral_histories/segment/add/").content.decode()
    assert "Choose the recording and save: its player appears here." in segment_page


def test_the_items_page_leads_to_each_recordings_transcripts_and_index(curator, recording):
    Transcript.objects.create(recording=recording, language=Language.for_code("tha"))
    Segment.objects.create(recording=recording, start_ms=0, end_ms=5000, title_th="เริ่ม")
    html = curator.get(f"/admin/archive/item/{recording.item_id}/change/").content.decode()
    transcript = Transcript.objects.get()
    assert f'href="/admin/oral_histories/transcript/{transcript.pk}/change/">tha</a>' in html
    assert f"/admin/oral_histories/transcript/add/?recording={recording.pk}" in html
    assert f"/admin/oral_histories/segment/add/?recording={recording.pk}" in html
    segments = curator.get(f"/admin/oral_histories/segment/?recording__id__exact={recording.pk}")
    assert segments.status_code == 200 and "เริ่ม" in segments.content.decode()
    add_page = curator.get(f"/admin/oral_histories/segment/add/?recording={recording.pk}").content.decode()
    assert f'<option value="{recording.pk}" selected' in add_page


def test_a_new_segment_for_a_named_recording_plays_it_at_once(curator, recording):
    html = curator.get(f"/admin/oral_histories/segment/add/?recording={recording.pk}").content.decode()
    assert f'<audio controls preload="metadata" src="/media/derivatives/{recording.pk}/' in html
    assert curator.get("/admin/oral_histories/segment/add/?recording=ท่า").status_code == 200
