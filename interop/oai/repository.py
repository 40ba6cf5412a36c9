"""What the OAI-PMH repository holds: the public items (as the access policy decides on every request) and the
records of items that were published and have left the public set since (reported as deleted).

A public item's datestamp is its last change, or the moment it (re)entered the public set if that is later.
Lists are in order of identifier and resume after the last identifier sent, so a page is never skipped or
repeated when items are added or removed during a harvest.
"""

import re

from django.db.models import DateTimeField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest

from archive.models import Collection, Item

from ..models import HarvestRecord
from .protocol import OAIError

# A setSpec is made of these characters (the protocol's schema); a slug in another script is written by id.
_SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
_SET_BY_ID = re.compile(r"^collection\.(\d+)$")


def set_spec(collection):
    return collection.slug if _SET_SPEC.match(collection.slug) else f"collection.{collection.pk}"


def published_collections():
    """Collections with a public item, or with a record once published in them: a collection that holds only
    hidden items is not announced."""
    return Collection.objects.filter(
        Q(pk__in=Item.objects.public().values("collection_id"))
        | Q(pk__in=HarvestRecord.objects.filter(collection_id__isnull=False).values("collection_id"))
    ).order_by("slug")


def collection_for_set(spec):
    """The published collection a setSpec names, or None."""
    by_id = _SET_BY_ID.match(spec or "")
    if by_id:
        return published_collections().filter(pk=int(by_id.group(1))).first()
    return published_collections().filter(slug=spec).first() if _SET_SPEC.match(spec or "") else None


def public_items():
    stamp = HarvestRecord.objects.filter(accession_number=OuterRef("accession_number")).values("datestamp")[:1]
    return Item.objects.public().annotate(
        datestamp=Greatest("updated_at", Coalesce(Subquery(stamp, output_field=DateTimeField()), "updated_at")),
    )


def deleted_records():
    return HarvestRecord.objects.exclude(accession_number__in=Item.objects.public().values("accession_number"))


def _filtered(request, collection):
    items, deleted = public_items(), deleted_records()
    if request.set_spec is not None:
        if collection is None:
            return items.none(), deleted.none()
        items, deleted = items.filter(collection=collection), deleted.filter(collection_id=collection.pk)
    if request.start:
        items, deleted = items.filter(datestamp__gte=request.start.moment), \
            deleted.filter(datestamp__gte=request.start.moment)
    if request.until:
        items, deleted = items.filter(datestamp__lt=request.until.end()), \
            deleted.filter(datestamp__lt=request.until.end())
    return items, deleted


def list_page(request, size, *, prepare=None):
    """(rows, last key sent if more follow else None, complete list size) for one page of a list verb.

    Rows are public items and deleted HarvestRecords in order of accession number; `prepare` adds what the
    response needs to the items' queryset (select_related, prefetch_related)."""
    collection = collection_for_set(request.set_spec) if request.set_spec is not None else None
    if request.set_spec is not None and collection is None and not request.resumed:
        raise OAIError("badArgument", f"there is no set “{request.set_spec}”")
    items, deleted = _filtered(request, collection)
    total = request.total if request.total is not None else items.count() + deleted.count()
    if request.after:
        items = items.filter(accession_number__gt=request.after)
        deleted = deleted.filter(accession_number__gt=request.after)
    keys = list(items.annotate(key=F("accession_number")).values_list("key", flat=True).order_by()
                .union(deleted.annotate(key=F("accession_number")).values_list("key", flat=True).order_by())
                .order_by("key")[:size + 1])
    more = len(keys) > size
    keys = keys[:size]
    page_items = items.filter(accession_number__in=keys).select_related("collection")
    page_items = {item.accession_number: item for item in (prepare(page_items) if prepare else page_items)}
    page_deleted = {record.accession_number: record
                    for record in with_sets(deleted.filter(accession_number__in=keys))}
    rows = [page_items.get(key) or page_deleted[key] for key in keys if key in page_items or key in page_deleted]
    return rows, (keys[-1] if more else None), total


def find(accession):
    """The public item or the deleted record with this accession number; OAIError(idDoesNotExist) otherwise.

    An item that was never public is as unknown here as one that does not exist."""
    item = public_items().filter(accession_number=accession).first()
    if item is not None:
        return item
    records = with_sets(deleted_records().filter(accession_number=accession))
    if records:
        return records[0]
    raise OAIError("idDoesNotExist", "there is no public record with this identifier")


def earliest_datestamp():
    stamps = [public_items().order_by("datestamp").values_list("datestamp", flat=True).first(),
              HarvestRecord.objects.order_by("datestamp").values_list("datestamp", flat=True).first()]
    stamps = [stamp for stamp in stamps if stamp]
    return min(stamps) if stamps else None


def with_sets(records):
    """Deleted records with `set_specs`: the set each was last published in, if it still exists."""
    records = list(records)
    collections = Collection.objects.in_bulk({record.collection_id for record in records} - {None})
    for record in records:
        collection = collections.get(record.collection_id)
        record.set_specs = [set_spec(collection)] if collection else []
    return records
