"""What an import will leave off the public site: each row's item as it will be after the import (the item that
exists with the row's cells applied, or a new one), asked of the access policy's own reasons."""

from dataclasses import dataclass
from datetime import date

from .access import reasons_not_public
from .models import Item
from .spreadsheet_curation import consents_after_import

MAX_LISTED_HIDDEN = 1000


@dataclass(frozen=True)
class HiddenRow:
    line: int
    accession_number: str
    reasons: list[str]

    def __str__(self):
        return f"line {self.line}, {self.accession_number}: " + "; ".join(self.reasons)


def rows_not_public(rows, *, existing: dict, today: date | None = None) -> list[HiddenRow]:
    """HiddenRows for the rows (checked Rows) whose item will not be public after the import.

    `existing` maps accession numbers to the ids of items that exist; their fields and consent records are read
    here in two queries. A row's consent cells add records to the ones the item has (row.consents).
    """
    items = {item.accession_number: item for item in
             Item.objects.filter(pk__in=existing.values()).prefetch_related("consents__agent")}
    hidden = []
    for row in rows:
        item = items.get(row.accession_number) or Item(accession_number=row.accession_number)
        consents = consents_after_import(item.consents.all() if item.pk else [], row.consents)
        for name, value in row.fields.items():
            setattr(item, name, value)
        reasons = reasons_not_public(item, consents=consents, today=today)
        if reasons:
            hidden.append(HiddenRow(row.line, row.accession_number, reasons))
    return hidden
