"""A child's work on every public surface: item page, browse, search, sitemap, media, exhibits, API, OAI, feeds.

Three drawings by minors: one without a guardian's consent (public nowhere), one with it (public, the child named
by first name only, its picture on its own page but never in a list), and one whose consent covers pictures in
lists. The child's full name and birth year reach no public surface.
"""

import json

import pytest
from django.utils import timezone

from exhibits.models import Block, BlockItem, Exhibit
from search.upkeep import search_index_sync
from media_pipeline.models import Derivative
from tests.exhibits.museum import write_picture
from tests.factories import make_child_artwork

pytestmark = pytest.mark.django_db

FULL_NAME_PART = "Kyaw"  # the second part of each child's display name: never public
BIRTH_YEAR = "2014"


@pytest.fixture
def drawings(settings):
    made = {
        "hidden": make_child_artwork(accession_number="ART-HIDDEN", title="ပန်းချီ Nogiventitle",
                                     guardian_consent=False),
        "named": make_child_artwork(accession_number="ART-NAMED", title="ပန်းချီ Harbourdrawing"),
        "covered": make_child_artwork(accession_number="ART-COVERED", title="ภาพวาด Templedrawing",
                                      covers_pictures=True),
    }
    for item in made.values():
        write_picture(settings.MEDIA_ROOT, Derivative.objects.get(asset__item=item).path, 64, 48)
    return made


def image_path(item):
    return Derivative.objects.get(asset__item=item).path


def assert_no_private_detail(text):
    assert FULL_NAME_PART not in text
    assert BIRTH_YEAR not in text


