"""Report, and with --repair fix, catalogue text that is not in the archive's normal form (archive/normalise.py):
records imported or typed before normalisation existed."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction

from archive.history import acting_as
from archive.normalise import DESCRIPTIONS, ZAWGYI_UNSURE, needs_normalising, normalise

# The catalogue's records with text, by label; apps that are not installed are left out.
CATALOGUE_MODELS = (
    "archive.Item", "archive.Agent", "archive.Place", "archive.Subject", "archive.Collection",
    "exhibits.Exhibit", "exhibits.Block", "exhibits.BlockItem",
    "oral_histories.Transcript", "oral_histories.Cue", "oral_histories.Segment",
)
# Fields that are part of a public address (/items/<accession_number>/, /exhibits/<slug>/).
ADDRESS_FIELDS = {"accession_number", "slug"}


def catalogue_models():
    for label in CATALOGUE_MODELS:
        try:
            yield apps.get_model(label)
        except LookupError:
            continue


def text_fields(model):
    """The free-text fields of a model: CharField and TextField without choices."""
    return [field for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices and field.editable]


def catalogue_text_problems():
    """(model, pk, {field name: Normalised}) for each record with text not in the normal form."""
    for model in catalogue_models():
        fields = text_fields(model)
        names = [field.name for field in fields]
        for pk, *values in model.objects.order_by("pk").values_list("pk", *names).iterator(chunk_size=2000):
            found = {}
            for name, value in zip(names, values, strict=True):
                if value and needs_normalising(value):
                    result = normalise(value)
                    if result.changes:
                        found[name] = result
            if found:
                yield model, pk, found


def catalogue_text_repair(model, pk, found):
    """Save the normal form of the fields of one record that can be repaired; returns their names.

    Left for a curator: text that may be Zawgyi, fields that are part of a public address (links to the old
    form would break), and unique fields whose normal form is already another record's."""
    unique = {field.name for field in text_fields(model) if field.unique}
    names = [name for name, result in found.items()
             if result.changes - {ZAWGYI_UNSURE} and name not in ADDRESS_FIELDS
             and not (name in unique and model.objects.filter(**{name: result.text}).exclude(pk=pk).exists())]
    if names:
        with acting_as(None, "normalise"), transaction.atomic():
            record = model.objects.select_for_update().get(pk=pk)
            for name in names:
                setattr(record, name, found[name].text)
            record.save(update_fields=names)
    return names


class Command(BaseCommand):
    help = ("Report catalogue text not in the archive's normal form (Zawgyi Burmese, decomposed Thai sara am, "
            "Khmer out of order, zero-width characters inside words); --repair saves the normal form.")

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="save the normal form of what can be repaired")

    def handle(self, *args, repair, **options):
        records = fields = repaired = 0
        for model, pk, found in catalogue_text_problems():
            records += 1
            fields += len(found)
            for name, result in found.items():
                what = "; ".join(DESCRIPTIONS[change] for change in sorted(result.changes))
                self.stdout.write(f"{model._meta.label_lower} {pk} {name}: {what}")
            if repair:
                done = catalogue_text_repair(model, pk, found)
                repaired += len(done)
                for name in sorted(set(found) - set(done)):
                    self.stdout.write(f"{model._meta.label_lower} {pk} {name}: not repaired, check it by hand")
        summary = f"{fields} field(s) in {records} record(s) are not in the normal form"
        if repair:
            summary += f"; {repaired} repaired"
        elif fields:
            summary += "; run with --repair to save the normal form"
        self.stdout.write(summary + ".")
