"""Artworks, music and performances on their pages: the label, the programme, JSON-LD, citations, browse."""

import json

import pytest

from archive.models import Item, ItemAgent, Tradition
from tests.factories import make_agent, make_consent, make_item, make_place

pytestmark = pytest.mark.django_db


def json_ld(page):
    return json.loads(page.split('application/ld+json">', 1)[1].split("</script>", 1)[0])


@pytest.fixture
def painting():
    item = make_item(kind=Item.Kind.ARTWORK, accession_number="ART-0001", title="Boats at Mahachai",
                     title_th="เรือที่มหาชัย", title_my="မဟာချိုင်က လှေများ", date="2019",
                     medium="oil", medium_th="สีน้ำมัน", medium_my="ဆီဆေး", support="canvas", support_th="ผ้าใบ",
                     support_my="ပတ္တူ", dimensions="60 × 90 cm")
    ItemAgent.objects.create(item=item, agent=make_agent(display_name="ကိုဇော်"), role="artist")
    return item


@pytest.fixture
def performance():
    item = make_item(kind=Item.Kind.PERFORMANCE, accession_number="PERF-0001", title="Don dance at Songkran",
                     title_th="รำตงในวันสงกรานต์", date="2023-04-13", tradition=Tradition.objects.get(slug="karen"),
                     occasion="Songkran at the learning centre", occasion_th="สงกรานต์ที่ศูนย์การเรียน")
    item.places.add(make_place("Thailand > Tak > Mae Sot"))
    ItemAgent.objects.create(item=item, agent=make_agent(display_name="Hsa Moo Troupe"), role="performing_group")
    ItemAgent.objects.create(item=item, agent=make_agent(display_name="နော် ဆာ"), role="dancer", part="lead dancer")
    ItemAgent.objects.create(item=item, agent=make_agent(display_name="Saw Htoo"), role="musician",
                             part="ပတ်တလား (bamboo xylophone)")
    return item


def test_the_traditions_are_seeded_in_five_languages():
    karen = Tradition.objects.get(slug="karen")
    assert (karen.display_title("th"), karen.display_title("my"), karen.display_title("lo")) == (
        "กะเหรี่ยง", "ကရင်", "ກະຫຼ່ຽງ")
    assert set(Tradition.objects.values_list("slug", flat=True)) >= {
        "burmese", "karen", "shan", "mon", "lao", "khmer", "thai"}


def test_an_artwork_page_shows_its_label_in_the_pages_language(client, painting):
    page = client.get("/th/items/ART-0001/").content.decode()
    label = page.split('class="work-label"', 1)[1].split("</div>", 1)[0]
    assert "เรือที่มหาชัย" in label and "ကိုဇော်" in label and "60 × 90 cm" in label
    assert "สีน้ำมัน บนผ้าใบ" in label or "สีน้ำมันบนผ้าใบ" in label
    assert "2562" in label  # the year in the Buddhist Era on a Thai page
    burmese = client.get("/my/items/ART-0001/").content.decode()
    assert "ဆီဆေး" in burmese and "ပတ္တူ" in burmese


def test_an_artwork_is_a_visual_artwork_in_json_ld(client, painting):
    data = json_ld(client.get("/items/ART-0001/").content.decode())
    assert data["@type"] == "VisualArtwork"
    assert data["creator"] == [{"@type": "Person", "name": "ကိုဇော်"}]
    assert (data["artMedium"], data["artworkSurface"], data["size"]) == ("oil", "canvas", "60 × 90 cm")
    thai = json_ld(client.get("/th/items/ART-0001/").content.decode())
    assert thai["artMedium"] == "สีน้ำมัน"


def test_a_performance_page_shows_its_programme(client, performance):
    page = client.get("/th/items/PERF-0001/").content.decode()
    label = page.split('class="work-label"', 1)[1].split("</div>", 1)[0]
    assert "กะเหรี่ยง" in label and "สงกรานต์ที่ศูนย์การเรียน" in label
    programme = label.split("work-programme", 2)[2]
    assert programme.index("Hsa Moo Troupe") < programme.index("နော် ဆာ") < programme.index("Saw Htoo")
    assert "lead dancer" in programme and "ပတ်တလား (bamboo xylophone)" in programme


def test_a_performance_is_an_event_with_its_performers_in_json_ld(client, performance):
    data = json_ld(client.get("/items/PERF-0001/").content.decode())
    assert data["@type"] == "Event"
    assert data["startDate"] == "2023-04-13"
    assert data["performer"] == [{"@type": "PerformingGroup", "name": "Hsa Moo Troupe"},
                                 {"@type": "Person", "name": "နော် ဆာ"}, {"@type": "Person", "name": "Saw Htoo"}]
    assert data["genre"] == "Karen"
    assert data["location"] == [{"@type": "Place", "name": "Mae Sot"}]


