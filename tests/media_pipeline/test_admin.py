"""Curators see media jobs with state and progress in the admin, and retry failed ones."""

import pytest

from media_pipeline.ingest import asset_ingest
from media_pipeline.models import MediaJob
from tests.factories import make_item

from . import media

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(sources, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        done = asset_ingest(item=make_item(accession_number="MLH-1"), original_name="ภาพ.jpg",
                            source=sources("sample-jpeg", lambda p: media.make_jpeg(p)))
    broken = asset_ingest(item=make_item(accession_number="MLH-2"), original_name="ဓာတ်ပုံ.jpg",
                          source=sources("sample-jpeg", lambda p: media.make_jpeg(p)))
    MediaJob.objects.filter(asset=broken).update(state="failed", progress=40, attempts=1,
                                                 error="ffmpeg: Invalid data found when processing input")
    return done.jobs.get(), broken.jobs.get()


def test_job_list_shows_state_progress_and_error(client, staff_user, jobs):
    client.force_login(staff_user)
    page = client.get("/admin/media_pipeline/mediajob/").content.decode()
    assert "MLH-1" in page and "MLH-2" in page and "ဓာတ်ပုံ.jpg" in page
    assert '<progress max="100" value="40"' in page and '<progress max="100" value="100"' in page
    assert "ffmpeg: Invalid data found when processing input" in page
    detail = client.get(f"/admin/media_pipeline/mediajob/{jobs[1].pk}/change/")
    assert detail.status_code == 200 and "poster_time" in detail.content.decode()


def test_retry_action_requeues_only_failed_jobs(client, staff_user, jobs, django_capture_on_commit_callbacks):
    done, failed = jobs
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/media_pipeline/mediajob/", {
            "action": "retry", "_selected_action": [done.pk, failed.pk]}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert "1 job queued again." in messages
    assert any("Only failed jobs can be retried" in m for m in messages)
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, failed.error) == ("succeeded", 2, "")


def test_derivatives_are_listed_read_only(client, staff_user, jobs):
    client.force_login(staff_user)
    page = client.get("/admin/media_pipeline/derivative/")
    assert page.status_code == 200 and "image-sizes" in page.content.decode()
    assert client.get("/admin/media_pipeline/derivative/add/").status_code == 403
