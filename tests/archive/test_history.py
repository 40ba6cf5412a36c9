"""The history keeps every change curators make: each model, its lists and parts, bulk updates, and who acted."""

from datetime import date

import pytest
from django.apps import apps as django_apps
from django.conf import settings

from archive.history import acting_as
from archive.models import Agent, Asset, ChangeRecord, ConsentRecord, Item, ItemAgent, Language
from archive.signals import records_updated
from exhibits.models import Block, BlockItem, Exhibit
from media_pipeline.timed_text import parse_timed_text
from oral_histories.models import Cue, Segment, Transcript
from oral_histories.services import transcript_replace_lines
from tests.factories import (
    add_agent,
    make_collection,
    make_consent,
    make_item,
    make_place,
    make_recording,
    make_subject,
)

pytestmark = pytest.mark.django_db


def history_of(record):
    return list(ChangeRecord.objects.filter(model=record._meta.label_lower, object_id=str(record.pk))
                .order_by("at", "pk"))


def last_change(record, field):
    return [change for change in history_of(record) if change.field == field][-1]


def make_exhibit(**fields):
    return Exhibit.objects.create(**{"slug": "harbour", "title": "Harbour lives", **fields})


def make_transcript(item=None):
    recording = make_recording(item or make_item(kind=Item.Kind.ORAL_HISTORY))
    return Transcript.objects.create(recording=recording, language=Language.for_code("mya"))


# Every model a curator edits in the admin: how to make one, and a field to change from one value to another.
EDITED = {
    "language": (lambda: Language.for_code("shn"), "name", "Shan", "ရှမ်း"),
    "collection": (make_collection, "title_th", "", "คอลเลกชันท่าเรือ"),
    "subject": (make_subject, "title_km", "", "ការនេសាទ"),
    "place": (lambda: make_place("Thailand > Samut Sakhon"), "name_lo", "", "ສະມຸດສາຄອນ"),
    "agent": (lambda: Agent.objects.create(display_name="Ko Min"), "private_name", "", "မောင်မင်း"),
    "item": (make_item, "status", "published", "withdrawn"),
    "consent": (lambda: make_consent(make_item()), "research", "True", "False"),
    "exhibit": (make_exhibit, "title_my", "", "ဆိပ်ကမ်းဘဝများ"),
    "transcript": (make_transcript, "staff_only", "False", "True"),
    "segment": (lambda: Segment.objects.create(recording=make_recording(make_item()), start_ms=0, end_ms=5000,
                                               title="ออกเรือ"), "title_th", "", "ออกเรือตอนเช้า"),
}


@pytest.mark.parametrize("kind", EDITED)
def test_every_edited_model_keeps_who_when_and_the_value_before(kind, staff_user):
    make, field, old, new = EDITED[kind]
    with acting_as(staff_user, "admin"):
        record = make()
        pk = record.pk
        setattr(record, field, new if not isinstance(getattr(record, field), bool) else new == "True")
        record.save()
        record.delete()
    changes = ChangeRecord.objects.filter(model=record._meta.label_lower, object_id=str(pk)).order_by("pk")
    assert [change.action for change in changes] == ["create", "update", "delete"]
    update = changes[1]
    assert (update.field, update.old_value, update.new_value) == (field, old, new)
    assert {(change.user, change.source) for change in changes} == {(staff_user, "admin")}
    assert update.at is not None


def test_saving_unchanged_values_of_other_types_records_nothing():
    place = make_place("Laos > Champasak")
    place.latitude, place.longitude = "14.880000", "105.866700"
    place.save()
    before = ChangeRecord.objects.count()
    place.latitude, place.longitude = "14.88", "105.8667"  # the same numbers, written another way
    place.save()
    item = Item.objects.get(pk=make_item(date="1995~").pk)
    item.save()
    assert ChangeRecord.objects.count() == before + 1  # the item's creation only


