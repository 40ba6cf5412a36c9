"""Transcripts and segment files are read in the archive's normal form: a Zawgyi SRT becomes Unicode lines, and a
word typed with a decomposed sara am finds the same word typed as one character, both ways."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from media_pipeline.timed_text import parse_timed_text
from oral_histories.models import Transcript
from oral_histories.segment_files import parse_segments
from oral_histories.services import transcript_import
from search.service import search_run
from tests.factories import make_oral_history, make_recording

pytestmark = pytest.mark.django_db

# Zawgyi for ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ် (I work on a fishing boat).
ZAWGYI_SENTENCE = ("\u1000\u107d\u103c\u1014\u1039\u1031\u1010\u102c\u1039 \u1004\u102b\u1038\u1016\u1019\u1039\u1038"
                   "\u1031\u101c\u103d\u1019\u103d\u102c \u1021\u101c\u102f\u1015\u1039\u101c\u102f\u1015\u1039"
                   "\u1010\u101a\u1039")
UNICODE_SENTENCE = "ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ်"
# Zawgyi for ထိုင်းနိုင်ငံ (Thailand).
ZAWGYI_THAILAND = "\u1011\u102d\u102f\u1004\u1039\u1038\u108f\u102d\u102f\u1004\u1039\u1004\u1036"
ZAWGYI_SRT = (f"1\r\n00:00:03,000 --> 00:00:06,000\r\n{ZAWGYI_SENTENCE}\r\n\r\n"
              f"2\r\n00:00:07,000 --> 00:00:09,500\r\n{ZAWGYI_THAILAND}\r\n").encode()


def test_a_zawgyi_srt_is_read_as_unicode_lines():
    parsed = parse_timed_text(ZAWGYI_SRT)
    assert [(cue.start_ms, cue.text, cue.line) for cue in parsed.cues] == [
        (3000, UNICODE_SENTENCE, 2), (7000, "ထိုင်းနိုင်ငံ", 6)]


def test_a_segment_file_in_zawgyi_is_read_as_unicode():
    vtt = f"WEBVTT\n\n00:02:10.000 --> 00:05:00.000\ntitle: Boat\ntitle_my: {ZAWGYI_SENTENCE}\n".encode()
    [segment] = parse_segments(vtt)
    assert segment.texts["title_my"] == UNICODE_SENTENCE


def hits(query):
    with translation.override("en"):
        return [(hit.url, str(hit.snippet)) for hit in search_run(q=query, filters={}).hits]


def test_decomposed_and_composed_thai_find_each_other_in_transcripts(django_capture_on_commit_callbacks):
    composed = make_oral_history(title="Composed")
    make_recording(composed)
    decomposed = make_oral_history(title="Decomposed")
    make_recording(decomposed)
    with django_capture_on_commit_callbacks(execute=True):
        transcript_import(item=composed, language="tha", text="[00:00:05] ผมทำงานบนเรือประมง\n")
        # The text reached the archive decomposed; it is stored composed.
        transcript_import(item=decomposed, language="tha", text="[00:01:00] แม่ท\u0e4dางานที่โรงงาน\n")
    assert Transcript.objects.get(recording__item=decomposed).cues.get().text == "แม่ทำงานที่โรงงาน"
    for query in ("ทำงาน", "ท\u0e4dางาน"):
        found = hits(query)
        assert sorted(url.split("/")[2] for url, _snippet in found) == sorted(
            [composed.accession_number, decomposed.accession_number])
        assert all("<mark>ทำงาน</mark>" in snippet for _url, snippet in found)


def test_uploading_a_zawgyi_srt_in_the_admin_stores_unicode_and_tells_the_curator(client, staff_user):
    client.force_login(staff_user)
    item = make_oral_history(title="Boat life")
    recording = make_recording(item)
    data = {"recording": recording.pk, "language": "mya", "upload": SimpleUploadedFile("ဇာတ်ကြောင်း.srt", ZAWGYI_SRT),
            "cues-TOTAL_FORMS": "0", "cues-INITIAL_FORMS": "0", "cues-MIN_NUM_FORMS": "0",
            "cues-MAX_NUM_FORMS": "1000"}
    response = client.post("/admin/oral_histories/transcript/add/", data, follow=True)
    assert response.status_code == 200
    assert list(Transcript.objects.get().cues.values_list("text", flat=True)) == [UNICODE_SENTENCE,
                                                                                  "ထိုင်းနိုင်ငံ"]
    notes = [str(message) for message in response.context["messages"]]
    assert "line 3: Burmese converted from Zawgyi" in notes and "line 7: Burmese converted from Zawgyi" in notes
