"""A film's downloads: the progressive MP4, a smaller one and the sound alone, each with its size, made by the
real pipeline from a generated film and served through the access-checking media view."""

import re

import pytest
from django.test import TestCase

from media_pipeline.ingest import asset_ingest
from tests.factories import make_consent, make_item
from tests.media_pipeline import media

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(tmp_path):
    item = make_item(kind="film", title="ท่าเรือ")
    source = media.make_video(tmp_path / "ท่าเรือ.mp4", size="640x360", duration=1.5)
    with TestCase.captureOnCommitCallbacks(execute=True):
        asset_ingest(item=item, source=source, original_name=source.name)
    return item


def downloads(html):
    line = html.split('<p class="downloads downloads-list">', 1)[1].split("</p>", 1)[0]
    return re.findall(r'<a href="([^"]+)" download>([^<]+?)(?: <span class="size">\(([^)]+)\)</span>)?</a>', line)


def test_a_smaller_film_and_the_sound_alone_beside_the_mp4_with_their_sizes(client, film):
    found = downloads(client.get(f"/th/items/{film.accession_number}/").content.decode())
    assert [label for _url, label, _size in found] == ["360p", "240p", "เสียงอย่างเดียว"]
    assert all(size and re.match(r"^[\d.,]+\s(ไบต์|KB|กิโลไบต์|MB|เมกะไบต์)", size.replace("\xa0", " "))
               for _url, _label, size in found), found
    assert found[0][0].endswith("/video.mp4") and found[1][0].endswith("/video-small.mp4")
    assert found[2][0].endswith("/audio.m4a")
    for url, _label, _size in found:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(found[2][0])["Content-Type"] == "audio/mp4"


def test_a_film_is_never_made_larger_for_a_download(client, tmp_path):
    item = make_item(kind="film", title="เล็ก")
    source = media.make_video(tmp_path / "small.mp4", size="320x180", duration=1.5)
    with TestCase.captureOnCommitCallbacks(execute=True):
        asset_ingest(item=item, source=source, original_name=source.name)
    found = downloads(client.get(f"/items/{item.accession_number}/").content.decode())
    assert [label for _url, label, _size in found] == ["180p", "Sound only"]


def test_the_downloads_of_a_withdrawn_film_are_gone(client, film):
    found = downloads(client.get(f"/items/{film.accession_number}/").content.decode())
    make_consent(film, withdrawn_on="2024-01-01")
    for url, _label, _size in found:
        assert client.get(url).status_code == 404, url
