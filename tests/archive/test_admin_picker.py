"""The admin's picker for items and files: search as you type in any script, thumbnails through the media view,
and nothing a curator may not see."""

import pytest

from archive.models import Item
from exhibits.models import Exhibit
from tests.factories import make_item, make_oral_history, make_picture, make_recording

pytestmark = pytest.mark.django_db


def pick(client, source, query="", language="en", **extra):
    response = client.get("/admin/picker/", {"for": source, "q": query, **extra}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.status_code
    return response.json()


def test_items_are_found_by_a_title_in_any_language_with_a_thumbnail(curator):
    boat = make_item(title="Boat", title_th="เรือประมงยามเช้า", title_my="ငါးဖမ်းလှေ", accession_number="MLA-1")
    make_picture(boat)
    make_item(title="Net", title_th="อวน", accession_number="MLA-2")
    for query in ("ประมง", "ငါးဖမ်း", "mla-1"):
        results = pick(curator, "items", query)["results"]
        assert [r["id"] for r in results] == [boat.pk], query
    result = pick(curator, "items", "เรือ")["results"][0]
    assert result["thumb"].startswith("/media/derivatives/") and result["thumb"].endswith(".webp")
    image = curator.get(result["thumb"])
    assert image.status_code == 200 and image["Content-Type"] == "image/webp"


def test_titles_come_in_the_curators_language(curator):
    make_item(title="Boat", title_km="ទូក", accession_number="MLA-9")
    assert pick(curator, "items", "boat", language="km")["results"][0]["text"] == "ទូក · MLA-9"
    assert pick(curator, "items", "boat", language="en")["results"][0]["text"] == "Boat · MLA-9"


def test_files_are_offered_by_kind(curator):
    voice = make_oral_history(title="เสียงแม่", accession_number="OH-1")
    recording = make_recording(voice)
    picture = make_picture(voice)
    assert [r["id"] for r in pick(curator, "recordings", "เสียง")["results"]] == [recording.pk]
    assert [r["id"] for r in pick(curator, "images", "เสียง")["results"]] == [picture.pk]
    assert pick(curator, "images", "เสียง")["results"][0]["text"].startswith("เสียงแม่ · image 1")


def test_a_curator_without_item_permission_is_offered_only_what_the_public_sees(client, volunteer):
    shown = make_item(title="ท่าเรือ สาธารณะ")
    make_picture(shown)
    hidden = make_item(title="ท่าเรือ ลับ", access="staff")
    make_picture(hidden)
    withdrawn = make_oral_history(title="ท่าเรือ ถอนความยินยอม")
    withdrawn.consents.update(withdrawn_on="2024-01-01")
    make_picture(withdrawn)
    client.force_login(volunteer)
    assert [r["id"] for r in pick(client, "items", "ท่าเรือ")["results"]] == [shown.pk]
    assert [r["text"] for r in pick(client, "images", "ท่าเรือ")["results"]] == ["ท่าเรือ สาธารณะ · image 1 · " +
                                                                                shown.accession_number]


def test_the_picker_is_for_signed_in_staff_and_known_sources_only(client, reader, curator):
    assert curator.get("/admin/picker/", {"for": "users"}).status_code == 404
    curator.logout()
    assert client.get("/admin/picker/", {"for": "items"}).status_code == 302
    client.force_login(reader)
    assert client.get("/admin/picker/", {"for": "items"}).status_code == 302


def test_pages_of_results_say_when_there_are_more(curator):
    for n in range(23):
        make_item(title=f"ภาพถ่าย {n}")
    first, second = pick(curator, "items", "ภาพถ่าย"), pick(curator, "items", "ภาพถ่าย", page=2)
    assert (len(first["results"]), first["pagination"]["more"]) == (20, True)
    assert (len(second["results"]), second["pagination"]["more"]) == (3, False)


def test_the_exhibit_cover_and_block_items_use_the_picker_not_typed_ids(curator):
    item = make_item(title="Boat", title_th="เรือ")
    cover = make_picture(item)
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour", cover=cover)
    html = curator.get(f"/admin/exhibits/exhibit/{exhibit.pk}/change/").content.decode()
    assert 'name="cover"' in html and 'data-picker-url="/admin/picker/?for=images"' in html
    assert 'class="vForeignKeyRawIdAdminField"' not in html
    assert f'<option value="{cover.pk}" selected data-thumb="/media/derivatives/{cover.pk}/' in html
    assert html.count("<option") < 40  # only the chosen file, not every file of the archive
    assert "/static/js/admin-picker.js" in html
    assert Item.objects.count() == 1


def test_a_transcripts_recording_is_picked(curator):
    voice = make_oral_history(title="เสียง")
    recording = make_recording(voice)
    html = curator.get("/admin/oral_histories/transcript/add/").content.decode()
    assert 'data-picker-url="/admin/picker/?for=recordings"' in html
    response = curator.post("/admin/oral_histories/transcript/add/", {
        "recording": recording.pk, "language": "tha", "cues-TOTAL_FORMS": "0", "cues-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    assert recording.transcripts.count() == 1


@pytest.mark.parametrize("page", ["0", "๒", "-1", "99999999999", "x"])
def test_odd_page_numbers_give_a_page_not_an_error(curator, page):
    make_item(title="ภาพถ่าย")
    response = curator.get("/admin/picker/", {"for": "items", "q": "ภาพ", "page": page})
    assert response.status_code == 200 and "results" in response.json()
