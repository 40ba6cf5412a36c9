"""Background work of contributions: a finished upload is checked and ingested by a worker, not in the request."""

from django_tasks import task

from .models import Upload
from .uploads import upload_ingest


@task(queue_name="media")
def ingest_upload(upload_id: str) -> None:
    upload = Upload.objects.select_related("submission__item", "item").filter(pk=upload_id,
                                                                      state=Upload.State.RECEIVED).first()
    if upload is not None:
        upload_ingest(upload=upload)
