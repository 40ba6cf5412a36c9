"""A child's full name typed as a transcript speaker reaches no public surface: the item page and its ?find=,
the captions made from the transcript, an uploaded caption file served by the media view, search and the IIIF
manifest show the child's public name; the admin and the staff-only preservation bag keep the label as typed.
A label that names no minor of the item is kept."""

import pytest
from django.utils import translation

from archive.models import ItemAgent
from interop.bags import bag_export
from media_pipeline.speakers import minor_speaker_names, speaker_public
from oral_histories.models import Transcript
from oral_histories.services import transcript_import, transcript_webvtt
from search.service import search_run
from tests.factories import (
    add_agent,
    add_subtitles,
    attach_audio,
    make_agent,
    make_consent,
    make_oral_history,
    make_recording,
)

pytestmark = pytest.mark.django_db

FULL_NAME = "ဖြိုး ဝေ Kyawthura"
PRIVATE_NAME = "Nang Sein Kyawthura Htoo"
PUBLIC_NAME = "Nilar"
# The full name typed as staff type it: other case, spaces doubled; the private name in capitals.
CAPTIONS = ("WEBVTT\n\n"
            "00:00:01.000 --> 00:00:03.000\n<v ဖြိုး  ဝေ kyawthura>ငါတို့ ရေကန်ဘေးမှာ Lakesidesong\n\n"
            "00:00:03.000 --> 00:00:05.000\n<v NANG SEIN KYAWTHURA HTOO>ကချင်း Templedance\n\n"
            "00:00:05.000 --> 00:00:07.000\n<v ครูสมศรี>ร้องอีกครั้งนะ Teacherline\n")


@pytest.fixture
def performance(django_capture_on_commit_callbacks):
    """A child's oral history with a song in it: the child has a guardian's consent; the teacher is an adult."""
    item = make_oral_history(accession_number="PERF-CHILD", title="ร้องเพลง Songday")
    child = make_agent(display_name=FULL_NAME, private_name=PRIVATE_NAME, is_minor=True, birth_year=2015,
                       minor_public_name=PUBLIC_NAME)
    add_agent(item, child, role=ItemAgent.Role.PERFORMER)
    make_consent(item, agent=child, by_guardian=True)
    add_agent(item, make_agent(display_name="ครูสมศรี"), role=ItemAgent.Role.PERFORMER)
    attach_audio(make_recording(item, original_name="เพลง.m4a"))
    with django_capture_on_commit_callbacks(execute=True):
        transcript_import(item=item, language="mya", text=CAPTIONS)
    return item


def assert_child_named_publicly(text):
    assert "Kyawthura" not in text and "kyawthura" not in text and "KYAWTHURA" not in text
    assert PUBLIC_NAME in text


def test_the_rule_compares_normalised_case_folded_names():
    item = make_oral_history()
    child = add_agent(item, make_agent(display_name="ทำ Kyawthura", is_minor=True), role=ItemAgent.Role.PERFORMER)
    adult = add_agent(item, make_agent(display_name="Somchai Adult"))
    names = minor_speaker_names(item_ids=[item.pk])[item.pk]
    # Thai typed with a decomposed sara am (nikhahit + sara aa), other case, extra spaces.
    assert speaker_public("  ท\u0e4d\u0e32   KYAWTHURA ", names=names) == child.public_name() == "ทำ"
    assert speaker_public(adult.display_name, names=names) == "Somchai Adult"
    assert speaker_public("ผู้สัมภาษณ์", names=names) == "ผู้สัมภาษณ์"
    assert speaker_public("", names=names) == ""


def test_a_minor_of_another_item_is_not_renamed_here():
    other = make_oral_history()
    add_agent(other, make_agent(display_name="Aye Kyawthura", is_minor=True))
    item = make_oral_history()
    assert minor_speaker_names(item_ids=[item.pk]) == {}
    assert speaker_public("Aye Kyawthura", names=minor_speaker_names(item_ids=[item.pk]).get(item.pk, {})) == (
        "Aye Kyawthura")


def test_the_item_page_shows_the_public_name(client, performance):
    page = client.get("/my/items/PERF-CHILD/").content.decode()
    assert f'<span class="oh-speaker">{PUBLIC_NAME}:</span>' in page
    assert '<span class="oh-speaker">ครูสมศรี:</span>' in page
    assert_child_named_publicly(page)


def test_finding_the_full_name_on_the_page_finds_no_line(client, performance):
    page = client.get("/items/PERF-CHILD/", {"find": "kyawthura"}).content.decode()
    assert "Lakesidesong" not in page and "Templedance" not in page
    page = client.get("/items/PERF-CHILD/", {"find": PUBLIC_NAME}).content.decode()
    assert "Lakesidesong" in page and "Templedance" in page


