"""Media jobs on real worker processes: db_worker on the embedded default, rqworker over Redis when REDIS_URL is
set. A worker killed mid-job leaves nothing half-published, and the job runs again."""


import pytest
from django.core.management import call_command

from media_pipeline.ingest import asset_ingest
from media_pipeline.models import MediaJob
from tests.factories import derivative_folders, make_item, stored_local_copy
from tests.workers import wait_until

from . import media

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def published(settings, asset):
    return derivative_folders(asset)


def test_a_worker_runs_the_job_queued_by_ingest(task_worker, sources):
    asset = asset_ingest(item=make_item(), source=sources("sample-jpeg", lambda p: media.make_jpeg(p)),
                         original_name="ພາບ.jpg")
    assert asset.jobs.get().state == "queued"
    task_worker.run_until_idle(["media"])
    job = asset.jobs.get()
    assert (job.state, job.progress, job.attempts) == ("succeeded", 100, 1)
    assert ":" in job.worker and asset.derivatives.count() == 4


def test_a_killed_worker_leaves_nothing_half_done_and_the_job_runs_again(task_worker, sources, settings, tmp_path):
    film = sources("worker-film", lambda p: media.make_video(p, size="960x540", duration=6, extra=["-f", "mp4"]))
    asset = asset_ingest(item=make_item(kind="film"), source=film, original_name="ภาพยนตร์.mp4")
    with task_worker.start(["media"]) as worker:
        job = wait_until(lambda: MediaJob.objects.filter(pk=asset.jobs.get().pk, state="running",
                                                         progress__gt=0).first(),
                         timeout=60, message=f"the job to make progress; worker log:\n{worker.output()}")
        worker.kill()
    job.refresh_from_db()
    assert job.state == "running" and job.attempts == 1, "the dead worker could not record anything"
    assert asset.derivatives.count() == 0
    assert all(name.split("/")[1].startswith(f"{job.pk}-") for name in published(settings, asset)), \
        "only the dead job's unpublished folders may exist"
    # The next job any worker picks up first queues again the jobs whose worker died.
    other = asset_ingest(item=make_item(), source=sources("sample-jpeg", lambda p: media.make_jpeg(p)),
                         original_name="x.jpg")
    task_worker.run_until_idle(["media"], timeout=180)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.progress, job.error) == ("succeeded", 2, 100, "")
    assert other.jobs.get().state == "succeeded"
    assert sorted(set(asset.derivatives.values_list("role", flat=True))) == [
        "audio", "hls-master", "hls-variant", "mp4", "poster", "sprite", "sprite-vtt"]
    folders = published(settings, asset)
    assert len(folders) == 3 and not any(".part-" in name for name in folders), folders
    with stored_local_copy(asset.derivatives.filter(role="mp4").order_by("-height").first().path) as mp4:
        assert media.moov_before_mdat(mp4)
    call_command("media_recover")  # nothing left to recover
    assert MediaJob.objects.exclude(state="succeeded").count() == 0
