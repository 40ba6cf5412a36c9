"""Signals the catalogue sends beyond Django's own.

`records_updated` is sent after a bulk `QuerySet.update()` on a record whose changes the history keeps
(`archive.history.RecordedQuerySet`), with the primary keys of the rows it changed. Django sends no signal for
update(), so without this a consent withdrawn with `ConsentRecord.objects.filter(...).update(withdrawn_on=...)`
would leave the search index and everyone else who follows the catalogue unaware until their next full
reconciliation.

It is sent as well after rows were inserted in bulk without their save signals (the spreadsheet import's new
items, with their lists and people), so the same followers hear of them.
"""

from django.dispatch import Signal

records_updated = Signal()  # sender: the model class; pks: list of primary keys (updated or inserted)
