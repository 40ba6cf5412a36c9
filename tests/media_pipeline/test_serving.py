"""The media view on local storage: the access policy applies to every derivative, originals have no URL, Range
works, and in production nginx sends the bytes. (On object storage the view redirects instead:
test_object_storage.py.)"""

import pytest

from archive.models import Asset
from media_pipeline.ingest import asset_ingest
from tests.factories import make_consent, make_item

from . import media

pytestmark = [pytest.mark.django_db, pytest.mark.local_files]


@pytest.fixture
def photo(django_capture_on_commit_callbacks, sources):
    def make(**item_fields):
        with django_capture_on_commit_callbacks(execute=True):
            asset = asset_ingest(item=make_item(**item_fields), original_name="ภาพ.jpg",
                                 source=sources("sample-jpeg", lambda p: media.make_jpeg(p)))
        return asset.derivatives.get(mime_type="image/jpeg", width=400)

    return make


def test_public_derivative_is_served_and_cacheable(client, photo, settings):
    derivative = photo()
    response = client.get(derivative.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == (settings.MEDIA_ROOT / derivative.path).read_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["Accept-Ranges"] == "bytes" and response["Content-Length"] == str(len(body))
    assert response["Cache-Control"].startswith("public, max-age=")
    head = client.head(derivative.url)
    assert head.status_code == 200 and head["Content-Length"] == str(len(body))


@pytest.mark.parametrize("fields", [
    {"status": "draft"},
    {"access": "staff"},
    {"access": "registered"},
    {"access": "embargoed", "embargo_until": "2099-01-01"},
])
def test_hidden_items_derivatives_are_404_to_the_public(client, photo, fields, staff_user):
    derivative = photo(**fields)
    assert client.get(derivative.url).status_code == 404
    client.force_login(staff_user)
    response = client.get(derivative.url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=0"


def test_withdrawn_consent_hides_the_media_at_once(client, photo):
    derivative = photo()
    assert client.get(derivative.url).status_code == 200
    make_consent(derivative.asset.item, public_web=True, withdrawn_on="2026-01-01")
    assert client.get(derivative.url).status_code == 404


def test_a_withheld_recording_is_staff_only_while_its_item_stays_public(client, photo, staff_user):
    derivative = photo()
    Asset.objects.filter(pk=derivative.asset_id).update(withheld=True)
    assert client.get(derivative.url).status_code == 404
    client.force_login(staff_user)
    response = client.get(derivative.url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=0"


def test_registered_items_are_private_to_researchers_only(client, photo, registered_user, reader):
    derivative = photo(access="registered")
    client.force_login(reader)  # an account of one's own is not enough
    assert client.get(derivative.url).status_code == 404
    client.force_login(registered_user)
    response = client.get(derivative.url)
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    assert "Cookie" in response["Vary"]


def test_originals_and_unpublished_folders_have_no_url(client, photo, settings):
    derivative = photo()
    asset = Asset.objects.get()
    for path in [asset.original.name, f"../private/{asset.original.name}", "derivatives/",
                 f"derivatives/{asset.pk}/image-sizes/.part-1-abc/400.jpg",
                 f"derivatives/{asset.pk}/image-sizes/unknown/400.jpg",
                 f"derivatives/{asset.pk + 1}/{derivative.path.split('/', 2)[2]}",
                 derivative.path.replace("400.jpg", "../../../../private/x"),
                 derivative.path.replace("400.jpg", "missing.jpg")]:
        assert client.get("/media/" + path).status_code == 404, path
    (settings.MEDIA_ROOT / f"derivatives/{asset.pk}/image-sizes/.part-1-abc").mkdir()
    (settings.MEDIA_ROOT / f"derivatives/{asset.pk}/image-sizes/.part-1-abc/400.jpg").write_bytes(b"half")
    assert client.get(f"/media/derivatives/{asset.pk}/image-sizes/.part-1-abc/400.jpg").status_code == 404


def test_range_requests(client, photo, settings):
    derivative = photo()
    data = (settings.MEDIA_ROOT / derivative.path).read_bytes()
    size = len(data)
    cases = {"bytes=0-99": (0, 99), "bytes=100-": (100, size - 1), "bytes=-50": (size - 50, size - 1),
             f"bytes=10-{size + 500}": (10, size - 1)}
    for header, (start, end) in cases.items():
        response = client.get(derivative.url, HTTP_RANGE=header)
        assert response.status_code == 206, header
        assert response["Content-Range"] == f"bytes {start}-{end}/{size}"
        assert b"".join(response.streaming_content) == data[start:end + 1]
        assert response["Content-Length"] == str(end - start + 1)
    for header in (f"bytes={size}-", f"bytes={size + 10}-{size + 20}", "bytes=-0", "bytes=9-3"):
        response = client.get(derivative.url, HTTP_RANGE=header)
        assert response.status_code == 416, header
        assert response["Content-Range"] == f"bytes */{size}"
    assert client.get(derivative.url, HTTP_RANGE="bytes=0-1,5-9").status_code == 200
    assert client.get(derivative.url, HTTP_RANGE="lines=1-2").status_code == 200


def test_not_modified(client, photo):
    derivative = photo()
    first = client.get(derivative.url)
    again = client.get(derivative.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_x_accel_redirect_in_production(client, photo, settings):
    settings.ARCHIVE_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    derivative = photo()
    response = client.get(derivative.url, HTTP_RANGE="bytes=0-9")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + derivative.path
    assert response["Content-Type"] == "image/jpeg" and response["Cache-Control"].startswith("public")
    hidden = photo(status="draft")
    assert client.get(hidden.url).status_code == 404


def test_hls_segments_are_served_with_their_playlist(client, django_capture_on_commit_callbacks, sources):
    with django_capture_on_commit_callbacks(execute=True):
        film = sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"]))
        asset = asset_ingest(item=make_item(), source=film, original_name="clip.mp4")
    variant = asset.derivatives.get(role="hls-variant")
    playlist = b"".join(client.get(variant.url).streaming_content).decode()
    folder = variant.url.rsplit("/", 1)[0]
    segment = next(line for line in playlist.splitlines() if line.endswith(".m4s"))
    response = client.get(f"{folder}/{segment}")
    assert response.status_code == 200 and response["Content-Type"] == "video/iso.segment"
    master = client.get(asset.derivatives.get(role="hls-master").url)
    assert master["Content-Type"] == "application/vnd.apple.mpegurl"
    asset.item.status = "draft"
    asset.item.save()
    assert client.get(f"{folder}/{segment}").status_code == 404
