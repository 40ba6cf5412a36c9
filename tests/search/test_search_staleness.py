"""What search shows follows every change at once: deleted and renamed places, subjects and tags leave the
documents that named them, a withdrawn voice stops counting without waiting for the worker (however the
withdrawal was written), and `search_sync` repairs documents that went stale behind its back."""

import pytest
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from archive.models import Asset, ConsentRecord, Item, Place
from oral_histories.models import Segment
from oral_histories.services import transcript_import
from search.service import search_run
from tests.factories import make_consent, make_item, make_place, make_subject

pytestmark = pytest.mark.django_db

LINE = "[00:00:05] ผมทำงานบนเรือประมงที่มหาชัยมาสิบปี\n"  # I worked on fishing boats at Mahachai for ten years


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def results(query, **filters):
    page = search_run(q=query, filters=filters)
    return page


def kinds_found(query):
    return sorted(type(hit.object).__name__ for hit in search_run(q=query, filters={}).hits)


def make_interview(**fields):
    item = make_item(kind=Item.Kind.ORAL_HISTORY, title="Interview", **fields)
    make_consent(item)
    Asset.objects.create(item=item, kind=Asset.Kind.AUDIO, original_name="สัมภาษณ์.m4a")
    transcript_import(item=item, language="tha", text=LINE)
    return item


def add_segment(item, **fields):
    return Segment.objects.create(recording=item.assets.get(), start_ms=0, end_ms=5000, **fields)


def test_a_deleted_place_leaves_search_text_snippets_and_facets(commit):
    with commit():
        place = make_place("Thailand > สมุทรสาคร")
        item = make_item(title_th="ภาพเรือ")
        item.places.add(place)
    page = results("สมุทรสาคร")
    assert [hit.object for hit in page.hits] == [item]
    assert [value.value for facet in page.facets if facet.name == "place" for value in facet.values] == [
        str(place.pk)]

    with commit():
        place.delete()
    assert results("สมุทรสาคร").total == 0
    page = results("ภาพเรือ")
    assert page.total == 1
    assert "สมุทรสาคร" not in page.hits[0].snippet
    assert not [facet for facet in page.facets if facet.name == "place"]


def test_a_deleted_tag_and_subject_leave_search(commit):
    with commit():
        subject = make_subject(title="Fishing", title_my="ငါးဖမ်းခြင်း")
        item = make_item(title_th="ภาพเรือ")
        item.subjects.add(subject)
        item.tags.add("ท่าเรือ")
    assert kinds_found("ท่าเรือ") == ["Item"]
    assert kinds_found("ငါးဖမ်းခြင်း") == ["Item"]

    with commit():
        Tag.objects.get(name="ท่าเรือ").delete()
        subject.delete()
    assert kinds_found("ท่าเรือ") == []
    assert kinds_found("ငါးဖမ်းခြင်း") == []
    assert kinds_found("ภาพเรือ") == ["Item"]


def test_a_renamed_tag_is_found_by_its_new_name(commit):
    with commit():
        make_item(title="Harbour").tags.add("ท่าเรือ")
    tag = Tag.objects.get(name="ท่าเรือ")
    tag.name = "ท่าเทียบเรือ"
    with commit():
        tag.save()
    assert kinds_found("ท่าเทียบเรือ") == ["Item"]


def test_a_renamed_or_deleted_place_reaches_segment_hits(commit):
    with commit():
        item = make_interview()
        place = make_place("Thailand > สมุทรสาคร")
        add_segment(item, title="On the boats").places.add(place)
    assert kinds_found("สมุทรสาคร") == ["Segment"]

    place.name = "มหาชัยใหม่"
    with commit():
        place.save()
    assert kinds_found("มหาชัยใหม่") == ["Segment"]
    assert kinds_found("สมุทรสาคร") == []

    with commit():
        place.delete()
    assert kinds_found("มหาชัยใหม่") == []
    assert kinds_found("boats") == ["Segment"]