def test_a_foreign_key_is_kept_by_the_name_of_the_record():
    item = make_item()
    item.collection = make_collection(title="Fishing boats")
    item.save()
    change = last_change(item, "collection")
    assert (change.old_value, change.new_value) == (None, "Fishing boats")


def test_a_replaced_list_is_one_record_with_the_whole_list_before_and_after():
    item = make_item()
    old, kept, new = make_subject(slug="boats"), make_subject(slug="ประมง"), make_subject(slug="ports")
    item.subjects.set([old, kept])
    item.subjects.set([kept, new])
    changes = [change for change in history_of(item) if change.field == "subjects"]
    assert [(c.old_value, c.new_value) for c in changes] == [("", "boats; ประมง"), ("boats; ประมง", "ports; ประมง")]

    item.tags.add("แรงงานข้ามชาติ", "boats")
    item.tags.set(["boats"])
    item.languages.add(Language.for_code("khm"))
    item.places.add(make_place("Cambodia > Battambang"))
    item.places.clear()
    assert last_change(item, "tags").old_value == "boats; แรงงานข้ามชาติ"
    assert last_change(item, "tags").new_value == "boats"
    assert last_change(item, "languages").new_value == "khm"
    assert (last_change(item, "places").old_value, last_change(item, "places").new_value) == (
        "Cambodia > Battambang", "")


def test_a_list_changed_from_the_other_side_is_recorded_on_each_item():
    first, second = make_item(), make_item()
    place = make_place("Myanmar > Mon State")
    place.items.add(first, second)
    place.items.remove(first)
    assert last_change(first, "places").new_value == ""
    assert last_change(second, "places").new_value == "Myanmar > Mon State"


def test_an_items_people_and_files_are_recorded_on_the_item():
    item = make_item()
    agent = add_agent(item, make_agent_named("Ma Aye"))
    link = ItemAgent.objects.get(item=item, agent=agent)
    link.role = ItemAgent.Role.TRANSLATOR
    link.save()
    link.delete()
    recording = Asset.objects.create(item=item, kind=Asset.Kind.AUDIO, original_name="สัมภาษณ์.m4a")
    recording.withheld = True
    recording.save()
    changes = [(c.field, c.part, c.old_value, c.new_value) for c in history_of(item) if c.field]
    assert changes == [
        ("agents", "narrator: Ma Aye", None, "narrator: Ma Aye"),
        ("agents.role", "translator: Ma Aye", "narrator", "translator"),
        ("agents", "translator: Ma Aye", "translator: Ma Aye", None),
        ("files", "สัมภาษณ์.m4a", None, "สัมภาษณ์.m4a"),
        ("files.withheld", "สัมภาษณ์.m4a", "False", "True"),
    ]


def make_agent_named(name):
    return Agent.objects.create(display_name=name)


def test_blocks_and_their_items_are_recorded_on_the_exhibit():
    exhibit = make_exhibit()
    block = Block.objects.create(exhibit=exhibit, position=1, kind=Block.Kind.GALLERY, heading="Boats")
    block.heading_th = "เรือ"
    block.save()
    entry = BlockItem.objects.create(block=block, item=make_item(title="Night catch"))
    entry.caption_my = "ညငါးဖမ်း"
    entry.save()
    changes = [(c.field, c.part, c.new_value) for c in history_of(exhibit) if c.field]
    assert changes == [
        ("blocks", "1. gallery", "1. gallery"),
        ("blocks.heading_th", "1. gallery", "เรือ"),
        ("blocks.items", "1. gallery › Night catch", "Night catch"),
        ("blocks.items.caption_my", "1. gallery › Night catch", "ညငါးဖမ်း"),
    ]


