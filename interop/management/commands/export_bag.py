from django.core.management.base import BaseCommand, CommandError

from interop.bags import STAFF_ONLY_NOTICE, BagError, bag_export


class Command(BaseCommand):
    help = ("Write a BagIt bag (sha256 and sha512 manifests) of catalogue items for preservation: original files "
            "from private storage, derivatives, the catalogue CSV, JSON per item, transcripts and consent records. "
            f"WARNING: {STAFF_ONLY_NOTICE} Without --item or --collection, every item is written.")

    def add_arguments(self, parser):
        parser.add_argument("out_dir", help="a new or empty folder for the bag")
        parser.add_argument("--item", dest="accessions", nargs="+", default=[], metavar="ACC",
                            help="accession numbers of the items to include")
        parser.add_argument("--collection", metavar="SLUG", help="include every item of this collection")

    def handle(self, *args, out_dir, accessions, collection, **options):
        try:
            report = bag_export(out_dir=out_dir, accessions=accessions, collection=collection)
        except BagError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{report.items} item(s), {report.files} file(s) ({report.bytes} bytes) bagged in "
                          f"{report.path}.")
        self.stderr.write(f"This bag contains staff-only data. {STAFF_ONLY_NOTICE}")
