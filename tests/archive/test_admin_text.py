"""What curators type in the admin (items, places, exhibits and their blocks, segments) is saved in the normal
form, and the curator is told when Burmese was converted from Zawgyi."""

import pytest

from archive.models import Item, Place
from exhibits.models import Exhibit
from oral_histories.models import Segment
from tests.archive.admin_forms import form_data
from tests.factories import make_item
from tests.factories import make_oral_history, make_recording

pytestmark = pytest.mark.django_db

# Zawgyi for ရေလုပ်သား (a fishing-boat worker).
ZAWGYI_FISHER = "\u1031\u101b\u101c\u102f\u1015\u1039\u101e\u102c\u1038"
# Zawgyi for ထိုင်းနိုင်ငံ (Thailand).
ZAWGYI_THAILAND = "\u1011\u102d\u102f\u1004\u1039\u1038\u108f\u102d\u102f\u1004\u1039\u1004\u1036"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_item_typed_in_zawgyi_and_decomposed_thai_is_saved_normal_with_a_notice(curator):
    item = make_item(title="Boat", title_my="လှေ")
    data = form_data(curator.get(f"/admin/archive/item/{item.pk}/change/"), "item_form")
    data.update({"title_my": ZAWGYI_FISHER, "title_th": "ท\u0e4dางานบนเรือ", "description_km": "កម្មករស្រ្តី"})
    response = curator.post(f"/admin/archive/item/{item.pk}/change/", data, follow=True)
    assert response.status_code == 200
    item.refresh_from_db()
    assert (item.title_my, item.title_th, item.description_km) == ("ရေလုပ်သား", "ทำงานบนเรือ", "កម្មករស្ត្រី")
    notes = [note for note in messages_of(response) if "Zawgyi" in note]
    assert len(notes) == 1 and notes[0].endswith(": Burmese converted from Zawgyi")


def test_unicode_burmese_typed_in_the_admin_is_saved_as_typed_without_a_notice(curator):
    item = make_item(title="Boat")
    data = form_data(curator.get(f"/admin/archive/item/{item.pk}/change/"), "item_form")
    data.update({"title_my": "ငါးဖမ်းလှေပေါ်က ဘဝ", "description_my": "ကျွန်ုပ်တို့ ပစ္စည်း"})
    response = curator.post(f"/admin/archive/item/{item.pk}/change/", data, follow=True)
    item.refresh_from_db()
    assert (item.title_my, item.description_my) == ("ငါးဖမ်းလှေပေါ်က ဘဝ", "ကျွန်ုပ်တို့ ပစ္စည်း")
    assert not [note for note in messages_of(response) if "Zawgyi" in note]


def test_text_that_may_be_zawgyi_is_left_as_typed_and_the_curator_asked_to_check(curator):
    response = curator.post("/admin/archive/place/add/", {"name": "Thailand", "name_my": "\u1031 x",
                                                          "kind": "country"}, follow=True)
    assert Place.objects.get(name="Thailand").name_my == "\u1031 x"
    assert any(note.endswith("it was left as typed, please check it") for note in messages_of(response))


def test_places_exhibits_blocks_and_segments_are_normalised(curator):
    curator.post("/admin/archive/place/add/", {"name": "Thailand", "name_my": ZAWGYI_THAILAND, "kind": "country"})
    assert Place.objects.get(name="Thailand").name_my == "ထိုင်းနိုင်ငံ"

    response = curator.post("/admin/exhibits/exhibit/add/", {
        "slug": "work", "title": "Work", "title_th": "การท\u0e4dางาน", "original_language": "th", "status": "draft",
        "blocks-TOTAL_FORMS": "1", "blocks-INITIAL_FORMS": "0", "blocks-MIN_NUM_FORMS": "0",
        "blocks-MAX_NUM_FORMS": "1000", "blocks-0-position": "1", "blocks-0-kind": "text",
        "blocks-0-body_my": ZAWGYI_FISHER, "blocks-0-chart": "bar"}, follow=True)
    exhibit = Exhibit.objects.get(slug="work")
    assert exhibit.title_th == "การทำงาน"
    assert exhibit.blocks.get().body_my == "ရေလုပ်သား"
    assert any(note.endswith(": Burmese converted from Zawgyi") for note in messages_of(response))

    recording = make_recording(make_oral_history(title="Interview"))
    curator.post("/admin/oral_histories/segment/add/", {
        "recording": recording.pk, "start_ms": "0:00", "end_ms": "1:00", "title": "Leaving",
        "title_my": ZAWGYI_FISHER, "keywords_th": "ท\u0e4dางาน"})
    segment = Segment.objects.get()
    assert (segment.title_my, segment.keywords_th) == ("ရေလုပ်သား", "ทำงาน")
    assert Item.objects.count() == 1
