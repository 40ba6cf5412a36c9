"""Files on S3-compatible object storage (a real SeaweedFS, tests/seaweedfs.py), in every pass: originals go to the
private bucket, derivatives are made and uploaded, the media view checks the access policy and then redirects to
a presigned address, hidden items stay hidden, HLS segments are reachable one signed address at a time, and
deleting an asset removes its objects."""

import json
import re
from io import StringIO
from urllib.parse import urljoin

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from archive.storage import is_local, private_storage, walk
from media_pipeline.ingest import asset_ingest
from tests.factories import make_consent, make_item
from tests.test_settings import run_django

from . import media

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("object_storage")]


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    def run(source, name, **item_fields):
        with django_capture_on_commit_callbacks(execute=True):
            return asset_ingest(item=make_item(**item_fields), source=source, original_name=name)

    return run


def fetch(location):
    """What a browser gets from a presigned address: straight from the S3 server, no cookies, no credentials."""
    return requests.get(location, timeout=30)


def test_the_storages_are_the_s3_server():
    assert not is_local(default_storage) and not is_local(private_storage)
    with pytest.raises(ValueError, match="no public URL"):
        private_storage.url("originals/x.jpg")


def test_an_original_goes_to_private_storage_and_its_derivatives_are_redirected_after_the_check(
        client, ingest, sources, settings):
    source = sources("sample-jpeg", lambda p: media.make_jpeg(p))
    asset = ingest(source, "ภาพถ่าย เรือประมง.jpg")
    assert private_storage.exists(asset.original.name)
    with private_storage.open(asset.original.name, "rb") as stored:
        assert stored.read() == source.read_bytes()
    assert not default_storage.exists(asset.original.name), "originals never reach the public storage"
    derivative = asset.derivatives.get(mime_type="image/jpeg", width=400)
    assert default_storage.size(derivative.path) == derivative.size

    response = client.get(derivative.url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(settings.STORAGES["default"]["OPTIONS"]["endpoint_url"])
    assert "X-Amz-Signature=" in location and "X-Amz-Expires=600" in location
    assert response["Cache-Control"] == "private, max-age=300"
    served = fetch(location)
    assert served.status_code == 200 and served.content[:3] == b"\xff\xd8\xff"
    assert len(served.content) == derivative.size
    # Without the signature the bucket answers nothing.
    assert fetch(location.split("?")[0]).status_code == 403


@pytest.mark.parametrize("fields", [{"status": "draft"}, {"access": "staff"},
                                    {"access": "embargoed", "embargo_until": "2099-01-01"}])
def test_a_hidden_items_file_is_not_redirected(client, ingest, sources, staff_user, fields):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)), "ຮູບ.jpg", **fields)
    derivative = asset.derivatives.get(mime_type="image/webp", width=400)
    response = client.get(derivative.url)
    assert response.status_code == 404 and "Location" not in response
    client.force_login(staff_user)
    response = client.get(derivative.url)
    assert response.status_code == 302 and "X-Amz-Signature=" in response["Location"]
    assert response["Cache-Control"] == "private, no-store" and "Cookie" in response["Vary"]


def test_withdrawn_consent_stops_the_redirects_at_once(client, ingest, sources):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)), "ရုပ်ပုံ.jpg")
    derivative = asset.derivatives.get(mime_type="image/jpeg", width=400)
    assert client.get(derivative.url).status_code == 302
    make_consent(asset.item, public_web=True, withdrawn_on="2026-01-01")
    assert client.get(derivative.url).status_code == 404


def test_hls_playlists_come_from_the_view_and_every_segment_is_signed_on_its_own(client, ingest, sources):
    film = sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"]))
    asset = ingest(film, "ภาพยนตร์ ១.mp4", kind="film")
    master = asset.derivatives.get(role="hls-master")
    response = client.get(master.url)
    assert response.status_code == 200 and response["Content-Type"] == "application/vnd.apple.mpegurl"
    playlist = b"".join(response.streaming_content).decode()
    variants = [line for line in playlist.splitlines() if line and not line.startswith("#")]
    assert variants and all("://" not in line for line in variants), "relative addresses, back to this view"
    fetched = 0
    for variant in variants:
        variant_url = urljoin(master.url, variant)
        answer = client.get(variant_url)
        assert answer.status_code == 200
        text = b"".join(answer.streaming_content).decode()
        init = re.search(r'#EXT-X-MAP:URI="([^"]+)"', text).group(1)
        segments = [line for line in text.splitlines() if line and not line.startswith("#")]
        assert segments
        for name in [init, *segments]:
            redirect = client.get(urljoin(variant_url, name))
            assert redirect.status_code == 302, name
            body = fetch(redirect["Location"])
            assert body.status_code == 200 and len(body.content) > 0
            fetched += 1
    assert fetched >= 2
    # A segment of a film that is hidden later is refused like its playlist.
    asset.item.status = "draft"
    asset.item.save()
    assert client.get(urljoin(urljoin(master.url, variants[0]), init)).status_code == 404
    assert client.get(master.url).status_code == 404


