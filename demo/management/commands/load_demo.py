import shutil
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.history import acting_as
from archive.languages import field_names
from archive.models import Agent, Asset, ChangeRecord, Collection, ConsentRecord, Item, Place, Subject
from archive.importing import items_import
from archive.spreadsheet import SpreadsheetReader, split_list
from demo.exhibits import demo_exhibits_load
from demo.kits import demo_kits_load
from demo.media import DemoMediaError, make_sample_file
from demo.vocabulary import COLLECTION, PLACE_POSITIONS, SAMPLE_CONSENTS, SAMPLE_MINORS, SUBJECTS

DEMO_CSV = Path(__file__).resolve().parents[2] / "items.csv"
CURATOR = settings.ARCHIVE_DEMO_CURATOR
PROVENANCE = "Sample record: demo content made by `manage.py load_demo`. Fictional people, generated media."


class Command(BaseCommand):
    help = ("Load the demo collection (sample records in five languages with generated media) and, the first time "
            "only, the demo curator account demo-curator / demo-curator. Running it again creates no record and no "
            "account: a deleted demo curator stays deleted. Refused under production settings.")

    def handle(self, *args, **options):
        if not settings.ARCHIVE_DEMO_CONTENT:
            raise CommandError(
                "load_demo refuses to run here: these settings are for production (ARCHIVE_DEMO_CONTENT is off), and "
                "the demo would add sample records and a superuser whose password is public.")
        with acting_as(None, "demo"), transaction.atomic():
            if not ChangeRecord.objects.filter(source="demo").exists():
                self._curator()
            self._vocabulary()
        with tempfile.TemporaryDirectory(prefix="archive-demo-") as folder:
            sheet = Path(folder) / "items.csv"
            shutil.copyfile(DEMO_CSV, sheet)
            try:
                made = self._media(sheet)
            except DemoMediaError as error:
                raise CommandError(str(error)) from None
            report = items_import(path=sheet, dry_run=False, by=None)
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(f"the demo collection could not be loaded: {report.summary()}")
        with acting_as(None, "demo"), transaction.atomic():
            self._consents_and_provenance()
            self._place_positions()
            exhibits = demo_exhibits_load()
            kits = demo_kits_load()
        self.stdout.write(f"Demo collection: {report.summary()} ({made} sample file(s) generated, "
                          f"{len(exhibits)} demo exhibit(s), {len(kits)} demo lesson kit(s))")

    def _curator(self):
        """The demo curator, made on the demo's first load only. The history records its creation, which is also
        how later loads know the demo was loaded before and leave accounts alone."""
        User = get_user_model()
        if User.objects.filter(username=CURATOR).exists():
            return
        curator = User.objects.create_superuser(CURATOR, email="", password=CURATOR)
        ChangeRecord.objects.create(model=User._meta.label_lower, object_id=str(curator.pk), object_repr=CURATOR,
                                    action=ChangeRecord.Action.CREATE, source="demo")
        self.stdout.write(f"Created the demo curator account {CURATOR} (password {CURATOR}).")

    def _vocabulary(self):
        Collection.objects.get_or_create(slug=COLLECTION["slug"], defaults=COLLECTION)
        for slug, (parent, *titles) in SUBJECTS.items():
            names = dict(zip(field_names("title"), titles, strict=True))
            Subject.objects.get_or_create(
                slug=slug, defaults={**names, "parent": Subject.objects.get(slug=parent) if parent else None})

    def _media(self, sheet):
        """Generate the sample files the sheet names, except those the demo items already have."""
        made = 0
        with SpreadsheetReader(sheet) as reader:
            for index, (_line, cells, _problem) in enumerate(reader):
                names = split_list(cells["media_files"])
                attached = set(Asset.objects.filter(item__accession_number=cells["accession_number"],
                                                    original_name__in=names).values_list("original_name", flat=True))
                for name in names:
                    if name not in attached:
                        make_sample_file(sheet.parent / name, label=cells["accession_number"], index=index)
                        made += 1
        return made

    def _consents_and_provenance(self):
        for accession, narrator in SAMPLE_CONSENTS.items():
            ConsentRecord.objects.get_or_create(
                item=Item.objects.get(accession_number=accession), agent=Agent.objects.get(display_name=narrator),
                defaults={"public_web": True, "exhibits": True, "classroom": True, "research": True,
                          "given_on": date(2026, 1, 15),
                          "notes": "Sample consent of a fictional person, for the demo collection."})
        for accession, child in SAMPLE_MINORS.items():
            Agent.objects.filter(display_name=child).update(is_minor=True, birth_year=2014)
            ConsentRecord.objects.get_or_create(
                item=Item.objects.get(accession_number=accession), agent=Agent.objects.get(display_name=child),
                defaults={"public_web": True, "exhibits": True, "by_guardian": True,
                          "covers_pictures_in_lists": True, "given_on": date(2026, 1, 15),
                          "notes": "Sample consent of a fictional child's guardian, for the demo collection."})
        for item in Item.objects.filter(accession_number__startswith="DEMO-", provenance=""):
            item.provenance = PROVENANCE
            item.save()
        for agent in Agent.objects.filter(display_name__contains="(fictional", is_pseudonym=False):
            agent.is_pseudonym = True
            agent.private_notes = "Fictional person of the demo collection."
            agent.save()

    def _place_positions(self):
        """Coordinates for the demo's places that have none, so its map block draws them."""
        for place in Place.objects.filter(latitude__isnull=True, longitude__isnull=True):
            position = PLACE_POSITIONS.get(place.path())
            if position:
                place.latitude, place.longitude = position
                place.save()