def test_search_sync_repairs_documents_that_went_stale(commit, capsys):
    with commit():
        place = make_place("Thailand > สมุทรสาคร")
        item = make_item(title_th="ภาพเรือ")
        item.places.add(place)
    # A change no signal announces (a bulk update of places): the document still says the old name.
    Place.objects.filter(pk=place.pk).update(name="มหาชัยใหม่")
    assert kinds_found("มหาชัยใหม่") == []

    from django.core.management import call_command

    call_command("search_sync")
    assert "archive.item: 0 added, 1 rewritten, 0 removed" in capsys.readouterr().out
    assert kinds_found("มหาชัยใหม่") == ["Item"]
    call_command("search_sync")
    assert "archive.item: 0 added, 0 rewritten, 0 removed" in capsys.readouterr().out


def test_a_place_deleted_behind_the_index_is_never_shown_by_its_id(commit):
    with commit():
        place = make_place("Thailand > สมุทรสาคร")
        item = make_item(title_th="ภาพเรือ")
        item.places.add(place)
    pk = place.pk
    place.delete()  # its on-commit update never runs: the document still carries the place id
    page = results("ภาพเรือ")
    assert page.total == 1
    labels = [(value.value, value.label) for facet in page.facets for value in facet.values]
    assert (str(pk), str(pk)) not in labels


def indexed_interview(task_worker):
    """A public interview with a transcript line and a segment that say เรือประมง, indexed by the real worker."""
    with transaction.atomic():
        item = make_interview()
        add_segment(item, title="เรือประมง ตอนแรก")
    task_worker.run_until_idle(["search"])
    assert kinds_found("เรือประมง") == ["Cue", "Segment"]
    return item


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["saved", "updated"])
def test_a_withdrawn_voice_stops_counting_before_the_worker_runs(task_worker, how):
    item = indexed_interview(task_worker)

    with transaction.atomic():
        if how == "saved":
            consent = item.consents.get()
            consent.withdrawn_on = timezone.localdate()
            consent.save()
        else:
            ConsentRecord.objects.filter(item=item).update(withdrawn_on=timezone.localdate())
    # The queue has not run: the item's lines and segments are already out, in results and in counts.
    page = search_run(q="เรือประมง", filters={})
    assert (page.total, page.hits, page.facets) == (0, [], [])


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_item_made_staff_only_by_a_bulk_update_leaves_at_once(task_worker):
    with transaction.atomic():
        item = make_item(title_th="ภาพเรือประมง")
    task_worker.run_until_idle(["search"])
    assert kinds_found("เรือประมง") == ["Item"]
    with transaction.atomic():
        Item.objects.filter(pk=item.pk).update(access="staff")
    assert search_run(q="เรือประมง", filters={}).total == 0


def test_a_renamed_agent_and_collection_are_found_by_their_new_names_only(commit):
    from tests.factories import add_agent, make_collection

    with commit():
        collection = make_collection(title="Boats of Mahachai", title_th="เรือมหาชัย")
        item = make_item(title="Harbour", collection=collection)
        agent = add_agent(item)
    agent.display_name = "ນາງ ແກ້ວ"  # a pseudonym given later
    collection.title = "Harbour life"
    with commit():
        agent.save()
        collection.save()
    assert kinds_found("ແກ້ວ") == ["Item"]
    assert kinds_found("Mahachai") == []
    assert kinds_found("Harbour life") == ["Item"]

    with commit():
        collection.delete()
    page = results("Harbour")
    assert page.total == 1 and not [facet for facet in page.facets if facet.name == "collection"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["saved", "updated"])
def test_a_transcript_or_segment_made_staff_only_stops_counting_at_once(task_worker, how):
    from oral_histories.models import Transcript

    indexed_interview(task_worker)

    with transaction.atomic():
        if how == "saved":
            for text in (Transcript.objects.get(), Segment.objects.get()):
                text.staff_only = True
                text.save()
        else:
            Transcript.objects.update(staff_only=True)
            Segment.objects.update(staff_only=True)
    page = search_run(q="เรือประมง", filters={})
    assert (page.total, page.hits, page.facets) == (0, [], [])
