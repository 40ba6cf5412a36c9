"""Jobs through the django_tasks API (the immediate backend here; tests/media_pipeline/test_workers.py uses real
workers): state, progress, attempts, readable errors, retry, atomic replacement, harmless re-runs, recovery."""

import socket
import subprocess
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from media_pipeline.ingest import asset_ingest
from media_pipeline.jobs import media_job_enqueue, media_job_retry, media_job_run, media_recover
from media_pipeline.models import Derivative, MediaJob, asset_state
from tests.factories import derivative_folders, make_item, replace_stored, stored_local_copy

from . import media
from .test_ingest import ACCEPTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    def run(source, name="upload", item=None):
        with django_capture_on_commit_callbacks(execute=True):
            return asset_ingest(item=item or make_item(), source=source, original_name=name)

    return run


def folders(settings, asset):
    return derivative_folders(asset)


def test_photo_job_succeeds_with_image_derivatives(ingest, sources, settings):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)), "ภาพถ่าย.jpg")
    job = asset.jobs.get()
    assert (job.state, job.progress, job.attempts, job.error) == ("succeeded", 100, 1, "")
    assert job.started_at <= job.finished_at and job.duration is not None
    derivatives = list(asset.derivatives.all())
    assert {(d.role, d.mime_type, d.width) for d in derivatives} == {
        ("image", "image/jpeg", 320), ("image", "image/webp", 320),
        ("image", "image/jpeg", 400), ("image", "image/webp", 400)}
    for derivative in derivatives:
        assert derivative.url == "/media/" + derivative.path
        assert default_storage.size(derivative.path) == derivative.size
        assert derivative.profile == "image-sizes" and derivative.profile_version == 1
    assert asset_state(asset)["state"] == "succeeded"


def test_video_audio_and_caption_jobs_make_every_role(ingest, sources, tmp_path):
    video = ingest(sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"])))
    assert sorted(set(video.derivatives.values_list("role", flat=True))) == [
        "audio", "hls-master", "hls-variant", "mp4", "poster", "sprite", "sprite-vtt"]  # audio: the sound alone
    voice = ingest(sources("sample-wav", lambda p: media.make_audio(p, codec="pcm_s16le", extra=["-f", "wav"])))
    assert sorted(voice.derivatives.values_list("role", flat=True)) == ["audio", "peaks"]
    srt = tmp_path / "subs.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nສະບາຍດີ\n", encoding="utf-8")
    captions = ingest(srt)
    assert list(captions.derivatives.values_list("role", "mime_type")) == [("captions", "text/vtt")]


def test_rerunning_replaces_derivatives_atomically_and_harmlessly(ingest, sources, settings,
                                                                   django_capture_on_commit_callbacks):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)))
    first = set(asset.derivatives.values_list("path", flat=True))
    job = asset.jobs.get()
    assert media_job_run(job_id=job.pk) is None, "a finished job is not run twice"
    with django_capture_on_commit_callbacks(execute=True):
        again = media_job_enqueue(asset=asset)
    again.refresh_from_db()
    assert again.state == "succeeded"
    second = set(asset.derivatives.values_list("path", flat=True))
    assert len(second) == len(first) and not first & second
    assert len(folders(settings, asset)) == 1, "the replaced folder is removed"
    assert all(default_storage.exists(path) for path in second)


