"""The JSON API at /api/: public records only, no staff-only field, text in the language asked for, bad input
answered 400 or 404, throttling, and a fixed number of queries whatever the size of the collection."""

import json
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import resolve
from django.utils import timezone

from archive.models import Asset, Item, Place
from exhibits.models import Block, BlockItem, Exhibit
from media_pipeline.views import media_file
from search.upkeep import search_index_sync
from tests.exhibits.museum import add_image
from tests.factories import add_agent, make_collection, make_consent, make_item, make_place, make_subject

pytestmark = pytest.mark.django_db

BOAT = "เรือประมงออกทะเลตอนกลางคืน"  # fishing boats go to sea at night
BOAT_MY = "ညဘက် ငါးဖမ်းလှေများ ပင်လယ်ထွက်သည်"
SECRETS = ["Aung Secret-Name", "phone 081-555-0199", "consent given at the shelter", "IMG_ชื่อจริง.jpg",
           "passed on by a named broker", "Restricted boat", "ลับเฉพาะ", "Hidden village", "hidden-subject",
           "hidden-collection", "13.547123", "100.274567", "13.61234"]


@pytest.fixture(autouse=True)
def generous_throttle(settings):
    """Each test starts with no request counted and a rate it will not reach (the throttle test sets its own)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": "10000/minute"}}
    cache.clear()
    yield
    cache.clear()


def build_archive(media_root=None):
    """A public photograph in Thai, English and Burmese with files, people, places and a subject; beside it
    records no visitor may see, and records with private details that must stay out of every answer."""
    ports = make_collection(slug="ports", title="Ports", title_th="ท่าเรือ", description="Harbour towns")
    work = make_subject(slug="work", title="Work", title_th="งาน")
    fishing = make_subject(slug="fishing", title="Fishing", title_th="การประมง", parent=work)
    province = make_place("Thailand > Samut Sakhon")
    province.kind, province.name_th = Place.Kind.PROVINCE, "สมุทรสาคร"
    province.latitude, province.longitude = "13.547123", "100.274567"
    province.save()
    pier = make_place("Thailand > Samut Sakhon > Mahachai pier")
    pier.latitude, pier.longitude = "13.61234", "100.28"
    pier.save()
    photo = make_item(accession_number="MLH-0001", title="Boats at night", title_th=BOAT, title_my=BOAT_MY,
                      description="Boats leave the pier.", original_language="th", date="1995~",
                      collection=ports, provenance="passed on by a named broker")
    photo.places.add(province, pier)
    photo.subjects.add(fishing)
    photo.tags.add("boats")
    add_agent(photo, make_agent_with_secrets(), role="photographer")
    make_consent(photo, notes="consent given at the shelter")
    image = add_image(photo, media_root=media_root)
    image.original_name = "IMG_ชื่อจริง.jpg"
    image.save()
    withheld = add_image(photo, name="withheld", media_root=media_root)
    withheld.withheld = True
    withheld.save()

    hidden_place = make_place("Thailand > Hidden village")
    hidden_subject = make_subject(slug="hidden-subject", title="Hidden subject")
    hidden_collection = make_collection(slug="hidden-collection", title="Hidden collection")
    staff_only = make_item(accession_number="MLH-0002", title="Restricted boat", title_th="ลับเฉพาะ", access="staff",
                           collection=ports)
    staff_only.places.add(hidden_place, province)
    staff_only.subjects.add(hidden_subject, fishing)
    draft = make_item(accession_number="MLH-0003", title="Restricted boat draft", status=Item.Status.DRAFT,
                      collection=hidden_collection)
    withdrawn = make_item(accession_number="MLH-0004", kind=Item.Kind.ORAL_HISTORY, title="Restricted boat voice")
    make_consent(withdrawn, withdrawn_on=date(2024, 1, 1))
    unconsented = make_item(accession_number="MLH-0005", kind=Item.Kind.ORAL_HISTORY, title="Restricted boat story")
    embargoed = make_item(accession_number="MLH-0006", title="Restricted boat embargo", access="embargoed",
                          embargo_until=date(2099, 1, 1))
    hidden = [staff_only, draft, withdrawn, unconsented, embargoed]

    exhibit = Exhibit.objects.create(slug="เรือ", title="Boats", title_th="เรือ", summary="Night fishing",
                                     status=Exhibit.Status.PUBLISHED, published_at=timezone.now(), cover=image)
    block = Block.objects.create(exhibit=exhibit, kind=Block.Kind.GALLERY, position=0)
    for position, item in enumerate([staff_only, photo, withdrawn]):
        BlockItem.objects.create(block=block, item=item, position=position)
    draft_exhibit = Exhibit.objects.create(slug="draft-exhibit", title="Restricted boat exhibit")
    search_index_sync()
    return {"photo": photo, "hidden": hidden, "exhibit": exhibit, "draft_exhibit": draft_exhibit,
            "province": province, "pier": pier, "hidden_place": hidden_place, "ports": ports}


def make_agent_with_secrets():
    from archive.models import Agent

    return Agent.objects.create(display_name="Ko Min", is_pseudonym=True, private_name="Aung Secret-Name",
                                private_notes="phone 081-555-0199")


@pytest.fixture
def archive():
    return build_archive()


@pytest.fixture
def archive_with_files(isolated_files):
    return build_archive(isolated_files / "media")


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response["Content-Type"].startswith("application/json"), (url, response.status_code)
    return response, json.loads(response.content.decode("utf-8"))


def every_url(client):
    """Every list and every record the API links to, and a search for every word of the records."""
    urls = ["/api/", "/api/items/", "/api/exhibits/", "/api/collections/", "/api/subjects/", "/api/places/"]
    for path in urls[1:]:
        _response, body = get(client, path)
        urls += [record["api_url"] for record in body["results"]]
    urls += ["/api/search/?q=boat", "/api/search/?q=Restricted", "/api/search/?q=ประมง", "/api/search/?kind=photograph"]
    return urls


def test_lists_hold_public_records_only(client, archive):
    _response, items = get(client, "/api/items/")
    assert items["count"] == 1
    assert [item["accession_number"] for item in items["results"]] == ["MLH-0001"]
    _response, exhibits = get(client, "/api/exhibits/")
    assert [exhibit["slug"] for exhibit in exhibits["results"]] == ["เรือ"]
    _response, collections = get(client, "/api/collections/")
    assert [(c["slug"], c["item_count"]) for c in collections["results"]] == [("ports", 1)]
    _response, subjects = get(client, "/api/subjects/")
    assert [(s["slug"], s["item_count"], s["broader"]) for s in subjects["results"]] == [
        ("fishing", 1, "work"), ("work", 0, None)]
    _response, places = get(client, "/api/places/")
    assert sorted((p["name"], p["item_count"]) for p in places["results"]) == [
        ("Mahachai pier", 1), ("Samut Sakhon", 1), ("Thailand", 0)]


def test_hidden_records_answer_404(client, archive):
    for item in archive["hidden"]:
        response, body = get(client, f"/api/items/{item.accession_number}/")
        assert response.status_code == 404, item.accession_number
        assert body == {"detail": "Not found."}
    assert get(client, "/api/exhibits/draft-exhibit/")[0].status_code == 404
    assert get(client, "/api/collections/hidden-collection/")[0].status_code == 404
    assert get(client, "/api/subjects/hidden-subject/")[0].status_code == 404
    assert get(client, f"/api/places/{archive['hidden_place'].pk}/")[0].status_code == 404


def test_no_answer_carries_a_hidden_record_or_a_staff_only_detail(client, archive):
    urls = every_url(client)
    assert len(urls) >= 15
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        for secret in SECRETS:
            assert secret not in text, (url, secret)
        for item in archive["hidden"]:
            assert item.accession_number not in text, url


def test_an_item_that_leaves_the_public_set_leaves_every_list_and_count(client, archive):
    photo = archive["photo"]
    photo.access = "staff"
    photo.save()
    assert get(client, "/api/items/")[1]["count"] == 0
    assert get(client, "/api/items/MLH-0001/")[0].status_code == 404
    assert get(client, "/api/collections/")[1]["count"] == 0
    assert get(client, "/api/subjects/")[1]["count"] == 0
    assert get(client, "/api/places/")[1]["count"] == 0
    assert get(client, "/api/exhibits/เรือ/")[1]["items"] == []
    assert get(client, "/api/exhibits/เรือ/")[1]["cover"] is None


def test_an_exhibit_shows_only_items_cleared_for_exhibits(client, archive):
    web_only = make_item(accession_number="MLH-0007", title="Web only")
    make_consent(web_only, exhibits=False)
    cover = add_image(web_only)
    exhibit = archive["exhibit"]
    exhibit.cover = cover
    exhibit.save()
    BlockItem.objects.create(block=exhibit.blocks.get(), item=web_only, position=9)
    assert "MLH-0007" in [item["accession_number"] for item in get(client, "/api/items/")[1]["results"]]
    _response, body = get(client, f"/api/exhibits/{exhibit.slug}/")
    assert [item["accession_number"] for item in body["items"]] == ["MLH-0001"]
    assert body["cover"] is None


def test_item_record(client, archive):
    response, item = get(client, "/api/items/MLH-0001/")
    assert response.status_code == 200
    assert item["title"] == "Boats at night"
    assert item["titles"] == {"en": "Boats at night", "th": BOAT, "my": BOAT_MY}
    assert item["url"] == "http://testserver/items/MLH-0001/"
    assert item["api_url"] == "http://testserver/api/items/MLH-0001/"
    assert item["date"] == "1995~" and item["date_earliest"] == "1995-01-01"
    assert item["collection"]["slug"] == "ports"
    assert [s["slug"] for s in item["subjects"]] == ["fishing"]
    assert item["credits"] == [{"name": "Ko Min", "role": "photographer", "part": ""}]
    assert item["tags"] == ["boats"]
    assert item["rights"] == Item.Rights.NOT_EVALUATED
    staff_only = {"provenance", "private_name", "private_notes", "consents", "original_name", "access", "status",
                  "embargo_until", "sha256"}
    assert not staff_only & set(item)
    for text in ("provenance", "private", "consent", "original_name", "sha256"):
        assert text not in json.dumps(item), text


def test_media_links_are_the_access_checked_media_view(client, archive_with_files):
    archive = archive_with_files
    _response, item = get(client, "/api/items/MLH-0001/")
    assert len(item["media"]) == 1  # the withheld file is not there
    files = item["media"][0]["files"]
    assert {f["role"] for f in files} == {"image"} and len(files) == 6
    for media in files:
        assert "withheld" not in media["url"]
        assert resolve(urlsplit(media["url"]).path).func is media_file
    served = client.get(urlsplit(files[0]["url"]).path)
    assert served.status_code == 200 and served["Content-Type"] == files[0]["mime_type"]
    assert item["thumbnail"]["url"].endswith("-640.jpg")
    archive["photo"].status = Item.Status.WITHDRAWN
    archive["photo"].save()
    assert client.get(urlsplit(files[0]["url"]).path).status_code == 404


def test_coordinates_are_rounded_and_none_below_district(client, archive):
    _response, province = get(client, f"/api/places/{archive['province'].pk}/")
    assert province["coordinates"] == {"latitude": 13.5, "longitude": 100.3}
    assert province["kind"] == "province" and province["names"] == {"en": "Samut Sakhon", "th": "สมุทรสาคร"}
    _response, pier = get(client, f"/api/places/{archive['pier'].pk}/")
    assert pier["kind"] == "locality" and pier["coordinates"] is None
    assert pier["parent"] == archive["province"].pk


@pytest.mark.parametrize(("query", "headers", "title"), [
    ("?lang=th", {}, BOAT),
    ("?lang=my", {}, BOAT_MY),
    ("", {"HTTP_ACCEPT_LANGUAGE": "my,en;q=0.5"}, BOAT_MY),
    ("?lang=en", {"HTTP_ACCEPT_LANGUAGE": "th"}, "Boats at night"),
    ("?lang=km", {}, BOAT),  # no Khmer title: the record's original language, Thai
    ("", {"HTTP_ACCEPT_LANGUAGE": "de-DE,de"}, "Boats at night"),  # no such catalogue language: English
])
def test_text_comes_in_the_language_asked_for(client, archive, query, headers, title):
    response, item = get(client, f"/api/items/MLH-0001/{query}", **headers)
    assert item["title"] == title
    assert item["titles"] == {"en": "Boats at night", "th": BOAT, "my": BOAT_MY}
    assert "Accept-Language" in response["Vary"]
    _response, page = get(client, f"/api/items/{query}", **headers)
    assert page["results"][0]["title"] == title


def test_language_of_linked_records_and_labels(client, archive):
    _response, item = get(client, "/api/items/MLH-0001/?lang=th")
    assert item["collection"]["title"] == "ท่าเรือ"
    assert item["subjects"][0]["title"] == "การประมง"
    assert item["url"] == "http://testserver/th/items/MLH-0001/"
    _response, exhibit = get(client, "/api/exhibits/เรือ/?lang=th")
    assert exhibit["title"] == "เรือ" and exhibit["summary"] == "Night fishing"
    assert [i["accession_number"] for i in exhibit["items"]] == ["MLH-0001"]
    assert exhibit["items"][0]["title"] == BOAT


def test_thai_and_burmese_are_plain_utf8(client, archive):
    response = client.get("/api/items/MLH-0001/")
    assert BOAT.encode("utf-8") in response.content and BOAT_MY.encode("utf-8") in response.content
    assert b"\\u0e" not in response.content and b"\\u10" not in response.content
    response = client.get("/api/exhibits/")
    assert "/api/exhibits/%E0%B9%80%E0%B8%A3%E0%B8%B7%E0%B8%AD/" in response.content.decode()
    assert get(client, "/api/exhibits/%E0%B9%80%E0%B8%A3%E0%B8%B7%E0%B8%AD/")[1]["title"] == "Boats"


def test_search_answers_plain_text_hits_of_public_records(client, archive):
    response, results = get(client, "/api/search/?q=ประมง&lang=th")
    assert response.status_code == 200
    assert {(hit["type"], hit["api_url"]) for hit in results["results"]} == {
        ("item", "http://testserver/api/items/MLH-0001/")}
    hit = results["results"][0]
    assert hit["title"] == BOAT and hit["url"] == "http://testserver/th/items/MLH-0001/"
    assert "ประมง" in hit["snippet"] and "<" not in hit["snippet"]
    _response, boats = get(client, "/api/search/?q=boats")
    assert {hit["type"] for hit in boats["results"]} == {"item", "exhibit"}
    assert "Restricted" not in json.dumps(boats)
    assert [f["name"] for f in boats["facets"]][:1] == ["kind"]


def test_search_pages(client, archive):
    for n in range(3):
        make_item(title=f"Longtail boat {n}")
    search_index_sync()
    _response, first = get(client, "/api/search/?q=boat&page_size=2")
    assert first["count"] == 5 and first["num_pages"] == 3 and first["previous"] is None
    _response, second = get(client, first["next"])
    assert second["page"] == 2 and second["previous"] == "http://testserver/api/search/?page_size=2&q=boat"
    _response, past = get(client, "/api/search/?q=boat&page_size=2&page=999")
    assert past["page"] == 3 and len(past["results"]) == 1
    _response, nothing = get(client, "/api/search/")
    assert nothing == {"query": "", "count": 0, "page": 1, "num_pages": 0, "next": None, "previous": None,
                       "results": [], "facets": []}


HOSTILE = [
    "/api/items/?page=99999999999999999999999",
    "/api/items/?page=0",
    "/api/items/?page=",
    "/api/items/?page=last",
    "/api/items/?page=2",
    "/api/items/?page_size=-5",
    "/api/items/?page=-1",
    "/api/items/?page=%00",
    "/api/items/?page=one&page_size=%00",
    "/api/items/?lang=xx",
    "/api/items/?lang=%00",
    "/api/items/?lang=th%00",
    "/api/items/MLH-0001/?lang=klingon",
    "/api/items/%00/",
    "/api/items/MLH%000001/",
    "/api/items/MLH-0001%00/",
    "/api/items/../../etc/passwd/",
    "/api/items/?kind=painting",
    "/api/items/?kind=%00",
    "/api/items/?place=abc",
    "/api/items/?place=99999999999999999999999999",
    "/api/items/?collection=%00",
    "/api/items/?subject=" + "ประมง" * 300,
    "/api/exhibits/%00/",
    "/api/exhibits/?page=2",
    "/api/collections/%E0%B8/",
    "/api/subjects/\u0000/",
    "/api/places/99999999999999999999999999/",
    "/api/places/abc/",
    "/api/places/?page=2",
    "/api/search/?q=%00",
    "/api/search/?q=" + "เรือ" * 300,
    "/api/search/?q=boat&page=0",
    "/api/search/?q=boat&page=99999999999999999999",
    "/api/search/?q=boat&page=%00",
    "/api/search/?q=boat&page_size=100000",
    "/api/search/?q=boat&kind=%00",
    "/api/search/?q=boat&kind=<script>",
    "/api/search/?lang=zz&q=boat",
    "/api/nowhere/",
    "/api/items/MLH-0001/extra/",
]


def test_hostile_input_is_refused_not_a_crash(client, archive):
    for url in HOSTILE:
        response, body = get(client, url)
        assert response.status_code in (400, 404), (url, response.status_code, body)
        assert isinstance(body["detail"], str) and body["detail"], url
    for header in ["\x00", "th;q=abc", "*" * 5000, "x" * 100 + ",my", "th-TH-u-nu-thai;q=0.9,ไทย"]:
        response = client.get("/api/items/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200, header


def test_bad_parameters_are_named(client, archive):
    response, body = get(client, "/api/items/?lang=xx&kind=painting")
    assert response.status_code == 400
    assert set(body["errors"]) >= {"lang"} or set(body["errors"]) >= {"kind"}
    _response, body = get(client, "/api/search/?q=boat&page=0")
    assert "page" in body["errors"]


def test_errors_speak_the_language_asked_for(client, archive):
    response, body = get(client, "/api/items/?lang=th&kind=painting")
    assert response.status_code == 400 and response["Content-Language"] == "th"
    assert body["detail"] == "คำขอมีพารามิเตอร์ที่หอจดหมายเหตุอ่านไม่ได้"
    _response, body = get(client, "/api/items/?lang=xx", HTTP_ACCEPT_LANGUAGE="lo")
    assert body["errors"]["lang"] == ["ເລືອກພາສາໃດໜຶ່ງໃນ en, th, my, km, lo."]


def test_page_size_is_bounded(client, archive):
    for n in range(3):
        make_item(title=f"Longtail boat {n}")
    _response, page = get(client, "/api/items/?page_size=2")
    assert len(page["results"]) == 2 and page["count"] == 4 and page["next"].endswith("page=2&page_size=2")
    _response, page = get(client, "/api/items/?page_size=100")
    assert len(page["results"]) == 4
    for size in ("0", "101", "1000000", "", "ten"):
        response, body = get(client, f"/api/items/?page_size={size}")
        assert response.status_code == 400 and "page_size" in body["errors"], size


def test_only_reading_is_allowed(client, archive):
    for method in (client.post, client.put, client.delete, client.patch):
        response = method("/api/items/MLH-0001/", data="{}", content_type="application/json")
        assert response.status_code in (405, 415), method


def test_anonymous_clients_are_throttled(client, settings, archive):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anonymous": "3/minute"}}
    cache.clear()
    for url in ["/api/items/", "/api/exhibits/", "/api/search/?q=boat"]:
        assert client.get(url).status_code == 200
    response, body = get(client, "/api/items/MLH-0001/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0 and "throttled" in body["detail"]
    other = client.get("/api/items/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def build_bulk(n):
    """n public items with places, subjects, people, tags, languages and pictures; one exhibit showing them all."""
    collection = make_collection(slug="bulk", title="Bulk")
    place = make_place("Thailand > Tak")
    subject = make_subject(slug="border", title="Border", title_th="ชายแดน")
    items = []
    for i in range(n):
        item = make_item(accession_number=f"BULK-{i:04d}", title=f"Item {i}", title_th=f"รายการ {i}",
                         collection=collection, date=str(1950 + i))
        item.places.add(place, make_place(f"Thailand > Tak > Place {i}"))
        item.subjects.add(subject, make_subject(title=f"Subject {i}"))
        item.tags.add(f"tag {i}")
        add_agent(item)
        add_image(item)
        items.append(item)
    exhibit = Exhibit.objects.create(slug="bulk", title="Bulk", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now(), cover=Asset.objects.first())
    block = Block.objects.create(exhibit=exhibit, kind=Block.Kind.GALLERY)
    BlockItem.objects.bulk_create(BlockItem(block=block, item=item, position=i) for i, item in enumerate(items))
    for i in range(n):
        Exhibit.objects.create(slug=f"e-{i}", title=f"E {i}", status=Exhibit.Status.PUBLISHED,
                               published_at=timezone.now())


# The most queries each endpoint may run, whatever the number of records.
QUERY_BUDGET = {
    "/api/items/": 4,
    "/api/items/BULK-0001/": 8,
    "/api/exhibits/": 4,
    "/api/exhibits/bulk/": 4,
    "/api/collections/": 2,
    "/api/collections/bulk/": 1,
    "/api/subjects/?page_size=100": 2,
    "/api/subjects/border/": 1,
    "/api/places/?page_size=100": 2,
    "/api/items/?collection=bulk&page_size=100&lang=th": 4,
}


@pytest.mark.parametrize("n", [5, 50])
def test_query_counts_do_not_grow_with_the_collection(client, django_assert_max_num_queries, n):
    build_bulk(n)
    for url in QUERY_BUDGET:  # warm what is loaded once per process (content types, translations)
        assert client.get(url).status_code == 200, url
    for url, budget in QUERY_BUDGET.items():
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200, url
