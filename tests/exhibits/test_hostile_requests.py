"""Every public address answers a hostile visitor with a page, a 400 or a 404: never a server error.

Each parameter a visitor controls (path parts, query parameters, the Range and If-Modified-Since headers, the
language switch) is tried with values that broke parsers before: superscript and Thai digits (str.isdigit() says
yes, int() says no), numbers too long for int(), negative numbers, NUL bytes, very long text, invalid UTF-8 in
percent-encodings, and the same parameter given twice.
"""

from decimal import Decimal

import pytest
from django.test import Client

from media_pipeline.models import Derivative
from oral_histories.models import Transcript
from oral_histories.services import transcript_import
from tests.exhibits.museum import write_picture
from tests.factories import make_kit

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ("", "/th", "/my", "/km", "/lo")
# Already percent-encoded where needed, so each goes into a path or a query string as it is.
HOSTILE = {
    "superscript": "%C2%B2",
    "thai digits": "%E0%B9%91%E0%B9%92",
    "5000 digits": "9" * 5000,
    "negative": "-1",
    "huge negative": "-" + "9" * 40,
    "NUL": "%00",
    "NUL inside": "ab%00cd",
    "long text": "%E0%B8%81" * 3000,
    "invalid UTF-8": "%FF%FE%C3%28",
    "path climbing": "..%2F..%2Fetc%2Fpasswd",
    "markup": "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
}
BROWSE = ("kind", "subject", "tag", "place", "person", "collection", "decade", "page")
LESSONS = ("age", "subject", "language")
SEARCH = ("q", "kind", "language", "place", "subject", "decade", "collection", "page")


@pytest.fixture
def site(museum, settings):
    """The museum with a real media file and a transcript, so the media and caption views get past their lookups."""
    derivative = Derivative.objects.filter(asset__item=museum["photo"], mime_type="image/jpeg").first()
    write_picture(settings.MEDIA_ROOT, derivative.path, 40, 30)
    transcript_import(item=museum["voice"], language="tha", text="[00:00:05] ผมมาจากทวาย\n")
    kit = make_kit(museum["photo"], (museum["voice"], Decimal("1"), Decimal("5")), museum["exhibit"],
                   (museum["film"], Decimal("1"), Decimal("2")), title_my="ငါးဖမ်းလှေ")
    return {**museum, "derivative": derivative, "transcript": Transcript.objects.get(), "kit": kit}


def addresses(site, value, prefixes):
    """Every public address, with `value` in each place a visitor controls, under each of these language prefixes."""
    item, exhibit = site["photo"].accession_number, site["exhibit"].slug
    film, voice, kit = site["film"].accession_number, site["voice"].accession_number, site["kit"].slug
    urls = []
    for prefix in prefixes:
        urls += [f"{prefix}/?page={value}", f"{prefix}/{value}/", f"{prefix}/exhibits/?page={value}",
                 f"{prefix}/exhibits/{value}/", f"{prefix}/exhibits/{exhibit}/?preview={value}",
                 f"{prefix}/items/{value}/", f"{prefix}/items/{item}/?t={value}&rec={value}",
                 f"{prefix}/items/{film}/?start={value}&end={value}&rec={value}",
                 f"{prefix}/items/{voice}/?start={value}&end=0:01", f"{prefix}/items/{voice}/?start=0&end={value}",
                 f"{prefix}/items/{film}/?start=1&start={value}&end=2&end={value}&t={value}",
                 f"{prefix}/items/{item}/?start={value}&end={value}",
                 f"{prefix}/lessons/{value}/slides/", f"{prefix}/lessons/shared/{value}/slides/",
                 f"{prefix}/lessons/{kit}/slides/?notes={value}",
                 f"{prefix}/sitemap.xml?p={value}", f"{prefix}/sitemap.xml?section={value}"]
        urls += [f"{prefix}/browse/?{name}={value}" for name in BROWSE]
        urls += [f"{prefix}/lessons/?{name}={value}" for name in LESSONS]
        urls += [f"{prefix}/lessons/{value}/", f"{prefix}/lessons/shared/{value}/",
                 f"{prefix}/lessons/{site['kit'].slug}/?with={value}"]
        urls += [f"{prefix}/search/?q=boat&{name}={value}" for name in SEARCH]
    urls += [f"/browse/?place=1&place={value}&person={value}&person=1&page=2&page={value}",
             f"/search/?q=boat&q={value}&page=1&page={value}&kind=photograph&kind={value}",
             f"/search/?{value}={value}", f"/browse/?{value}={value}",
             f"/lessons/?age=adult&age={value}&language={value}&language=th&subject={value}&with={value}"]
    urls += [f"/media/{value}", f"/media/derivatives/{value}/image/t/x.jpg",
             f"/media/derivatives/{site['derivative'].asset_id}/image/{value}/x.jpg",
             f"/oral-histories/transcripts/{value}.vtt", f"/i18n/setlang/?next={value}"]
    return urls


def failures(responses):
    return [(status, what[:120]) for what, status in responses if status >= 500]


