"""A media job's time limit, from its source's length and enforced by the archive on every task backend: a job
over it fails with a message that says so, leaves nothing half-published, and succeeds when retried."""

import time

import pytest

from media_pipeline.errors import MediaError
from media_pipeline.ffmpeg import deadline, ffmpeg, ffprobe
from media_pipeline.ingest import asset_ingest
from media_pipeline.jobs import TimeLimit, media_job_retry, media_job_time_limit
from tests.factories import derivative_folders, make_item

from . import media

# A limit far below what probing the film alone takes: 0.001 minutes of work per minute of film, nothing more.
TINY = {"MEDIA_JOB_BASE_MINUTES": 0.0, "MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE": 0.001}
STOPPED = "took longer than the 0.0015 seconds allowed for a 1.5-second film, so the job was stopped"


def film(sources):
    return sources("sample-mp4", lambda p: media.make_video(p, extra=["-f", "mp4"]))


def leftovers(settings, asset):
    return [name.split("/")[1] for name in derivative_folders(asset)]


@pytest.mark.django_db
def test_the_limit_grows_with_the_films_length(sources, settings):
    settings.MEDIA_JOB_BASE_MINUTES, settings.MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE = 30, 10
    asset = asset_ingest(item=make_item(), source=film(sources), original_name="ภาพยนตร์.mp4")
    limit = media_job_time_limit(asset=asset)
    assert limit.source_seconds == pytest.approx(1.5, abs=0.1)
    assert limit.seconds == pytest.approx(30 * 60 + 10 * limit.source_seconds)
    feature = TimeLimit(seconds=60 * (30 + 10 * 90), kind="video", source_seconds=90 * 60)
    assert feature.exceeded_message().startswith(
        "Making the derivatives took longer than the 930 minutes allowed for a 90-minute film, so the job was "
        "stopped. Retry it")
    photo = TimeLimit(seconds=60 * 30, kind="image", source_seconds=None)
    assert "the 30 minutes allowed for this file" in photo.exceeded_message()


@pytest.mark.django_db
def test_a_job_over_its_limit_fails_readably_and_succeeds_when_retried(sources, settings,
                                                                       django_capture_on_commit_callbacks):
    for name, value in TINY.items():
        setattr(settings, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        asset = asset_ingest(item=make_item(), source=film(sources), original_name="ຮູບເງົາ.mp4")
    job = asset.jobs.get()
    assert (job.state, job.attempts) == ("failed", 1) and job.finished_at
    assert STOPPED in job.error, job.error
    assert asset.derivatives.count() == 0 and leftovers(settings, asset) == [], "nothing half-published"

    settings.MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE = 10
    with django_capture_on_commit_callbacks(execute=True):
        assert media_job_retry(job=job)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error, job.progress) == ("succeeded", 2, "", 100)
    assert asset.derivatives.filter(role="mp4").exists()


def test_a_running_ffmpeg_is_stopped_at_the_jobs_deadline():
    # -re reads the 30-second test picture at its own pace: ffmpeg would run for 30 s.
    slow = ["-re", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=30", "-f", "null", "-"]
    started = time.monotonic()
    with deadline(0.5, "ພ້ອມ: the job's time is up"), pytest.raises(MediaError, match="the job's time is up"):
        ffmpeg(slow, timeout=60)
    assert time.monotonic() - started < 10

    # A call's own, shorter timeout still says that it was the call that took too long.
    with deadline(60, "the job's time is up"), pytest.raises(MediaError, match="ffmpeg took longer than 1 s"):
        ffmpeg(slow, timeout=1)


def test_nothing_starts_after_the_deadline(sources):
    with deadline(0, "the job's time is up"), pytest.raises(MediaError, match="the job's time is up"):
        ffprobe(film(sources))
    assert ffprobe(film(sources))["format"]["duration"], "outside a deadline the same call runs"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_on_a_real_worker(task_worker, sources, settings, monkeypatch):
    """db_worker without REDIS_URL, rqworker with it: RQ's own timeout never stops the job first."""
    for name, value in TINY.items():
        monkeypatch.setenv(f"ARCHIVE_{name}", str(value))
    asset = asset_ingest(item=make_item(), source=film(sources), original_name="ភាពយន្ត.mp4")
    worker = task_worker.run_until_idle(["media"])
    job = asset.jobs.get()
    assert job.state == "failed" and STOPPED in job.error, (job.error, worker.output())
    assert asset.derivatives.count() == 0 and leftovers(settings, asset) == []

    monkeypatch.delenv("ARCHIVE_MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE")
    assert media_job_retry(job=job)
    task_worker.run_until_idle(["media"], timeout=180)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("succeeded", 2, "")
