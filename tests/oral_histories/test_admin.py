"""Curators type transcript lines, import a file, and edit segments in five languages in the admin."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oral_histories.models import Segment, Transcript

pytestmark = pytest.mark.django_db


def cue_management(total=3, initial=0, prefix="cues"):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def typed_rows(rows):
    data = {}
    for index, (start, end, speaker, text) in enumerate(rows):
        data.update({f"cues-{index}-start_ms": start, f"cues-{index}-end_ms": end,
                     f"cues-{index}-speaker": speaker, f"cues-{index}-text": text})
    return data


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_typing_a_transcript_line_by_line(admin_client, oral_history):
    recording = oral_history.assets.get()
    data = {"recording": recording.pk, "language": "khm", **cue_management(3),
            **typed_rows([("0:05", "12:34", "ស្រី", "ខ្ញុំធ្វើការនៅរោងចក្រ"), ("12:34", "754.5", "", "បាទ")])}
    response = admin_client.post("/admin/oral_histories/transcript/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    transcript = Transcript.objects.get()
    assert (transcript.language_id, transcript.source_format, transcript.staff_only) == ("khm", "typed", False)
    assert list(transcript.cues.values_list("start_ms", "end_ms", "speaker", "text")) == [
        (5000, 754000, "ស្រី", "ខ្ញុំធ្វើការនៅរោងចក្រ"), (754000, 754500, "", "បាទ")]
    page = admin_client.get(f"/admin/oral_histories/transcript/{transcript.pk}/change/").content.decode()
    assert 'value="00:12:34.000"' in page and 'value="khm"' in page


@pytest.mark.parametrize("rows, message", [
    ([("0:10", "0:05", "", "x")], "The end must come after the start."),
    ([("0:00", "0:10", "", "x"), ("0:05", "0:20", "", "y")], "row 2: the cue starting at 00:00:05.000 overlaps"),
    ([("soon", "0:05", "", "x")], "“soon” is not a time"),
])
def test_typed_lines_that_do_not_fit_are_refused(admin_client, oral_history, rows, message):
    data = {"recording": oral_history.assets.get().pk, "language": "tha", **cue_management(3), **typed_rows(rows)}
    response = admin_client.post("/admin/oral_histories/transcript/add/", data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Transcript.objects.exists()


def test_bad_language_code_is_refused(admin_client, oral_history):
    data = {"recording": oral_history.assets.get().pk, "language": "zz", **cue_management(0)}
    response = admin_client.post("/admin/oral_histories/transcript/add/", data)
    assert response.status_code == 200 and "is not an ISO 639-3 language code" in response.content.decode()


def test_uploading_a_file_replaces_the_lines(admin_client, oral_history):
    upload = SimpleUploadedFile("ບົດສໍາພາດ.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nສະບາຍດີ\n".encode())
    data = {"recording": oral_history.assets.get().pk, "language": "lao", "staff_only": "on", "upload": upload,
            **cue_management(0)}
    response = admin_client.post("/admin/oral_histories/transcript/add/", data)
    assert response.status_code == 302
    transcript = Transcript.objects.get()
    assert transcript.staff_only and transcript.source_format == "webvtt"
    assert list(transcript.cues.values_list("text", flat=True)) == ["ສະບາຍດີ"]


def test_uploading_a_bad_file_shows_its_line(admin_client, oral_history):
    upload = SimpleUploadedFile("bad.srt", b"1\n00:00:01,000 --> 00:00:00,500\nx\n")
    data = {"recording": oral_history.assets.get().pk, "language": "tha", "upload": upload, **cue_management(0)}
    response = admin_client.post("/admin/oral_histories/transcript/add/", data)
    assert response.status_code == 200 and "line 2: the cue ends" in response.content.decode()
    assert not Transcript.objects.exists()


def test_segment_form_has_the_languages_side_by_side_and_saves(admin_client, oral_history):
    page = admin_client.get("/admin/oral_histories/segment/add/").content.decode()
    assert "oh-languages" in page and 'name="title_my"' in page and 'name="synopsis_lo"' in page
    data = {"recording": oral_history.assets.get().pk, "start_ms": "1:00", "end_ms": "2:00", "title_my": "လှေ",
            "keywords_th": "เรือ, ทะเล", "staff_only": "on"}
    response = admin_client.post("/admin/oral_histories/segment/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    segment = Segment.objects.get()
    assert (segment.start_ms, segment.end_ms, segment.title_my, segment.staff_only) == (60000, 120000, "လှေ", True)
    response = admin_client.post("/admin/oral_histories/segment/add/",
                                 {**data, "title_my": "", "start_ms": "3:00", "end_ms": "4:00"})
    assert "needs a title in at least one language" in response.content.decode()


def test_actions_hide_show_and_export(admin_client, oral_history):
    recording = oral_history.assets.get()
    segment = Segment.objects.create(recording=recording, start_ms=0, end_ms=5000, title="ทะเล")
    admin_client.post("/admin/oral_histories/segment/", {"action": "make_staff_only", "_selected_action": [segment.pk]})
    segment.refresh_from_db()
    assert segment.staff_only
    response = admin_client.post("/admin/oral_histories/segment/",
                                 {"action": "export_csv", "_selected_action": [segment.pk]})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines()[1].startswith("00:00:00.000,00:00:05.000,ทะเล,")
