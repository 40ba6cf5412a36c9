"""Curators build, reorder and preview exhibits in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from demo.exhibits import demo_exhibits_load
from exhibits.models import Block, BlockItem, Exhibit
from exhibits.publishing import exhibit_publish
from tests.factories import make_consent, make_item

pytestmark = pytest.mark.django_db


def inline_data(blocks):
    data = {"blocks-TOTAL_FORMS": str(len(blocks)), "blocks-INITIAL_FORMS": "0", "blocks-MIN_NUM_FORMS": "0",
            "blocks-MAX_NUM_FORMS": "1000"}
    for n, block in enumerate(blocks):
        for key, value in block.items():
            data[f"blocks-{n}-{key}"] = value
    return data


def test_curator_builds_an_exhibit_with_ordered_blocks(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/admin/exhibits/exhibit/add/", {
        "slug": "harbour", "title": "Harbour", "title_th": "ท่าเรือ", "original_language": "th", "status": "draft",
        **inline_data([
            {"position": "2", "kind": "quote", "body": "Second", "chart": "bar"},
            {"position": "1", "kind": "text", "body": "First **words**", "chart": "bar"},
            {"position": "3", "kind": "data", "data_csv": "ปี,จำนวน\n2558,10\n2559,12\n", "chart": "line"},
        ]),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    exhibit = Exhibit.objects.get(slug="harbour")
    assert [b.kind for b in exhibit.blocks.all()] == ["text", "quote", "data"]
    assert client.get(exhibit.get_absolute_url()).status_code == 200  # the staff preview
    client.logout()
    assert client.get(exhibit.get_absolute_url()).status_code == 404


def test_bad_csv_in_a_data_block_is_refused_in_the_admin(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/admin/exhibits/exhibit/add/", {
        "slug": "bad", "title": "Bad", "original_language": "en", "status": "draft",
        **inline_data([{"position": "1", "kind": "data", "data_csv": "year,count\n2015,many\n", "chart": "bar"}]),
    })
    assert response.status_code == 200
    assert "“many” is not a number" in response.content.decode()
    assert not Exhibit.objects.filter(slug="bad").exists()


def test_change_page_shows_a_preview_link(client, staff_user):
    exhibit = Exhibit.objects.create(slug="draft", title="Draft")
    Block.objects.create(exhibit=exhibit, kind="gallery", position=1)
    client.force_login(staff_user)
    html = client.get(f"/admin/exhibits/exhibit/{exhibit.pk}/change/").content.decode()
    assert 'href="/exhibits/draft/"' in html and "Preview (staff only)" in html


def test_publish_action_and_scheduled_publication(client, staff_user):
    exhibit = Exhibit.objects.create(slug="soon", title="Soon")
    exhibit_publish(exhibit=exhibit, at=timezone.now() + timezone.timedelta(days=2))
    assert not exhibit.is_public()
    assert client.get("/exhibits/soon/").status_code == 404
    client.force_login(staff_user)
    client.post("/admin/exhibits/exhibit/", {"action": "publish_now", "_selected_action": [exhibit.pk]})
    exhibit.refresh_from_db()
    assert exhibit.is_public()


def test_demo_exhibits_are_built_from_demo_items_and_can_be_loaded_again():
    assert demo_exhibits_load() == []
    photo = make_item(accession_number="DEMO-0001", title="Harbour", date="1995~")
    voice = make_item(accession_number="DEMO-0002", kind="oral_history", title="Voice", date="2003")
    make_consent(voice)
    make_item(accession_number="DEMO-0003", title="Hidden", access="staff")
    first = demo_exhibits_load()
    assert [e.slug for e in first] == ["working-lives", "voices"]
    counts = (Block.objects.count(), BlockItem.objects.count())
    second = demo_exhibits_load()
    assert [e.pk for e in second] == [e.pk for e in first]
    assert (Block.objects.count(), BlockItem.objects.count()) == counts
    shown = set(BlockItem.objects.values_list("item__accession_number", flat=True))
    assert shown == {photo.accession_number, voice.accession_number}
    assert all(e.is_public() for e in second)


@pytest.mark.parametrize("slug", ["ชีวิตชาวประมง", "ຊີວິດການເຮັດວຽກ", "ជីវិតការងារ", "ရေလုပ်သား", "working-lives-2"])
def test_exhibit_addresses_may_be_written_in_any_script(client, slug):
    exhibit = Exhibit(slug=slug, title="Lives", status=Exhibit.Status.PUBLISHED, published_at=timezone.now())
    exhibit.full_clean()
    exhibit.save()
    response = client.get(exhibit.get_absolute_url())
    assert response.status_code == 200
    assert "Lives" in response.content.decode()


@pytest.mark.parametrize("slug", ["two words", "a/b", "", "ชีวิต?"])
def test_exhibit_addresses_refuse_spaces_and_punctuation(slug):
    with pytest.raises(ValidationError) as error:
        Exhibit(slug=slug, title="Lives").full_clean()
    assert "slug" in error.value.message_dict
