"""Delete stored originals that no Asset row points at: left when the transaction around an ingest (a
spreadsheet import, say) rolled back after the file was copied. Only files older than a day are touched."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from archive.models import Asset


class Command(BaseCommand):
    help = "Delete original files in private storage that no asset refers to (older than --hours)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24, help="only files older than this (default 24)")
        parser.add_argument("--dry-run", action="store_true", help="list them without deleting")

    def handle(self, *args, hours, dry_run, **options):
        root = Path(settings.PRIVATE_MEDIA_ROOT)
        cutoff = time.time() - hours * 3600
        known = set(Asset.objects.exclude(original="").values_list("original", flat=True))
        removed = 0
        for path in sorted((root / "originals").rglob("*")) if (root / "originals").exists() else []:
            key = path.relative_to(root).as_posix()
            if path.is_file() and key not in known and path.stat().st_mtime < cutoff:
                self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {key}")
                if not dry_run:
                    path.unlink()
                removed += 1
        self.stdout.write(f"{removed} unreferenced original(s){' found' if dry_run else ' deleted'}.")