def test_a_transcripts_lines_replaced_from_a_file_are_one_change():
    transcript = make_transcript()
    Cue.objects.create(transcript=transcript, start_ms=0, end_ms=2000, text="ငါတို့ ဆိပ်ကမ်းကို ရောက်ခဲ့တယ်")
    assert last_change(transcript, "lines").new_value.endswith("ငါတို့ ဆိပ်ကမ်းကို ရောက်ခဲ့တယ်")
    parsed = parse_timed_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nမနက်စောစော ထွက်တယ်\n\n"
                              "00:00:04.000 --> 00:00:06.000\nညနေ ပြန်လာတယ်\n")
    before = ChangeRecord.objects.count()
    transcript_replace_lines(transcript=transcript, parsed=parsed)
    lines = last_change(transcript, "lines")
    assert ChangeRecord.objects.count() == before + 2  # the source format, and the lines
    assert lines.old_value == "0:00 ငါတို့ ဆိပ်ကမ်းကို ရောက်ခဲ့တယ်"
    assert lines.new_value == "0:01 မနက်စောစော ထွက်တယ်\n0:04 ညနေ ပြန်လာတယ်"


def test_bulk_update_records_each_changed_row_and_is_announced(staff_user):
    published, draft = make_item(), make_item(status=Item.Status.DRAFT)
    consent = make_consent(published)
    announced = []

    def receiver(sender, pks, **kwargs):
        announced.append((sender, sorted(pks)))

    records_updated.connect(receiver)
    try:
        with acting_as(staff_user, "import"):
            Item.objects.filter(pk__in=[published.pk, draft.pk]).update(status=Item.Status.IN_REVIEW)
            Agent.objects.filter(pk=consent.agent_id).update(display_name="Naw Paw (pseudonym)")
            ConsentRecord.objects.filter(pk=consent.pk).update(withdrawn_on=date(2026, 11, 30))
    finally:
        records_updated.disconnect(receiver)
    for item, old in ((published, "published"), (draft, "draft")):
        change = last_change(item, "status")
        assert (change.old_value, change.new_value, change.user, change.source) == (
            old, "in_review", staff_user, "import")
    assert last_change(consent.agent, "display_name").new_value == "Naw Paw (pseudonym)"
    assert last_change(consent, "withdrawn_on").new_value == "2026-11-30"
    assert (Item, sorted([published.pk, draft.pk])) in announced


def test_the_user_is_the_projects_user_model():
    assert ChangeRecord._meta.get_field("user").remote_field.model._meta.label == settings.AUTH_USER_MODEL


def test_upgrade_names_foreign_keys_in_earlier_records():
    migration = __import__("archive.migrations.0007_history_of_every_record_and_its_parts",
                           fromlist=["name_foreign_keys"])
    collection = make_collection(title="Boats")
    old = ChangeRecord.objects.create(model="archive.item", object_id="1", object_repr="x", action="update",
                                      field="collection_id", old_value=None, new_value=str(collection.pk))
    migration.name_foreign_keys(django_apps, None)
    old.refresh_from_db()
    assert (old.field, old.new_value) == ("collection", "Boats")


def test_every_curator_admin_has_a_history_page_in_the_curators_language(curator, staff_user):
    with acting_as(staff_user, "admin"):
        place = make_place("Thailand > Ranong")
        place.name_th = "ระนอง"
        place.save()
        exhibit = make_exhibit()
        block = Block.objects.create(exhibit=exhibit, position=1, kind=Block.Kind.TEXT)
    pages = {
        "place": f"/admin/archive/place/{place.pk}/history/",
        "exhibit": f"/admin/exhibits/exhibit/{exhibit.pk}/history/",
    }
    for url in pages.values():
        response = curator.get(url)
        assert response.status_code == 200 and response.context["rows"]
    curator.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    html = curator.get(pages["place"]).content.decode()
    assert "ระนอง" in html and "curator" in html
    assert ">ก่อน</th>" in html and ">หลัง</th>" in html and "(หน้าจัดการ)" in html
    # Blocks are edited inside their exhibit, which has no separate page for them: their changes are its own.
    assert curator.get(f"/admin/exhibits/block/{block.pk}/history/").status_code == 404
    rows = curator.get(pages["exhibit"]).context["rows"]
    assert "บล็อก" in {row.what for row in rows}  # "blocks", in the curator's Thai