def test_the_progressive_mp4_redirect_serves_ranges_from_the_bucket(client, ingest, sources):
    film = sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"]))
    asset = ingest(film, "วิดีโอ.mp4", kind="film")
    mp4 = asset.derivatives.get(role="mp4")
    location = client.get(mp4.url)["Location"]
    part = requests.get(location, headers={"Range": "bytes=0-99"}, timeout=30)
    assert part.status_code == 206 and len(part.content) == 100
    assert part.headers["Content-Range"] == f"bytes 0-99/{mp4.size}"


def test_deleting_an_asset_removes_its_objects(ingest, sources, django_capture_on_commit_callbacks):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)), "ภาพ.jpg")
    original, folder = asset.original.name, f"derivatives/{asset.pk}"
    assert list(walk(default_storage, folder))
    with django_capture_on_commit_callbacks(execute=True):
        asset.delete()
    assert not private_storage.exists(original)
    assert list(walk(default_storage, folder)) == []



def test_media_sweep_lists_and_removes_orphans_in_the_buckets(ingest, sources):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)), "ເຮືອ.jpg")
    live = sorted(walk(default_storage, f"derivatives/{asset.pk}"))
    orphan_folder = f"derivatives/{asset.pk}/image-sizes/7-0123456789abcdef"
    default_storage.save(f"{orphan_folder}/640.jpg", ContentFile(b"\xff\xd8\xff"))
    private_storage.save("consent/2026/0f1e2d3c4b5a69788796a5b4c3d2e1f0.pdf", ContentFile(b"%PDF-1.4 nobody's"))
    private_storage.save("imports/" + "c" * 32 + "/items.csv", ContentFile(b"accession_number\nX-1\n"))

    def sweep(*args):
        out = StringIO()
        call_command("media_sweep", *args, stdout=out)
        return out.getvalue()

    assert "0 orphaned derivative folder(s) found." in sweep("--dry-run"), "younger than a day"
    done = sweep("--hours", "0")
    assert "1 orphaned consent evidence file(s) deleted." in done
    assert "1 orphaned derivative folder(s) deleted." in done
    assert sorted(walk(default_storage, f"derivatives/{asset.pk}")) == live
    assert not private_storage.exists("consent/2026/0f1e2d3c4b5a69788796a5b4c3d2e1f0.pdf")
    assert private_storage.exists(asset.original.name)
    assert "0 stale import upload(s) deleted." in done and private_storage.exists("imports/" + "c" * 32 + "/items.csv")

PRINT_STORAGES = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'storages': s.STORAGES, 'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']}, default=repr))"
)
NO_S3 = {name: None for name in ("ARCHIVE_S3_BUCKET", "ARCHIVE_S3_PRIVATE_BUCKET", "ARCHIVE_S3_ENDPOINT_URL",
                                 "ARCHIVE_S3_ACCESS_KEY", "ARCHIVE_S3_SECRET_KEY", "ARCHIVE_S3_REGION",
                                 "ARCHIVE_S3_PREFIX", "ARCHIVE_S3_URL_SECONDS")}


def test_settings_keep_local_folders_unless_a_bucket_is_named():
    local = json.loads(run_django(PRINT_STORAGES, **NO_S3).stdout)
    assert local["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["storages"]["private"]["BACKEND"] == "archive.storage.PrivateFileSystemStorage"
    assert local["csp"]["img-src"] == ["'self'"]

    result = run_django(PRINT_STORAGES, **{**NO_S3, "ARCHIVE_S3_BUCKET": "พิพิธภัณฑ์-media",
                                           "ARCHIVE_S3_ENDPOINT_URL": "https://s3.example.org:9000",
                                           "ARCHIVE_S3_URL_SECONDS": "120"})
    s3 = json.loads(result.stdout)
    default, private = s3["storages"]["default"], s3["storages"]["private"]
    assert default["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == private["OPTIONS"]["bucket_name"] == "พิพิธภัณฑ์-media"
    assert (default["OPTIONS"]["location"], private["OPTIONS"]["location"]) == ("", "private")
    assert default["OPTIONS"]["querystring_expire"] == 120 and default["OPTIONS"]["default_acl"] is None
    assert s3["storages"]["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    for directive in ("img-src", "media-src", "connect-src"):
        assert s3["csp"][directive] == ["'self'", "https://s3.example.org:9000"]

    separate = json.loads(run_django(PRINT_STORAGES, **{**NO_S3, "ARCHIVE_S3_BUCKET": "media",
                                                         "ARCHIVE_S3_PRIVATE_BUCKET": "originals"}).stdout)
    assert separate["storages"]["private"]["OPTIONS"]["bucket_name"] == "originals"
    assert separate["storages"]["private"]["OPTIONS"]["location"] == ""
    assert separate["csp"]["img-src"] == ["'self'", "https://media.s3.us-east-1.amazonaws.com"]
