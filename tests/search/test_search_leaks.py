"""What the policy hides never shows on the search page: not in hits, totals, facet counts or facet labels."""

import pytest
from django.utils import timezone

from exhibits.models import Block, Exhibit
from search.upkeep import search_index_sync
from tests.factories import make_item, make_place

pytestmark = pytest.mark.django_db


def test_a_hidden_place_name_cannot_be_read_by_guessing_its_id(client):
    secret = make_place("Thailand > Onlyhidden")
    make_item(title="Restricted interview", access="staff").places.add(secret)
    make_item(title="Harbour at dawn")
    search_index_sync()
    response = client.get("/search/", {"q": "harbour", "place": secret.pk})
    assert response.status_code == 200
    assert "Onlyhidden" not in response.content.decode()


def test_a_hidden_item_leaves_totals_and_facets_before_the_worker_runs(client, settings,
                                                                       django_capture_on_commit_callbacks):
    place = make_place("Thailand > Campvillage")
    item = make_item(title="Kyawthura remembers")
    item.places.add(place)
    search_index_sync()
    assert "Campvillage" in client.get("/search/", {"q": "Kyawthura"}).content.decode()

    # A backend that queues and never runs: what the page shows now is what the request itself did.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                  "QUEUES": settings.TASK_QUEUES}}
    with django_capture_on_commit_callbacks(execute=True):
        item.access = "staff"
        item.save()
    page = client.get("/search/", {"q": "Kyawthura"}).content.decode()
    assert "Campvillage" not in page
    assert "Kyawthura" not in page.split('id="main"', 1)[-1].replace('value="Kyawthura"', "")


def test_an_exhibit_block_that_depends_on_items_puts_no_words_in_the_index(client):
    exhibit = Exhibit.objects.create(slug="arrests", title="Harbour lives", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    Block.objects.create(exhibit=exhibit, kind=Block.Kind.ITEM, position=1, heading="Zawmintun arrest story",
                         body="Zawmintun bodytext")
    Block.objects.create(exhibit=exhibit, kind=Block.Kind.TEXT, position=2, body="Nets mended at dawn")
    search_index_sync()
    assert "/exhibits/arrests/" in client.get("/search/", {"q": "nets"}).content.decode()
    assert "/exhibits/arrests/" not in client.get("/search/", {"q": "Zawmintun"}).content.decode()
