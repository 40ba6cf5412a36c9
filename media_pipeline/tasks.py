"""Background tasks of the pipeline. They take ids and call the services in jobs.py."""

from django_tasks import task

from .jobs import media_job_run


@task(queue_name="media")
def process_media_job(job_id):
    """Make the derivatives of one media job (see media_pipeline.jobs)."""
    state = media_job_run(job_id=job_id)
    return state and str(state)
