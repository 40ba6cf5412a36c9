"""Keeping transcript lines and segments in the search index as the access policy says, one item at a time.

Whenever a transcript, a segment index or its staff-only flag changes, the item's documents are brought up to
date in the background after the commit: what is public now is (re)indexed, everything else of the item's is
removed, including documents of lines that no longer exist.
"""

from django.db import transaction
from haystack import connections
from haystack.query import SearchQuerySet

from .models import Cue, Segment

ITEM_FILTERS = {Cue: "transcript__recording__item_id", Segment: "recording__item_id"}


def schedule_item_reindex(item_id):
    from .tasks import reindex_item_texts

    transaction.on_commit(lambda: reindex_item_texts.enqueue(item_id))


def item_texts_reindex(*, item_id, using="default"):
    """Make the index hold exactly the item's public transcript lines and segments."""
    backend = connections[using].get_backend()
    unified = connections[using].get_unified_index()
    for model, item_filter in ITEM_FILTERS.items():
        index = unified.get_index(model)
        public = list(index.index_queryset(using=using).filter(**{item_filter: item_id}))
        keep = {str(obj.pk) for obj in public}
        label = model._meta.label_lower
        for pk in indexed_pks(model, item_id, using=using) - keep:
            backend.remove(f"{label}.{pk}")
        if public:
            backend.update(index, public)


def indexed_pks(model, item_id, *, using="default"):
    """The ids of `model` documents the index holds for an item."""
    results = SearchQuerySet(using=using).models(model).filter(oh_item=item_id)
    return {str(result.pk) for result in results}


