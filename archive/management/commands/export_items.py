from django.core.management.base import BaseCommand

from archive.exporting import items_export


class Command(BaseCommand):
    help = "Write every catalogue item to a CSV file in the format import_items reads (docs/csv.md)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="the CSV file to write")

    def handle(self, *args, out, **options):
        count = items_export(out=out)
        self.stdout.write(f"{count} item(s) written to {out}.")
