"""Search finds words inside transcripts and segments, in unspaced scripts, and lands on the moment; what the
policy hides never reaches the index."""

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from haystack.query import SearchQuerySet

from oral_histories.models import Cue, Segment, Transcript
from oral_histories.services import (
    segment_set_staff_only,
    segments_import,
    transcript_delete,
    transcript_import,
    transcript_set_staff_only,
)
from search.service import search_run
from tests.factories import make_consent, make_oral_history, make_recording

pytestmark = pytest.mark.django_db

THAI = ("[00:00:05] ผู้สัมภาษณ์: มาจากไหนครับ\n"
        "[00:12:34] ผมทำงานบนเรือประมงที่มหาชัยมาสิบปี\n"
        "[00:20:00] แล้วก็ย้ายไปโรงงานแปรรูปอาหารทะเล\n")
BURMESE = ("[00:00:03] ဘယ်ကလာတာလဲ\n"
           "[00:07:45] ကျွန်တော် ငါးဖမ်းလှေပေါ်မှာ အလုပ်လုပ်ခဲ့တယ်\n")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the index update tasks) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def interview(oral_history, commit):
    with commit():
        transcript_import(item=oral_history, language="tha", text=THAI)
        transcript_import(item=oral_history, language="mya", text=BURMESE)
    return oral_history


def hits(query, **kwargs):
    with translation.override("en"):
        return [(type(hit.object).__name__, hit.url, str(hit.snippet)) for hit in search_run(q=query, **kwargs).hits]


def indexed(model):
    return sorted(int(result.pk) for result in SearchQuerySet().models(model))


def test_a_thai_word_inside_a_transcript_line_links_to_its_moment(interview):
    recording = interview.assets.get()
    found = hits("เรือประมง")
    assert found == [("Cue", f"/items/{interview.accession_number}/?t=754&rec={recording.pk}#player",
                      "ผมทำงานบน<mark>เรือประมง</mark>ที่มหาชัยมาสิบปี")]


def test_a_burmese_word_inside_a_transcript_line_links_to_its_moment(interview):
    recording = interview.assets.get()
    found = hits("ငါးဖမ်း")
    assert [(kind, url) for kind, url, _snippet in found] == [
        ("Cue", f"/items/{interview.accession_number}/?t=465&rec={recording.pk}#player")]
    assert "<mark>" in found[0][2] and "ငါးဖမ်း" in found[0][2]


def test_letters_of_a_word_are_not_the_word(interview):
    # "ประ" is the start of ประมง; as a word of its own it is not in the transcript.
    assert hits("ประ") == []


def test_the_search_page_shows_the_time_and_the_highlighted_words(client, interview):
    html = client.get("/th/search/", {"q": "เรือประมง"}).content.decode()
    recording = interview.assets.get()
    assert f'href="/th/items/{interview.accession_number}/?t=754&amp;rec={recording.pk}#player"' in html
    assert '<time datetime="PT754S">12:34</time></a> — ผมทำงานบน<mark>เรือประมง</mark>ที่มหาชัยมาสิบปี' in html
    assert "ชีวิตบนเรือ" not in html


def test_segments_are_found_in_every_language_and_link_to_their_start(oral_history, client, commit):
    with commit():
        segments_import(item=oral_history, text=(
            "start,end,title,title_th,title_my,synopsis_km,keywords_lo\n"
            "1:00,5:00,Leaving Dawei,ออกจากทวาย,ထားဝယ်မှ ထွက်ခွာ,ការធ្វើដំណើរឆ្លងព្រំដែន,ນາຍໜ້າ\n"))
    segment = Segment.objects.get()
    url = f"/items/{oral_history.accession_number}/?t=60&rec={segment.recording_id}#player"
    for query in ("dawei", "ทวาย", "ထားဝယ်", "ព្រំដែន", "ນາຍໜ້າ"):
        assert [(kind, link) for kind, link, _ in hits(query)] == [("Segment", url)], query
    html = client.get("/search/", {"q": "ทวาย"}).content.decode()
    assert "<time datetime=\"PT60S\">1:00</time> — Leaving Dawei</a>" in html
    assert "ออกจาก<mark>ทวาย</mark>" in html


