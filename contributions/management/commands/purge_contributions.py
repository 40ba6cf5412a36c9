from django.conf import settings
from django.core.management.base import BaseCommand

from contributions.review import submissions_purge


class Command(BaseCommand):
    help = ("Remove rejected contributions and abandoned uploads older than ARCHIVE_CONTRIBUTION_RETENTION_DAYS, "
            "with their files. Run daily (docs/deploy.md).")

    def handle(self, *args, **options):
        removed = submissions_purge()
        self.stdout.write(f"Removed {removed} rejected or abandoned contribution(s) older than "
                          f"{settings.ARCHIVE_CONTRIBUTION_RETENTION_DAYS} days.")
