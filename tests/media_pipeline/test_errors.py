"""Refusals and job errors reach curators (the admin, media_status, import reports) without naming a place on the
server's disk: the reason stays, the private storage path goes."""

import re

import pytest
from django.core.management import call_command

from archive.importing import items_import
from archive.storage import private_storage
from media_pipeline.errors import MediaRejected, without_paths
from media_pipeline.ingest import asset_ingest
from media_pipeline.jobs import media_job_enqueue
from tests.factories import make_item, replace_stored

from . import media

pytestmark = pytest.mark.django_db


def assert_no_path(text, settings, tmp_path):
    for place in (str(settings.PRIVATE_MEDIA_ROOT), str(settings.MEDIA_ROOT), str(tmp_path), "file:", "/private/",
                  "originals/", "derivatives/", ".part"):
        assert place not in text, text
    assert not re.search(r"(^|[\s'\"(])/\w", text), text


def refused(source, name):
    with pytest.raises(MediaRejected) as refusal:
        asset_ingest(item=make_item(), source=source, original_name=name)
    return str(refusal.value)


def test_a_corrupt_video_is_refused_with_ffprobes_reason_and_no_path(tmp_path, settings):
    corrupt = tmp_path / "วิดีโอเสีย.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    message = refused(corrupt, corrupt.name)
    assert "Invalid data found when processing input" in message or "moov atom not found" in message, message
    assert_no_path(message, settings, tmp_path)


def test_truncated_video_and_broken_images_are_refused_without_paths(tmp_path, settings, sources):
    video = sources("fast-start", lambda p: media.make_video(p, duration=3, extra=["-movflags", "+faststart",
                                                                                  "-f", "mp4"]))
    broken_jpeg = tmp_path / "ဓာတ်ပုံ.jpg"
    broken_jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 2000)
    broken_png = tmp_path / "broken.png"
    broken_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x07" * 300)
    for source in (media.truncate(video, tmp_path / "cut.mp4"), broken_jpeg, broken_png):
        message = refused(source, source.name)
        assert "damaged" in message or "truncated" in message, message
        assert_no_path(message, settings, tmp_path)


def test_job_errors_name_no_path(tmp_path, settings, sources, django_capture_on_commit_callbacks, admin_client):
    with django_capture_on_commit_callbacks(execute=True):
        film = asset_ingest(item=make_item(kind="film"), source=sources("sample-mp4", lambda p: media.make_video(
            p, extra=["-f", "mp4"])), original_name="ທ່າເຮືອ.mp4")
        photo = asset_ingest(item=make_item(), source=sources("sample-jpeg", lambda p: media.make_jpeg(p)),
                             original_name="แม่ค้า.jpg")
    replace_stored(film.original.name, b"\x00" * 100, private=True)  # the disk went bad
    private_storage.delete(photo.original.name)  # or the file went missing
    with django_capture_on_commit_callbacks(execute=True):
        jobs = [media_job_enqueue(asset=film), media_job_enqueue(asset=photo)]
    for job in jobs:
        job.refresh_from_db()
        assert job.state == "failed" and job.error, job.error
        assert_no_path(job.error, settings, tmp_path)
    assert "No such file or directory" in jobs[1].error
    page = admin_client.get(f"/admin/media_pipeline/mediajob/{jobs[0].pk}/change/").content.decode()
    assert str(settings.PRIVATE_MEDIA_ROOT) not in page
    from io import StringIO

    out = StringIO()
    call_command("media_status", stdout=out)
    assert str(settings.PRIVATE_MEDIA_ROOT) not in out.getvalue() and "failed" in out.getvalue()


def test_a_corrupt_file_in_a_spreadsheet_import_is_reported_without_paths(tmp_path, settings):
    folder = tmp_path / "sheet"
    folder.mkdir()
    (folder / "ภาพยนตร์.mp4").write_bytes(bytes(range(256)) * 64)
    (folder / "items.csv").write_text("accession_number,kind,title,access,media_files\n"
                                      "F-1,film,Nets,public,ภาพยนตร์.mp4\n", encoding="utf-8")
    report = items_import(path=folder / "items.csv", dry_run=False, by=None)
    assert not report.ok
    reason = report.errors[0].reason
    assert reason.startswith("media file “ภาพยนตร์.mp4” was refused: This file is not an image"), reason
    assert_no_path(reason, settings, tmp_path)


@pytest.mark.parametrize(("raw", "clean"), [
    ("file:/srv/archive/var/private/originals/2026/3f9a.part: Invalid data found when processing input",
     "Invalid data found when processing input"),
    ("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c1f2a2c0] moov atom not found", "moov atom not found"),
    ("cannot identify image file '/srv/my archive/var/private/originals/x.part'", "cannot identify image file"),
    ("[Errno 2] No such file or directory: '/srv/archive/var/media/derivatives/4/image-sizes/a/640.webp'",
     "[Errno 2] No such file or directory"),
    ("damaged (file:/tmp/x/y.mp4: End of file).", "damaged (End of file)."),
    ("The file is 3 MiB (or more); the archive accepts files up to 2 MiB.",
     "The file is 3 MiB (or more); the archive accepts files up to 2 MiB."),
    ("ไฟล์เสีย: กรุณาส่งใหม่ and/or later", "ไฟล์เสีย: กรุณาส่งใหม่ and/or later"),
])
def test_without_paths(raw, clean):
    assert without_paths(raw) == clean


def test_paths_under_the_storage_roots_go_even_with_spaces_in_them(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private files" / "ส่วนตัว"
    raw = f"file:{settings.PRIVATE_MEDIA_ROOT}/originals/2026/a.part: Invalid data found when processing input"
    assert without_paths(raw) == "Invalid data found when processing input"


def test_errors_recorded_before_are_cleaned_by_the_migration(settings, tmp_path):
    from importlib import import_module

    from django.apps import apps

    from media_pipeline.models import MediaJob

    item = make_item()
    asset = item.assets.create(kind="video", original="originals/2026/x.mp4")
    old = MediaJob.objects.create(asset=asset, state="failed", error=(
        f"file:{settings.PRIVATE_MEDIA_ROOT}/originals/2026/x.mp4: Invalid data found when processing input"))
    plain = MediaJob.objects.create(asset=asset, state="failed", error="The file has no video stream.")

    import_module("media_pipeline.migrations.0002_job_errors_without_paths").clean_errors(apps, None)

    old.refresh_from_db()
    plain.refresh_from_db()
    assert (old.error, plain.error) == ("Invalid data found when processing input", "The file has no video stream.")


def test_an_unexpected_failure_is_recorded_and_raised_with_the_same_path_free_message(sources, caplog):
    from media_pipeline.errors import MediaError
    from media_pipeline.jobs import media_job_run
    from media_pipeline.models import MediaJob

    asset = asset_ingest(item=make_item(), source=sources("sample-jpeg", lambda p: media.make_jpeg(p)),
                         original_name="ภาพ.jpg")
    job = MediaJob.objects.create(asset=asset, profiles=["image-8k"])

    with pytest.raises(MediaError) as raised:
        media_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == "failed" and job.error.startswith("Unexpected error: ValueError: no media profile")
    assert str(raised.value) == job.error and raised.value.__cause__ is None
    assert "failed unexpectedly" in caplog.text
