"""The tus endpoint with a real client (tuspy) against a live server: resumed uploads, limits, refusals."""

import base64
import hashlib

import pytest
import requests
from tusclient import client as tus
from tusclient.exceptions import TusCommunicationError

from archive.models import Asset, Item
from archive.storage import private_storage
from contributions.models import Submission, Upload
from tests.contributions.tus_client import browser_headers, patch_then_cut
from tests.factories import make_contributor, make_submission
from tests.media_pipeline.media import make_video, truncate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def contributor():
    return make_contributor("ช่างภาพแม่สอด")


@pytest.fixture
def endpoint(live_server):
    return f"{live_server.url}/contribute/tus/"


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_files():
    root = private_storage.path("")
    import os

    return sorted(os.path.relpath(os.path.join(folder, name), root)
                  for folder, _dirs, names in os.walk(root) for name in names)


def test_options_says_what_the_server_supports(endpoint):
    response = requests.options(endpoint)
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert set(response.headers["Tus-Extension"].split(",")) == {"creation", "termination", "checksum"}
    assert int(response.headers["Tus-Max-Size"]) == 4 * 1024**3
    assert set(response.headers["Tus-Checksum-Algorithm"].split(",")) == {"sha1", "sha256"}


def test_an_upload_cut_halfway_resumes_and_the_stored_file_is_the_one_sent(endpoint, contributor, tmp_path):
    film = make_video(tmp_path / "งานในเรือประมง.mp4", duration=2)
    data = film.read_bytes()
    submission = make_submission(contributor)
    headers = browser_headers(contributor)
    client = tus.TusClient(endpoint, headers=headers)

    first = client.uploader(str(film), chunk_size=len(data) // 4, upload_checksum=True,
                            metadata={"filename": film.name, "submission": str(submission.pk),
                                      "sha256": sha256(film)})
    first.upload(stop_at=len(data) // 4)
    assert first.offset == len(data) // 4

    # The phone loses its signal in the middle of the next request: half of it arrives.
    cut_at = len(data) // 2 + 123
    answer = patch_then_cut(first.url, headers, offset=first.offset, data=data[first.offset:cut_at],
                            declared=len(data) - first.offset)
    assert "204" in answer.splitlines()[0]
    assert Upload.objects.get().offset == cut_at

    resumed = client.uploader(str(film), url=first.url, chunk_size=len(data) // 3, upload_checksum=True)
    assert resumed.offset == cut_at  # asked the server with HEAD
    resumed.upload()

    upload = Upload.objects.get()
    assert upload.state == Upload.State.INGESTED
    asset = Asset.objects.get()
    assert asset.sha256 == sha256(film) and asset.size == len(data)
    with private_storage.open(asset.original.name) as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == sha256(film)
    assert asset.original_name == "งานในเรือประมง.mp4"
    submission.refresh_from_db()
    assert submission.state == Submission.State.PROCESSING
    assert submission.item.status == Item.Status.DRAFT and submission.item.kind == Item.Kind.FILM
    assert not any(name.startswith("contributions/") for name in stored_files())  # staging emptied


def test_an_upload_over_the_quota_is_refused_before_any_byte_is_stored(endpoint, contributor, tmp_path, settings):
    settings.ARCHIVE_CONTRIBUTOR_QUOTA_BYTES = 10_000
    film = tmp_path / "film.mp4"
    film.write_bytes(b"\0" * 12_000)
    submission = make_submission(contributor)
    client = tus.TusClient(endpoint, headers={**browser_headers(contributor), "Accept-Language": "th"})

    with pytest.raises(TusCommunicationError) as refused:
        client.uploader(str(film), metadata={"submission": str(submission.pk)}).upload()

    assert refused.value.status_code == 413
    assert "พื้นที่" in refused.value.response_content.decode()  # "space", in Thai
    assert Upload.objects.count() == 0 and stored_files() == []


def test_a_file_over_the_largest_size_is_refused_at_creation(endpoint, contributor, settings):
    settings.ARCHIVE_CONTRIBUTION_MAX_BYTES = 1000
    submission = make_submission(contributor)
    response = requests.post(endpoint, headers={**browser_headers(contributor), "Tus-Resumable": "1.0.0",
                                                "Upload-Length": "1001",
                                                "Upload-Metadata": f"submission {b64(submission.pk)}"})
    assert response.status_code == 413 and Upload.objects.count() == 0


def b64(value):
    return base64.b64encode(str(value).encode()).decode()


@pytest.mark.parametrize("language, words", [("th", "สคริปต์"), ("my", "script")])
def test_an_html_file_named_mp4_is_refused_with_the_pipelines_reason_in_the_contributors_language(
        endpoint, contributor, tmp_path, live_server, language, words):
    hostile = tmp_path / "หนัง.mp4"
    hostile.write_text("<!doctype html><html><script>alert(1)</script></html>")
    submission = make_submission(contributor)
    client = tus.TusClient(endpoint, headers=browser_headers(contributor))
    client.uploader(str(hostile), metadata={"submission": str(submission.pk), "filename": hostile.name}).upload()

    assert Upload.objects.get().state == Upload.State.REFUSED
    assert Asset.objects.count() == 0 and Item.objects.count() == 0
    assert stored_files() == []
    page = requests.get(f"{live_server.url}/{language}/contribute/uploads/{submission.pk}/",
                        headers=browser_headers(contributor)).text
    assert words in page and "HTML" in page


def test_a_truncated_video_is_refused_with_the_reason_in_burmese(endpoint, contributor, tmp_path, live_server):
    # The index at the front, as phones write it, so the damage shows only when the pictures run out.
    whole = make_video(tmp_path / "whole.mp4", duration=2, extra=["-movflags", "+faststart"])
    broken = truncate(whole, tmp_path / "ရုပ်ရှင်.mp4", fraction=0.6)
    submission = make_submission(contributor, text_language="my", title="ငါးဖမ်းလှေ")
    client = tus.TusClient(endpoint, headers=browser_headers(contributor))
    client.uploader(str(broken), metadata={"submission": str(submission.pk)}).upload()

    page = requests.get(f"{live_server.url}/my/contribute/uploads/{submission.pk}/",
                        headers=browser_headers(contributor)).text
    assert "အဆုံးထိ" in page  # "to its end", in Burmese
    assert Asset.objects.count() == 0 and stored_files() == []


def test_a_chunk_whose_checksum_does_not_match_is_discarded(endpoint, contributor):
    submission = make_submission(contributor)
    headers = {**browser_headers(contributor), "Tus-Resumable": "1.0.0"}
    created = requests.post(endpoint, headers={**headers, "Upload-Length": "10",
                                               "Upload-Metadata": f"submission {b64(submission.pk)}"})
    url = created.headers["Location"]
    wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    response = requests.patch(url, data=b"12345", headers={
        **headers, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
        "Upload-Checksum": f"sha256 {wrong}"})
    assert response.status_code == 460
    assert requests.head(url, headers=headers).headers["Upload-Offset"] == "0"
    assert stored_files() == []

    response = requests.patch(url, data=b"12345", headers={
        **headers, "Upload-Offset": "3", "Content-Type": "application/offset+octet-stream"})
    assert response.status_code == 409


def test_termination_removes_the_upload_and_its_bytes(endpoint, contributor):
    submission = make_submission(contributor)
    headers = {**browser_headers(contributor), "Tus-Resumable": "1.0.0"}
    url = requests.post(endpoint, headers={**headers, "Upload-Length": "10",
                                           "Upload-Metadata": f"submission {b64(submission.pk)}"}).headers["Location"]
    requests.patch(url, data=b"12345", headers={**headers, "Upload-Offset": "0",
                                                "Content-Type": "application/offset+octet-stream"})
    assert requests.delete(url, headers=headers).status_code == 204
    assert requests.head(url, headers=headers).status_code == 404
    assert Upload.objects.count() == 0 and stored_files() == []


def test_nobody_else_reaches_an_upload_and_a_request_without_the_csrf_token_is_refused(endpoint, contributor):
    submission = make_submission(contributor)
    headers = {**browser_headers(contributor), "Tus-Resumable": "1.0.0"}
    url = requests.post(endpoint, headers={**headers, "Upload-Length": "10",
                                           "Upload-Metadata": f"submission {b64(submission.pk)}"}).headers["Location"]
    other = {**browser_headers(make_contributor("คนอื่น")), "Tus-Resumable": "1.0.0"}
    assert requests.head(url, headers=other).status_code == 404
    assert requests.patch(url, data=b"1", headers={**other, "Upload-Offset": "0",
                                                   "Content-Type": "application/offset+octet-stream"}
                          ).status_code == 404
    no_token = {key: value for key, value in headers.items() if key != "X-CSRFToken"}
    assert requests.patch(url, data=b"1", headers={**no_token, "Upload-Offset": "0",
                                                   "Content-Type": "application/offset+octet-stream"}
                          ).status_code == 403
    # Someone else's submission cannot receive a file.
    assert requests.post(endpoint, headers={**other, "Upload-Length": "10",
                                            "Upload-Metadata": f"submission {b64(submission.pk)}"}
                         ).status_code == 404
    anonymous = requests.post(endpoint, headers={"Tus-Resumable": "1.0.0", "Upload-Length": "10"})
    assert anonymous.status_code == 403


def test_an_account_that_starts_too_many_uploads_in_an_hour_is_asked_to_wait(endpoint, contributor, settings):
    settings.ARCHIVE_UPLOADS_PER_HOUR = 2
    submission = make_submission(contributor)
    headers = {**browser_headers(contributor), "Tus-Resumable": "1.0.0", "Accept-Language": "km",
               "Upload-Length": "10", "Upload-Metadata": f"submission {b64(submission.pk)}"}
    assert [requests.post(endpoint, headers=headers).status_code for _ in range(2)] == [201, 201]
    refused = requests.post(endpoint, headers=headers)
    assert refused.status_code == 429 and "សូមរង់ចាំ" in refused.text
    assert Upload.objects.count() == 2


def test_requests_without_the_tus_version_are_refused(endpoint, contributor):
    response = requests.post(endpoint, headers={**browser_headers(contributor), "Upload-Length": "10"})
    assert response.status_code == 412 and response.headers["Tus-Version"] == "1.0.0"


def test_a_curator_adds_a_file_to_an_item_through_the_same_resumable_path(endpoint, tmp_path, django_user_model):
    from tests.factories import grant, make_item

    item = make_item(kind=Item.Kind.FILM, title="ฟิล์มเก่า")
    curator = grant(django_user_model.objects.create_user("ภัณฑารักษ์", password="pw", is_staff=True),
                    "archive.change_item", "archive.view_item")
    film = make_video(tmp_path / "ม้วนที่สอง.mp4")
    client = tus.TusClient(endpoint, headers=browser_headers(curator))
    uploader = client.uploader(str(film), chunk_size=film.stat().st_size // 3,
                               metadata={"item": str(item.pk), "filename": film.name})
    uploader.upload()

    asset = Asset.objects.get()
    assert asset.item == item and asset.original_name == "ม้วนที่สอง.mp4" and asset.sha256 == sha256(film)

    # An account that may contribute but not edit the catalogue cannot add files to an item.
    other = tus.TusClient(endpoint, headers=browser_headers(make_contributor("ผู้ส่ง")))
    with pytest.raises(TusCommunicationError) as refused:
        other.uploader(str(film), metadata={"item": str(item.pk)}).upload()
    assert refused.value.status_code == 403


def test_a_refused_file_no_longer_counts_against_the_quota(endpoint, contributor, tmp_path, settings):
    hostile = tmp_path / "a.mp4"
    hostile.write_text("<html><script>alert(1)</script></html>")
    settings.ARCHIVE_CONTRIBUTOR_QUOTA_BYTES = hostile.stat().st_size + 10
    submission = make_submission(contributor)
    client = tus.TusClient(endpoint, headers=browser_headers(contributor))
    client.uploader(str(hostile), metadata={"submission": str(submission.pk)}).upload()
    assert Upload.objects.get().state == Upload.State.REFUSED

    client.uploader(str(hostile), metadata={"submission": str(submission.pk)}).upload()  # not refused for space
    assert Upload.objects.count() == 2
