"""Delete the files no record points to any more, and spreadsheet uploads past their lifetime (see
media_pipeline.retention and docs/media.md). Run it daily from cron."""

from django.core.management.base import BaseCommand

from media_pipeline.retention import KINDS, files_sweep


class Command(BaseCommand):
    help = ("Delete originals, consent evidence and derivative folders that no record refers to (older than "
            "--hours), and admin spreadsheet uploads never imported (older than a day).")

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24,
                            help="only unreferenced files older than this (default 24)")
        parser.add_argument("--dry-run", action="store_true", help="list them without deleting")

    def handle(self, *args, hours, dry_run, **options):
        removals = files_sweep(hours=hours, dry_run=dry_run)
        for removal in removals:
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {removal.name}")
        for kind, label in KINDS.items():
            count = sum(1 for removal in removals if removal.kind == kind)
            self.stdout.write(f"{count} {label}{' found' if dry_run else ' deleted'}.")