def test_hidden_transcript_never_reaches_the_index_or_the_results(oral_history, commit):
    with commit():
        transcript_import(item=oral_history, language="tha", text=THAI, staff_only=True)
    assert indexed(Cue) == []
    assert hits("เรือประมง") == []
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert indexed(Cue) == []


def test_hiding_a_transcript_takes_its_lines_out_and_showing_brings_them_back(interview, commit):
    thai = Transcript.objects.get(language="tha")
    with commit():
        transcript_set_staff_only(transcript=thai, staff_only=True)
    assert hits("เรือประมง") == []
    assert len(indexed(Cue)) == 2  # the Burmese lines stay
    with commit():
        transcript_set_staff_only(transcript=thai, staff_only=False)
    assert len(hits("เรือประมง")) == 1


def test_reimporting_replaces_the_indexed_lines(interview, commit):
    with commit():
        transcript_import(item=interview, language="tha", text="[00:00:01] โรงงานสับปะรด\n")
    assert hits("เรือประมง") == []
    assert len(hits("สับปะรด")) == 1
    assert len(indexed(Cue)) == 3


def test_deleting_a_transcript_or_recording_or_item_removes_its_lines(interview, commit):
    with commit():
        transcript_delete(transcript=Transcript.objects.get(language="tha"))
    assert len(indexed(Cue)) == 2
    with commit():
        interview.assets.get().delete()
    assert indexed(Cue) == []


@pytest.mark.parametrize("change", ["restricted", "withdrawn", "consent"])
def test_an_item_the_policy_hides_takes_its_texts_out_of_the_index(interview, commit, change):
    with commit():
        segments_import(item=interview, text="start,end,title\n0,10,ทวาย\n")
    assert len(indexed(Cue)) == 5 and len(indexed(Segment)) == 1
    with commit():
        if change == "consent":
            make_consent(interview, withdrawn_on=timezone.localdate())
        else:
            interview.access = "staff" if change == "restricted" else interview.access
            interview.status = "withdrawn" if change == "withdrawn" else interview.status
            interview.save()
    assert indexed(Cue) == [] and indexed(Segment) == []
    assert hits("เรือประมง") == [] and hits("ทวาย") == []
    with commit():
        interview.access, interview.status = "public", "published"
        interview.save()
        interview.consents.filter(withdrawn_on__isnull=False).delete()
    assert len(indexed(Cue)) == 5 and len(indexed(Segment)) == 1


def test_hidden_segment_never_reaches_search(oral_history, commit):
    with commit():
        segments = segments_import(item=oral_history,
                                   text="start,end,title,staff_only\n0,10,ทวาย,yes\n20,30,ระนอง,no\n")
    assert [title for title in Segment.objects.filter(pk__in=indexed(Segment)).values_list("title", flat=True)] == [
        "ระนอง"]
    with commit():
        segment_set_staff_only(segment=segments[1], staff_only=True)
    assert indexed(Segment) == []


def test_withheld_recording_keeps_its_transcript_searchable(interview, commit):
    recording = interview.assets.get()
    with commit():
        recording.withheld = True
        recording.save()
    assert len(hits("เรือประมง")) == 1


def test_search_sync_reconciles_transcripts_too(interview):
    Cue.objects.filter(transcript__language="tha").update(text="แก้ไข")  # a change no task was told about
    other = make_oral_history()
    make_recording(other)
    transcript_import(item=other, language="tha", text="[00:00:01] สับปะรด\n")  # not committed in this test
    call_command("search_sync", verbosity=0)
    assert len(hits("สับปะรด")) == 1


def test_hiding_from_a_changelist_filtered_by_the_flag_still_updates_the_index(admin_client, interview, commit):
    transcript = Transcript.objects.get(language__code="tha")
    assert hits("เรือประมง")
    with commit():
        admin_client.post("/admin/oral_histories/transcript/?staff_only__exact=0",
                          {"action": "make_staff_only", "_selected_action": [transcript.pk]})
    transcript.refresh_from_db()
    assert transcript.staff_only
    assert hits("เรือประมง") == []
    assert not set(indexed(Cue)) & set(transcript.cues.values_list("pk", flat=True))