def test_item_pages(client, drawings):
    assert client.get("/items/ART-HIDDEN/").status_code == 404
    page = client.get("/th/items/ART-NAMED/").content.decode()
    assert "ဖြိုး" in page
    assert_no_private_detail(page)
    assert image_path(drawings["named"]) in page  # the work itself is shown on its own page
    data = json.loads(page.split('application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert "image" not in data and 'property="og:image"' not in page  # a preview is a picture off the page
    assert "ဖြိုး" in json.dumps(data, ensure_ascii=False)
    covered = client.get("/items/ART-COVERED/").content.decode()
    assert 'property="og:image"' in covered


def test_browse_and_home_show_a_neutral_card(client, drawings):
    for path in ("/browse/", "/browse/?kind=artwork", "/my/", "/"):
        page = client.get(path).content.decode()
        assert "Nogiventitle" not in page
        assert_no_private_detail(page)
        assert image_path(drawings["named"]) not in page
        assert image_path(drawings["covered"]) in page
    assert "Harbourdrawing" in client.get("/browse/?kind=artwork").content.decode()
    person = drawings["named"].agents.get().pk
    page = client.get(f"/browse/?person={person}").content.decode()
    assert "ဖြိုး" in page and "Harbourdrawing" in page
    assert_no_private_detail(page)


def test_search(client, drawings):
    search_index_sync()
    page = client.get("/search/", {"q": "Harbourdrawing"}).content.decode()
    assert "/items/ART-NAMED/" in page
    assert image_path(drawings["named"]) not in page
    assert_no_private_detail(page)
    assert "/items/ART-HIDDEN/" not in client.get("/search/", {"q": "Nogiventitle"}).content.decode()
    # The index holds the public first name only: the family name finds nothing.
    assert "/items/ART-NAMED/" not in client.get("/search/", {"q": FULL_NAME_PART}).content.decode()


def test_sitemap_and_media(client, drawings):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "ART-NAMED" in sitemap and "ART-HIDDEN" not in sitemap
    assert client.get(f"/media/{image_path(drawings['hidden'])}").status_code == 404
    assert client.get(f"/media/{image_path(drawings['named'])}").status_code == 200


def test_exhibits(client, drawings):
    exhibit = Exhibit.objects.create(slug="children-draw", title="Children draw", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now(), cover=drawings["named"].assets.get())
    block = Block.objects.create(exhibit=exhibit, kind=Block.Kind.GALLERY, position=1, heading="Drawings")
    for position, item in enumerate(drawings.values()):
        BlockItem.objects.create(block=block, item=item, position=position)
    page = client.get("/th/exhibits/children-draw/").content.decode()
    assert "Harbourdrawing" in page and "Templedrawing" in page and "Nogiventitle" not in page
    assert image_path(drawings["named"]) not in page and image_path(drawings["covered"]) in page
    assert_no_private_detail(page)
    listing = client.get("/exhibits/").content.decode()
    assert image_path(drawings["named"]) not in listing  # not as the exhibit's cover either


def test_api(client, drawings):
    listing = client.get("/api/items/").content.decode()
    assert "ART-NAMED" in listing and "ART-HIDDEN" not in listing
    assert image_path(drawings["named"]) not in listing
    assert_no_private_detail(listing)
    assert client.get("/api/items/ART-HIDDEN/").status_code == 404
    record = client.get("/api/items/ART-NAMED/").json()
    assert [credit["name"] for credit in record["credits"]] == ["ဖြိုး"]
    assert_no_private_detail(json.dumps(record, ensure_ascii=False))


def test_oai_and_feeds(client, drawings):
    harvest = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content.decode()
    assert "ART-NAMED" in harvest and "ART-HIDDEN" not in harvest
    assert "ဖြိုး" in harvest
    assert_no_private_detail(harvest)
    for path in ("/feeds/items.rss", "/feeds/items.atom"):
        feed = client.get(path).content.decode()
        assert "Nogiventitle" not in feed
        assert_no_private_detail(feed)


def test_iiif(client, drawings):
    assert client.get("/iiif/ART-HIDDEN/manifest.json").status_code == 404
    manifest = client.get("/iiif/ART-NAMED/manifest.json").content.decode()
    assert "ဖြိုး" in manifest
    assert_no_private_detail(manifest)


def test_harvesters_are_told_when_a_person_is_marked_a_minor(django_capture_on_commit_callbacks):
    from archive.models import Agent, ItemAgent
    from interop.models import HarvestRecord
    from tests.factories import make_agent, make_consent, make_item

    with django_capture_on_commit_callbacks(execute=True):
        song = make_item(kind="music", accession_number="MUS-1", title="ເພງ")
        singer = make_agent(display_name="ນາງ ແສງ ດາວ")
        ItemAgent.objects.create(item=song, agent=singer, role="singer")
    assert not HarvestRecord.objects.get(accession_number="MUS-1").deleted
    with django_capture_on_commit_callbacks(execute=True):
        singer.is_minor = True
        singer.save()
    assert HarvestRecord.objects.get(accession_number="MUS-1").deleted
    with django_capture_on_commit_callbacks(execute=True):
        make_consent(song, agent=singer, by_guardian=True)
    assert not HarvestRecord.objects.get(accession_number="MUS-1").deleted
    with django_capture_on_commit_callbacks(execute=True):  # a bulk update of people says so too
        Agent.objects.filter(pk=singer.pk).update(is_minor=False)
        ItemAgent.objects.create(item=song, agent=make_agent(display_name="ເດັກນ້ອຍ", is_minor=True), role="singer")
    assert HarvestRecord.objects.get(accession_number="MUS-1").deleted


def test_search_drops_a_song_as_soon_as_its_singer_is_marked_a_minor(django_capture_on_commit_callbacks):
    from archive.models import ItemAgent
    from search.service import search_run
    from tests.factories import make_agent, make_item

    def found():
        return [hit.object.accession_number for hit in search_run(q="Lullabysong", filters={}).hits]

    with django_capture_on_commit_callbacks(execute=True):
        song = make_item(kind="music", accession_number="MUS-2", title="Lullabysong ເພງກ່ອມລູກ")
        singer = make_agent(display_name="ນາງ ຄຳ ແພງ")
        ItemAgent.objects.create(item=song, agent=singer, role="singer")
    assert found() == ["MUS-2"]
    with django_capture_on_commit_callbacks(execute=True):
        singer.is_minor = True
        singer.save()
    assert found() == []
