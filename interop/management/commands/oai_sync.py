from django.core.management.base import BaseCommand

from interop.oai.publication import harvest_records_refresh


class Command(BaseCommand):
    help = ("Compare the public set with what OAI-PMH last published: record new public items and report items "
            "that left the public set as deleted. Run it daily (embargoes lift by date) and after bulk updates.")

    def handle(self, *args, **options):
        report = harvest_records_refresh()
        if options["verbosity"]:
            self.stdout.write(f"{report.published} record(s) published, {report.deleted} reported as deleted, "
                              f"{report.unchanged} unchanged.")
