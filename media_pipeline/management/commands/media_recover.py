"""Queue again the media jobs whose worker died mid-job. Run it when workers start."""

from django.core.management.base import BaseCommand
from django.db import transaction

from media_pipeline.jobs import media_recover


class Command(BaseCommand):
    help = "Queue again media jobs left running by a worker that was killed or lost."

    def handle(self, *args, **options):
        with transaction.atomic():
            recovered = media_recover()
        for job in recovered:
            self.stdout.write(f"Queued again: job {job.pk} ({job.asset}), left by {job.worker}")
        self.stdout.write(f"Recovered {len(recovered)} media job(s).")
