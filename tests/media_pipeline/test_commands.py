import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from media_pipeline.ingest import asset_ingest
from media_pipeline.models import MediaJob
from tests.factories import make_item, stored_names

from . import media

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(ingest_photo_and_film):
    return ingest_photo_and_film(make_item(accession_number="MLH-2024-001"),
                                 make_item(accession_number="MLH-2024-002", kind="film"))


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_media_status_json(collection):
    photo, film = collection
    MediaJob.objects.filter(asset=film).update(state="failed", error="ffmpeg: Invalid data found")
    rows = json.loads(run("media_status", "--json"))
    assert [(r["item"], r["original_name"], r["kind"], r["state"]) for r in rows] == [
        ("MLH-2024-001", "แม่ค้า.jpg", "image", "succeeded"), ("MLH-2024-002", "ທ່າເຮືອ.mp4", "video", "failed")]
    assert rows[0]["progress"] == 100 and rows[0]["error"] == ""
    assert rows[1]["error"] == "ffmpeg: Invalid data found"
    assert {d["mime_type"] for d in rows[0]["derivatives"]} == {"image/jpeg", "image/webp"}
    assert all(d["profile"] == "image-sizes" and d["path"].startswith(f"derivatives/{photo.pk}/image-sizes/")
               for d in rows[0]["derivatives"])
    assert {d["profile"] for d in rows[1]["derivatives"]} == {"video-hls", "video-poster", "video-sprite"}
    assert "MLH-2024-002  ທ່າເຮືອ.mp4  video  failed  error: ffmpeg: Invalid data found" in run("media_status")


def test_media_reprocess_by_item_profile_outdated_and_all(collection, django_capture_on_commit_callbacks):
    photo, film = collection
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 1 media job(s)." in run("media_reprocess", "--item", "MLH-2024-002")
    assert film.jobs.count() == 2 and film.jobs.first().state == "succeeded"
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 1" in run("media_reprocess", "--profile", "video-poster", "--poster-time", "0.5")
    assert film.jobs.first().profiles == ["video-poster"]
    assert "Queued 0" in run("media_reprocess", "--outdated")
    film.derivatives.filter(profile="video-sprite").update(profile_version=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 1" in run("media_reprocess", "--outdated")
    assert film.jobs.first().profiles == ["video-sprite"]
    assert {(d.profile, d.profile_version) for d in film.derivatives.all()} == {
        ("video-hls", 2), ("video-poster", 1), ("video-sprite", 1)}
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 2" in run("media_reprocess", "--all")
    assert MediaJob.objects.exclude(state="succeeded").count() == 0


def test_media_reprocess_explains_bad_arguments(collection):
    with pytest.raises(CommandError, match="Say what to reprocess"):
        run("media_reprocess")
    with pytest.raises(CommandError, match="no media profile called 'video-4k'"):
        run("media_reprocess", "--profile", "video-4k")
    with pytest.raises(CommandError, match="No files for item"):
        run("media_reprocess", "--item", "NOPE-1")


def test_media_recover_reports(collection):
    assert "Recovered 0 media job(s)." in run("media_recover")


def test_media_sweep_deletes_originals_left_by_a_rolled_back_import(sources, settings):
    from django.db import transaction

    source = sources("sample-jpeg", lambda p: media.make_jpeg(p))
    kept = asset_ingest(item=make_item(), source=source, original_name="kept.jpg")
    with pytest.raises(RuntimeError), transaction.atomic():
        asset_ingest(item=make_item(), source=source, original_name="rolled-back.jpg")
        raise RuntimeError("a later row of the spreadsheet failed")
    assert len(stored_names("originals", private=True)) == 2
    assert "0 unreferenced original(s) deleted." in run("media_sweep")  # too recent
    assert "1 unreferenced original(s) found." in run("media_sweep", "--hours", "0", "--dry-run")
    assert "1 unreferenced original(s) deleted." in run("media_sweep", "--hours", "0")
    assert stored_names("originals", private=True) == [kept.original.name]