@pytest.mark.parametrize("name", HOSTILE)
def test_no_public_address_fails_on_a_hostile_value(site, name):
    """Every address without a prefix and under one more language, a different one for each value, so that every
    prefix meets every address across the walk while the walk stays quick."""
    value = HOSTILE[name]
    other = LANGUAGE_PREFIXES[1 + list(HOSTILE).index(name) % (len(LANGUAGE_PREFIXES) - 1)]
    client = Client(raise_request_exception=False)
    urls = addresses(site, value, ("", other))
    assert failures((url, client.get(url).status_code) for url in urls) == []


@pytest.mark.parametrize("name", HOSTILE)
def test_the_language_switch_survives_hostile_values(site, name):
    value = HOSTILE[name]
    client = Client(raise_request_exception=False)
    posts = (f"language={value}&next=/", f"language=th&next={value}", f"language={value}&next={value}")
    assert failures((data, client.post("/i18n/setlang/", data, content_type="application/x-www-form-urlencoded")
                     .status_code) for data in posts) == []


@pytest.mark.parametrize("header", [
    "bytes=" + "9" * 5000 + "-", "bytes=0-" + "9" * 5000, "bytes=-" + "9" * 5000, "bytes=²-", "bytes=0-²",
    "bytes=๑-๒", "bytes=-1-2", "bytes=5-1", "bytes=0-0,5-9", "bytes=" + "0" * 5000 + "-1", "bytes= 1-2",
    "bytes=\x00-1", "chars=0-1", "bytes=" + "1" * 19 + "-" + "2" * 19,
])
def test_a_hostile_range_header_never_crashes_the_media_view(client, site, header):
    response = client.get(site["derivative"].url, HTTP_RANGE=header)
    assert response.status_code in (200, 206, 416), header[:60]
    if response.status_code != 416:
        assert b"".join(response.streaming_content)


def test_a_range_too_big_for_the_file_is_416_and_a_huge_end_means_the_end(client, site, settings):
    size = (settings.MEDIA_ROOT / site["derivative"].path).stat().st_size
    response = client.get(site["derivative"].url, HTTP_RANGE="bytes=" + "9" * 5000 + "-")
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{size}"
    response = client.get(site["derivative"].url, HTTP_RANGE="bytes=1-" + "9" * 5000)
    assert response.status_code == 206 and response["Content-Range"] == f"bytes 1-{size - 1}/{size}"
    response = client.get(site["derivative"].url, HTTP_RANGE="bytes=-" + "9" * 5000)
    assert response.status_code == 206 and response["Content-Range"] == f"bytes 0-{size - 1}/{size}"
    # Digits other than ASCII are no byte positions: the whole file.
    assert client.get(site["derivative"].url, HTTP_RANGE="bytes=๑-๒").status_code == 200


@pytest.mark.parametrize("value", ["Thu, 01 Jan 1970 00:00:00 GMT", "9" * 5000, "²", "Mon, 99 Foo 99999 99:99:99 GMT"])
def test_a_hostile_if_modified_since_header_is_ignored(client, site, value):
    assert client.get(site["derivative"].url, HTTP_IF_MODIFIED_SINCE=value).status_code in (200, 304)


def test_superscript_and_huge_numbers_in_browse_and_search_are_sensible_pages(client, site):
    for url in ("/browse/?place=²", "/browse/?person=²", "/browse/?place=" + "9" * 5000, "/browse/?person=-3"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Boat at dawn" not in response.content.decode(), url  # an unknown place matches nothing
    for page in ("²", "9" * 5000, "-1", "0"):
        response = client.get("/search/", {"q": "boat", "page": page})
        assert response.status_code in (200, 400), page
    assert client.get("/search/", {"q": "boat", "page": "9" * 5000}).status_code == 200


def test_a_browse_filter_with_a_nul_byte_matches_nothing(client, site):
    for name in BROWSE[:-1]:
        response = client.get(f"/browse/?{name}=a%00b")
        assert response.status_code == 200, name
        assert "Boat at dawn" not in response.content.decode(), name


def test_every_public_address_answers_a_plain_visitor(client, site):
    """The walk above would be worthless if the addresses themselves were wrong: with ordinary values they work."""
    ok = Client()
    item, exhibit = site["photo"].accession_number, site["exhibit"].slug
    for prefix in LANGUAGE_PREFIXES:
        for url in (f"{prefix}/", f"{prefix}/exhibits/", f"{prefix}/exhibits/{exhibit}/", f"{prefix}/items/{item}/",
                    f"{prefix}/browse/?place={site['place'].pk}", f"{prefix}/search/?q=boat", f"{prefix}/sitemap.xml",
                    f"{prefix}/lessons/", f"{prefix}/lessons/{site['kit'].slug}/?with=my",
                    f"{prefix}/items/{site['film'].accession_number}/?start=0:01&end=0:02",
                    f"{prefix}/lessons/{site['kit'].slug}/slides/"):
            assert ok.get(url).status_code == 200, url
    assert ok.get(site["derivative"].url).status_code == 200
    assert ok.get(f"/oral-histories/transcripts/{site['transcript'].pk}.vtt").status_code == 200
    assert ok.post("/i18n/setlang/", {"language": "th", "next": "/"}).status_code == 302
