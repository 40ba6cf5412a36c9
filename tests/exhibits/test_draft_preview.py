"""The builder previews changes before they are saved, and keeps none of them."""

import pytest

from archive.models import ChangeRecord
from exhibits.models import Block, Exhibit

pytestmark = pytest.mark.django_db


def form_of(exhibit, block, **changes):
    data = {"slug": exhibit.slug, "title": exhibit.title, "original_language": "en", "status": "draft",
            "blocks-TOTAL_FORMS": "1", "blocks-INITIAL_FORMS": "1", "blocks-MIN_NUM_FORMS": "0",
            "blocks-MAX_NUM_FORMS": "1000", "blocks-0-id": block.pk, "blocks-0-exhibit": exhibit.pk,
            "blocks-0-position": "1", "blocks-0-kind": "text", "blocks-0-body_th": block.body_th,
            "blocks-0-chart": "bar"}
    data.update(changes)
    return data


def test_unsaved_changes_are_previewed_and_nothing_is_kept(curator):
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    block = Block.objects.create(exhibit=exhibit, kind="text", position=1, body_th="ข้อความเดิม")
    records = ChangeRecord.objects.count()
    response = curator.post(f"/admin/exhibits/exhibit/{exhibit.pk}/preview/",
                            form_of(exhibit, block, title="ท่าเรือใหม่", **{"blocks-0-body_th": "ข้อความใหม่"}))
    html = response.content.decode()
    assert response.status_code == 200 and "ท่าเรือใหม่" in html and "ข้อความใหม่" in html
    exhibit.refresh_from_db()
    block.refresh_from_db()
    assert (exhibit.title, block.body_th) == ("Harbour", "ข้อความเดิม")
    assert ChangeRecord.objects.count() == records
    # No "changed successfully" waits for the curator on the next page.
    page = curator.get(f"/admin/exhibits/exhibit/{exhibit.pk}/change/").content.decode()
    assert "successfully" not in page


def test_a_form_with_a_mistake_previews_nothing_and_says_why(curator):
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    block = Block.objects.create(exhibit=exhibit, kind="text", position=1, body_th="ข้อความ")
    response = curator.post(f"/admin/exhibits/exhibit/{exhibit.pk}/preview/",
                            form_of(exhibit, block, slug="two words"))
    assert response.status_code == 200 and "The form has a mistake" in response.content.decode()
    assert Exhibit.objects.get().slug == "harbour"


def test_only_people_who_may_change_the_exhibit_preview_changes(client, item_viewer):
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    block = Block.objects.create(exhibit=exhibit, kind="text", position=1, body_th="ข้อความ")
    client.force_login(item_viewer)
    response = client.post(f"/admin/exhibits/exhibit/{exhibit.pk}/preview/", form_of(exhibit, block, title="X"))
    assert response.status_code == 403
    assert Exhibit.objects.get().title == "Harbour"
