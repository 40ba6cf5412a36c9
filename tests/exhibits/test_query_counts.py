"""Each public page runs the same number of queries whether the collection holds 5 items or 500."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from archive.models import Agent, Asset, Collection, Item, ItemAgent, Place, Subject
from exhibits.models import Block, BlockItem, Exhibit
from media_pipeline.models import Derivative

pytestmark = pytest.mark.django_db

PAGES = ["/", "/th/", "/exhibits/", "/exhibits/big/", "/th/exhibits/big/", "/items/BULK-00001/", "/browse/",
         "/browse/?kind=photograph", "/browse/?decade=1950", "/browse/?tag=tag-1",
         "/browse/?kind=photograph&subject=s-1&place=1&decade=1950", "/sitemap.xml"]


def build_collection(n):
    collection = Collection.objects.create(slug="bulk", title="Bulk")
    places = Place.objects.bulk_create(Place(name=f"Place {i}", latitude=13 + i % 5, longitude=100 + i % 7)
                                       for i in range(min(n, 50)))
    subjects = Subject.objects.bulk_create(Subject(slug=f"s-{i}", title=f"Subject {i}") for i in range(min(n, 30)))
    agents = Agent.objects.bulk_create(Agent(display_name=f"Narrator {i}") for i in range(min(n, 40)))
    tags = Tag.objects.bulk_create(Tag(name=f"tag {i}", slug=f"tag-{i}") for i in range(min(n, 20)))
    items = Item.objects.bulk_create(
        Item(kind=Item.Kind.PHOTOGRAPH if i % 3 else Item.Kind.FILM, accession_number=f"BULK-{i:05d}",
             title=f"Item {i}", title_th=f"รายการ {i}", status="published", access="public", date=str(1950 + i % 70),
             date_lower=date(1950 + i % 70, 1, 1), date_upper=date(1950 + i % 70, 12, 31), collection=collection)
        for i in range(1, n + 1))
    Item.places.through.objects.bulk_create(
        Item.places.through(item=item, place=places[i % len(places)]) for i, item in enumerate(items))
    Item.subjects.through.objects.bulk_create(
        Item.subjects.through(item=item, subject=subjects[i % len(subjects)]) for i, item in enumerate(items))
    ItemAgent.objects.bulk_create(ItemAgent(item=item, agent=agents[i % len(agents)], role="photographer")
                                  for i, item in enumerate(items))
    from django.contrib.contenttypes.models import ContentType

    item_type = ContentType.objects.get_for_model(Item)
    TaggedItem.objects.bulk_create(TaggedItem(tag=tags[i % len(tags)], content_type=item_type, object_id=item.pk)
                                   for i, item in enumerate(items))
    assets = Asset.objects.bulk_create(Asset(item=item, kind="image") for item in items)
    Derivative.objects.bulk_create(
        Derivative(asset=asset, profile="image-sizes", profile_version=1, role="image", path=f"d/{asset.pk}/{w}.jpg",
                   mime_type="image/jpeg", width=w, height=w) for asset in assets for w in (320, 640))
    exhibit = Exhibit.objects.create(slug="big", title="Big", status="published", featured=True,
                                     published_at=timezone.now(), cover=assets[0])
    for position, kind in enumerate(["text", "gallery", "timeline", "map", "item", "clip"]):
        block = Block.objects.create(exhibit=exhibit, position=position, kind=kind, body="Some *text*.")
        BlockItem.objects.bulk_create(BlockItem(block=block, item=item, position=i) for i, item in enumerate(items))
    Exhibit.objects.bulk_create(Exhibit(slug=f"e-{i}", title=f"E {i}", status="published",
                                        published_at=timezone.now()) for i in range(min(n, 30)))


def count_queries(client):
    for path in PAGES:  # warm caches that fill once per process (content types, translations)
        assert client.get(path).status_code == 200, path
    counts = {}
    for path in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_query_count_does_not_grow_with_the_collection(client):
    build_collection(5)
    small = count_queries(client)
    Item.objects.all().delete()
    Exhibit.objects.all().delete()
    Collection.objects.all().delete()
    Place.objects.all().delete()
    Subject.objects.all().delete()
    ItemAgent.objects.all().delete()
    Agent.objects.all().delete()
    Tag.objects.all().delete()
    build_collection(500)
    large = count_queries(client)
    assert large == small
    assert max(large.values()) <= 12, large
