"""Keeping HarvestRecord in step with the public set, so an item that leaves it is reported as deleted.

`harvest_records_refresh` compares what the access policy makes public now with what was last published, for
some items (after a save or a bulk update, from the receivers) or for all of them (`manage.py oai_sync`, daily).
Lifting embargoes, which happens by date without a save, is picked up by the daily sync.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from archive.models import Item

from ..models import HarvestRecord

BATCH = 1000


@dataclass
class SyncReport:
    published: int = 0
    deleted: int = 0
    unchanged: int = 0


def harvest_records_refresh(*, item_ids=None, now=None):
    """Record items that became public and mark as deleted those that left the public set.

    With `item_ids`, only those items (and the records that name them) are looked at. Returns a SyncReport.
    """
    now = now or timezone.now()
    report = SyncReport()
    public = Item.objects.public()
    if item_ids is not None:
        item_ids = list(item_ids)
        public = public.filter(pk__in=item_ids)
    current = {accession: (pk, collection) for pk, accession, collection
               in public.values_list("pk", "accession_number", "collection_id").iterator(chunk_size=BATCH)}
    with transaction.atomic():
        records = HarvestRecord.objects.select_for_update()
        if item_ids is not None:
            records = records.filter(Q(item_id__in=item_ids) | Q(accession_number__in=list(current)))
        known = {record.accession_number: record for record in records}
        for accession, record in known.items():
            if accession not in current and not record.deleted:
                record.deleted, record.datestamp = True, now
                record.save(update_fields=["deleted", "datestamp"])
                report.deleted += 1
        created = []
        for accession, (pk, collection) in current.items():
            record = known.get(accession)
            if record is None:
                created.append(HarvestRecord(accession_number=accession, item_id=pk, collection_id=collection,
                                             datestamp=now))
                report.published += 1
            elif record.deleted or record.item_id != pk or record.collection_id != collection:
                if record.deleted:
                    record.datestamp = now
                    report.published += 1
                else:
                    report.unchanged += 1
                record.deleted, record.item_id, record.collection_id = False, pk, collection
                record.save(update_fields=["deleted", "item_id", "collection_id", "datestamp"])
            else:
                report.unchanged += 1
        HarvestRecord.objects.bulk_create(created, batch_size=BATCH)
    return report