def test_a_song_is_a_music_recording_by_its_singers(client):
    song = make_item(kind=Item.Kind.MUSIC, accession_number="MUS-0001", title="ເພງລາວ", original_language="lo",
                     tradition=Tradition.objects.get(slug="lao"), occasion="Boun Pi Mai")
    ItemAgent.objects.create(item=song, agent=make_agent(display_name="ນາງ ແສງ"), role="singer")
    data = json_ld(client.get("/items/MUS-0001/").content.decode())
    assert data["@type"] == "MusicRecording"
    assert data["byArtist"] == [{"@type": "Person", "name": "ນາງ ແສງ"}]
    assert data["recordedAt"] == {"@type": "Event", "name": "Boun Pi Mai"}
    page = client.get("/items/MUS-0001/").content.decode()
    assert "[Music]" in page.split('class="cite"', 1)[1]  # the citation names the kind


def test_citations_name_the_artist_and_the_kind(client, painting):
    cite = client.get("/items/ART-0001/").content.decode().split('class="cite"', 1)[1]
    assert "ကိုဇော်" in cite and "[Artwork]" in cite


def test_browse_offers_the_new_kinds_and_filters_by_them(client, painting, performance):
    make_item(title="A photograph")
    page = client.get("/browse/").content.decode()
    assert "?kind=artwork" in page and "?kind=performance" in page
    filtered = client.get("/th/browse/?kind=artwork").content.decode()
    assert "เรือที่มหาชัย" in filtered and "A photograph" not in filtered and "รำตง" not in filtered


def test_other_kinds_have_no_label(client):
    make_item(accession_number="PH-1", title="Harbour")
    assert 'class="work-label"' not in client.get("/items/PH-1/").content.decode()


def test_a_minor_performer_is_listed_by_first_name_in_the_programme(client, performance):
    child = make_agent(display_name="Naw Paw Htoo", is_minor=True, minor_public_name="Naw Paw")
    ItemAgent.objects.create(item=performance, agent=child, role="dancer", part="child dancer")
    assert client.get("/items/PERF-0001/").status_code == 404  # no guardian's consent yet
    make_consent(performance, agent=child, by_guardian=True)
    page = client.get("/items/PERF-0001/").content.decode()
    assert "Naw Paw" in page and "Htoo" not in page.replace("Saw Htoo", "").replace("Hsa Moo", "")


def test_search_finds_the_new_kinds_and_offers_them_as_facets(client, painting, performance):
    from search.upkeep import search_index_sync

    make_item(title="Boats in a photograph")
    search_index_sync()
    page = client.get("/th/search/", {"q": "boats"}).content.decode()
    assert "kind=artwork" in page and "งานศิลปะ" in page
    filtered = client.get("/search/", {"q": "boats", "kind": "artwork"}).content.decode()
    assert "/items/ART-0001/" in filtered and "Boats in a photograph" not in filtered
    assert "/items/PERF-0001/" in client.get("/search/", {"q": "ဆာ", "kind": "performance"}).content.decode()


def test_search_reads_medium_tradition_and_occasion_in_every_language(client, painting, performance):
    from search.upkeep import search_index_sync

    search_index_sync()
    assert "/items/ART-0001/" in client.get("/search/", {"q": "สีน้ำมัน"}).content.decode()
    assert "/items/PERF-0001/" in client.get("/search/", {"q": "กะเหรี่ยง"}).content.decode()
    assert "/items/PERF-0001/" in client.get("/search/", {"q": "Songkran"}).content.decode()


def test_the_api_describes_a_work_in_the_language_asked_for(client, painting, performance):
    art = client.get("/api/items/ART-0001/", HTTP_ACCEPT_LANGUAGE="th").json()
    assert art["kind"] == "artwork"
    assert art["work"]["medium"] == "สีน้ำมัน" and art["work"]["mediums"]["my"] == "ဆီဆေး"
    assert art["work"]["dimensions"] == "60 × 90 cm" and art["work"]["tradition"] is None
    dance = client.get("/api/items/PERF-0001/").json()
    assert dance["work"]["tradition"]["slug"] == "karen" and dance["work"]["tradition"]["titles"]["my"] == "ကရင်"
    assert {"name": "Saw Htoo", "role": "musician", "part": "ပတ်တလား (bamboo xylophone)"} in dance["credits"]
    assert [i["accession_number"] for i in client.get("/api/items/?kind=performance").json()["results"]] == [
        "PERF-0001"]