def test_reprocessing_one_profile_leaves_the_others(ingest, sources, django_capture_on_commit_callbacks):
    asset = ingest(sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"])))
    hls = set(asset.derivatives.exclude(profile="video-poster").values_list("path", flat=True))
    old_poster = asset.derivatives.get(role="poster").path
    with django_capture_on_commit_callbacks(execute=True):
        job = media_job_enqueue(asset=asset, profiles=["video-poster"], poster_time=1.2)
    job.refresh_from_db()
    assert job.state == "succeeded" and job.poster_time == 1.2
    assert set(asset.derivatives.exclude(profile="video-poster").values_list("path", flat=True)) == hls
    assert asset.derivatives.get(role="poster").path != old_poster
    # A later remake keeps the curator's poster time.
    with django_capture_on_commit_callbacks(execute=True):
        assert media_job_enqueue(asset=asset).poster_time == 1.2


def test_failure_is_recorded_readably_then_retried(ingest, sources, settings, django_capture_on_commit_callbacks):
    source = sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"]))
    asset = ingest(source)
    made = asset.derivatives.count()
    replace_stored(asset.original.name, b"\x00" * 100, private=True)  # the disk under the original went bad
    with django_capture_on_commit_callbacks(execute=True):
        job = media_job_enqueue(asset=asset)
    job.refresh_from_db()
    assert job.state == "failed" and job.attempts == 1 and job.finished_at
    assert "Invalid data" in job.error or "could not" in job.error.lower(), job.error
    assert asset_state(asset) == {"state": "failed", "progress": job.progress, "error": job.error, "job": job}
    live = {"/".join(d.path.split("/")[2:4]) for d in asset.derivatives.all()}
    assert set(derivative_folders(asset)) == live, "no half-written folder is left"
    assert asset.derivatives.count() == made, "the earlier derivatives stay until replaced"
    replace_stored(asset.original.name, source.read_bytes(), private=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert media_job_retry(job=job)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error, job.progress) == ("succeeded", 2, "", 100)
    assert not media_job_retry(job=job), "only failed jobs are retried"


def test_stale_running_jobs_are_recovered(ingest, sources, django_capture_on_commit_callbacks):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)))
    exited = subprocess.Popen(["true"])
    exited.wait()
    dead = MediaJob.objects.create(asset=asset, state="running", attempts=1,
                                   worker=f"{socket.gethostname()}:{exited.pid}",
                                   heartbeat_at=timezone.now(), started_at=timezone.now())
    silent = MediaJob.objects.create(asset=asset, state="running", attempts=1, worker="elsewhere:123",
                                     heartbeat_at=timezone.now() - timedelta(minutes=10))
    alive = MediaJob.objects.create(asset=asset, state="running", attempts=1, worker="elsewhere:456",
                                    heartbeat_at=timezone.now())
    assert set(MediaJob.objects.stale()) == {dead, silent}
    with django_capture_on_commit_callbacks(execute=True):
        recovered = media_recover()
    assert set(recovered) == {dead, silent}
    for job in (dead, silent):
        job.refresh_from_db()
        assert (job.state, job.attempts) == ("succeeded", 2)
    alive.refresh_from_db()
    assert alive.state == "running"


def test_a_derivative_row_is_removed_with_its_asset(ingest, sources):
    asset = ingest(sources("sample-jpeg", lambda p: media.make_jpeg(p)))
    asset.delete()
    assert Derivative.objects.count() == 0 and MediaJob.objects.count() == 0


ROLES = {
    "video": ["audio", "hls-master", "hls-variant", "mp4", "poster", "sprite", "sprite-vtt"],
    "audio": ["audio", "peaks"],
}


@pytest.mark.parametrize("fmt", sorted(ACCEPTED))
def test_every_accepted_format_gets_its_derivatives(fmt, ingest, sources, settings):
    builder, kind, _ = ACCEPTED[fmt]
    asset = ingest(sources(f"sample-{fmt}", builder), f"ไฟล์.{fmt}")
    job = asset.jobs.get()
    assert job.state == "succeeded", job.error
    roles = sorted(asset.derivatives.values_list("role", flat=True))
    if kind == "image":
        assert set(roles) == {"image"} and len(roles) % 2 == 0  # each width in WebP and JPEG
    else:
        assert roles == ROLES[kind]
    for derivative in asset.derivatives.all():
        with stored_local_copy(derivative.path) as path:
            if derivative.mime_type.startswith("image/"):
                assert Image.open(path).size == (derivative.width, derivative.height)
            elif derivative.role in ("mp4", "audio"):
                streams = media.ffprobe(path)["streams"]
                assert {s["codec_name"] for s in streams} <= {"h264", "aac"}
                assert media.moov_before_mdat(path)
                assert "location" not in media.all_tags(path)


def test_progress_over_a_whole_video_job_only_goes_forward(sources):
    from media_pipeline.derive import asset_derive

    asset = asset_ingest(item=make_item(), original_name="clip.mp4",
                         source=sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"])))
    seen = []
    asset_derive(asset=asset, on_progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3