def test_captions_from_the_transcript_name_the_child_publicly(client, performance):
    transcript = Transcript.objects.get()
    page = client.get("/items/PERF-CHILD/").content.decode()
    assert f"/transcripts/{transcript.pk}.vtt" in page  # the player's caption track
    captions = client.get(f"/oral-histories/transcripts/{transcript.pk}.vtt")
    text = captions.content.decode()
    assert captions.status_code == 200
    assert f"<v {PUBLIC_NAME}>ငါတို့ ရေကန်ဘေးမှာ Lakesidesong" in text
    assert f"<v {PUBLIC_NAME}>ကချင်း Templedance" in text
    assert "<v ครูสมศรี>" in text
    assert_child_named_publicly(text)


def test_search_finds_the_public_name_and_never_the_full_name(performance):
    with translation.override("en"):
        lines = lambda query: [hit for hit in search_run(q=query).hits if type(hit.object).__name__ == "Cue"]
        assert lines("Kyawthura") == []
        assert lines("Htoo") == []
        found = lines(PUBLIC_NAME)
        assert len(found) == 2
        assert all("Kyawthura" not in str(hit.snippet) for hit in found)
        assert len(lines("ครูสมศรี")) == 1


def test_the_search_page_shows_no_full_name(client, performance):
    page = client.get("/search/", {"q": PUBLIC_NAME}).content.decode()
    assert "hit-transcript-line" in page and "Lakesidesong" in page
    assert "Kyawthura" not in page
    page = client.get("/search/", {"q": "Kyawthura"}).content.decode()
    assert "hit-transcript-line" not in page and "Lakesidesong" not in page


def test_marking_a_speaker_a_minor_later_renames_the_indexed_lines(django_capture_on_commit_callbacks):
    item = make_oral_history(accession_number="OH-LATER")
    teen = add_agent(item, make_agent(display_name="Saw Kyawthura"))
    make_consent(item, agent=teen, by_guardian=True)
    make_recording(item)
    with django_capture_on_commit_callbacks(execute=True):
        transcript_import(item=item, language="tha", text="[00:00:01] Saw Kyawthura: เราทำงานที่ท่าเรือ\n")
    with translation.override("en"):
        assert len(search_run(q="Kyawthura").hits) == 2  # the item (its person) and the line
    with django_capture_on_commit_callbacks(execute=True):
        teen.is_minor = True
        teen.save()
    with translation.override("en"):
        assert search_run(q="Kyawthura").hits == []
        assert [type(hit.object).__name__ for hit in search_run(q="เราทำงานที่ท่าเรือ").hits] == ["Cue"]


def test_the_iiif_manifest_names_the_child_publicly(client, performance):
    response = client.get("/iiif/PERF-CHILD/manifest.json")
    assert response.status_code == 200
    assert "Kyawthura" not in response.content.decode()


def test_staff_see_the_label_as_typed_in_the_admin(client, staff_user, performance):
    client.force_login(staff_user)
    transcript = Transcript.objects.get()
    page = client.get(f"/admin/oral_histories/transcript/{transcript.pk}/change/").content.decode()
    assert 'value="ဖြိုး  ဝေ kyawthura"' in page
    assert 'value="NANG SEIN KYAWTHURA HTOO"' in page
    assert "<v ဖြိုး  ဝေ kyawthura>" in transcript_webvtt(transcript=transcript, labels_as_typed=True)


def test_an_uploaded_caption_file_served_by_the_media_view_names_the_child_publicly(client, tmp_path, performance):
    captions = add_subtitles(performance, tmp_path, "เพลง.mya.vtt", CAPTIONS)
    src = captions.derivatives.get(role="captions").url
    assert src in client.get("/items/PERF-CHILD/").content.decode()
    response = client.get(src)
    assert response.status_code == 200 and response["Content-Type"] == "text/vtt; charset=utf-8"
    text = response.content.decode()
    assert f"<v {PUBLIC_NAME}>ငါတို့ ရေကန်ဘေးမှာ Lakesidesong" in text and "<v ครูสมศรี>" in text
    assert_child_named_publicly(text)


def test_the_staff_only_preservation_bag_keeps_the_label_as_typed(tmp_path, performance):
    transcript = Transcript.objects.get()
    recording = transcript.recording
    recording.derivatives.all().delete()  # no files: this test is about the transcript
    bag_export(out_dir=tmp_path / "bag", accessions=["PERF-CHILD"])
    text = (tmp_path / "bag" / f"data/items/PERF-CHILD/assets/{recording.pk}/transcripts/mya.vtt").read_text(
        encoding="utf-8")
    assert "<v ဖြိုး  ဝေ kyawthura>" in text and "<v NANG SEIN KYAWTHURA HTOO>" in text
