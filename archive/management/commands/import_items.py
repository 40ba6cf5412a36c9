from django.core.management.base import BaseCommand, CommandError

from archive.services import items_import
from archive.spreadsheet import normalisation_notes


class Command(BaseCommand):
    help = "Import or update catalogue items from a CSV file (format: docs/csv.md). All rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file; media_files paths are relative to its folder")
        parser.add_argument("--dry-run", action="store_true", help="check every row and report, write nothing")

    def handle(self, *args, file, dry_run, **options):
        try:
            report = items_import(path=file, dry_run=dry_run, by=None)
        except FileNotFoundError:
            raise CommandError(f"no such file: {file}") from None
        for error in report.errors:
            self.stderr.write(str(error))
        for note in normalisation_notes(file):
            self.stdout.write(str(note))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
