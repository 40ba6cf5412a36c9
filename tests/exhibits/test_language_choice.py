"""Un-prefixed addresses follow the visitor's remembered language, then Accept-Language; prefixed pages, stable
links and machine interfaces stay where they are."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_a_phone_set_to_thai_gets_thai_at_the_root(client, museum):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="th-TH,th;q=0.9,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/th/"
    assert {"accept-language", "cookie"} <= vary(response)


def test_a_shared_item_link_keeps_its_page_and_query_in_burmese(client, museum):
    accession = museum["photo"].accession_number
    response = client.get(f"/items/{accession}/?t=12", HTTP_ACCEPT_LANGUAGE="my,en;q=0.5")
    assert response["Location"] == f"/my/items/{accession}/?t=12"
    response = client.get("/browse/?kind=photograph&subject=fishing", HTTP_ACCEPT_LANGUAGE="lo")
    assert response["Location"] == "/lo/browse/?kind=photograph&subject=fishing"


def test_english_readers_stay_at_the_root_and_caches_know_why(client, museum):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, {"HTTP_ACCEPT_LANGUAGE": "fr,de;q=0.8"}):
        response = client.get("/", **headers)
        assert response.status_code == 200, headers
        assert {"accept-language", "cookie"} <= vary(response)


def test_the_remembered_choice_comes_before_the_phones_language(client, museum):
    client.cookies[COOKIE] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="th").status_code == 200
    client.cookies[COOKIE] = "km"
    assert client.get("/exhibits/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/km/exhibits/"


def test_a_prefixed_address_is_never_moved(client, museum):
    client.cookies[COOKIE] = "my"
    response = client.get(f"/th/items/{museum['photo'].accession_number}/", HTTP_ACCEPT_LANGUAGE="lo")
    assert response.status_code == 200
    assert 'lang="th"' in response.content.decode()


def test_machine_interfaces_never_redirect_by_language(client, museum):
    accession = museum["photo"].accession_number
    asset = museum["photo"].assets.first()
    derivative = asset.derivatives.first()
    client.cookies[COOKIE] = "th"
    for path in ("/oai/?verb=Identify", "/api/", f"/iiif/{accession}/manifest.json", f"/media/{derivative.path}",
                 "/admin/", "/sitemap.xml", "/feeds/items.atom", "/static/css/site.css", "/i18n/setlang/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="th")
        assert not response.get("Location", "").startswith("/th/"), path


def test_choosing_a_language_remembers_it_and_shows_the_same_page(client, museum):
    accession = museum["photo"].accession_number
    response = client.get(f"/language/th/?next=/items/{accession}/%3Ft%3D5", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == f"/th/items/{accession}/?t=5"
    assert response.cookies[COOKIE].value == "th"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # Back to English from a Thai page, on a phone set to Thai: the choice wins from then on.
    response = client.get(f"/language/en/?next=/th/items/{accession}/", HTTP_ACCEPT_LANGUAGE="th")
    assert response["Location"] == f"/items/{accession}/"
    assert client.get(f"/items/{accession}/", HTTP_ACCEPT_LANGUAGE="th").status_code == 200


@pytest.mark.parametrize("query", ["next=https://evil.example/", "next=//evil.example/x", "next=%00", "",
                                   "next=/no-such-page/"])
def test_choosing_a_language_never_leaves_the_site(client, museum, query):
    response = client.get(f"/language/lo/?{query}")
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def test_an_unknown_language_code_chooses_english(client, museum):
    response = client.get("/language/xx/?next=/th/browse/")
    assert response["Location"] == "/browse/" and response.cookies[COOKIE].value == "en"


def test_language_links_remember_the_choice(client, museum):
    html = client.get("/th/browse/").content.decode()
    assert 'href="/language/my/?next=%2Fth%2Fbrowse%2F" lang="my"' in html
    assert '<link rel="alternate" hreflang="my" href="/my/browse/">' in html


def test_stable_links_and_citations_keep_the_readers_prefix(client, museum):
    accession = museum["photo"].accession_number
    html = client.get(f"/th/items/{accession}/").content.decode()
    assert f'<a href="http://testserver/th/items/{accession}/">' in html
    assert html.count(f"http://testserver/th/items/{accession}/") >= 4  # the stable link and three citations
    english = client.get(f"/items/{accession}/").content.decode()
    assert f"http://testserver/items/{accession}/" in english and "/th/items/" not in english.split("<body")[1]
