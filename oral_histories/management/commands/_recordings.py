"""What the oral-history commands share: finding the item, reading the file, readable failures."""

from pathlib import Path

from django.core.management.base import CommandError

from archive.history import acting_as
from archive.models import Item


def item_by_accession(accession):
    item = Item.objects.filter(accession_number=accession).first()
    if item is None:
        raise CommandError(f"no item with accession number {accession}")
    return item


def read_file(path):
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CommandError(f"{path} is a folder, not a file") from None


def as_command():
    return acting_as(None, "command")
