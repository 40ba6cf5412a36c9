"""Keeping the search index equal to what the access policy makes public.

One mechanism: any change that can change what a document says, or whether it may be public, is *marked* with
`search_mark(label, ids)`: by the receivers `SearchSignalProcessor` connects (items, consent, people, places,
subjects, tags, collections, exhibits and blocks), by the archive's bulk `update()` signal, and by other apps for
their own documents. Once the transaction commits (and never if it rolls back), each mark is handed over:

1. marks on records that are not documents themselves (a renamed place, a deleted tag) become marks on the
   documents that show them, and marks on items reach the documents that hang off them (transcript lines and
   segments, through `search_expand_marks`);
2. one `search_index_update` task is enqueued with every document concerned; it asks the policy again and writes
   or removes each (writes take turns on the index's lock, see whoosh_backend);
3. meanwhile, in this process, documents the policy no longer shows are removed at once, so no result, count or
   facet shows a withdrawn voice while the queue is busy.

Deletions are marked before the rows go (pre_delete), when the documents that show them can still be found.

Time alone also changes the policy: an embargo lifts on its date and an exhibit goes public at its publication
time. `manage.py search_sync` (or the `search_sync` task) reconciles the whole index with the policy: it adds
what is missing, removes what is no longer public, and rewrites every document whose stored fingerprint differs
from what the document would say now. Run it daily, for example from cron:
`15 0 * * * cd /srv/archive && .venv/bin/python manage.py search_sync`.
"""

import hashlib
import json
import logging

from django.apps import apps
from django.db import transaction
from django.db.models import signals
from django_tasks import task
from haystack import connections, indexes
from haystack.query import SearchQuerySet
from haystack.signals import BaseSignalProcessor

from .analysis import MultilingualTextField, segment_text

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
LIST_BATCH = 5000

# label of a marked record -> functions turning its ids into {document label: ids}; filled by the apps that own
# the documents (exhibits below, oral_histories in its AppConfig.ready()).
_expanders = {}


class FingerprintedIndex(indexes.SearchIndex):
    """A search index whose free text is segmented into words before any engine sees it, and whose documents
    carry a fingerprint of everything they say, so `search_sync` can find and
    rewrite a document that went stale (a place renamed, a tag deleted) without rewriting the rest."""

    fingerprint = indexes.CharField(indexed=False, stored=True)

    def full_prepare(self, obj, with_string_facet=True):
        prepared = super().full_prepare(obj, with_string_facet=with_string_facet)
        # Words are found here, once, so every engine indexes the same words (search.analysis).
        for field in self.fields.values():
            if isinstance(field, MultilingualTextField) and prepared.get(field.index_fieldname):
                prepared[field.index_fieldname] = segment_text(prepared[field.index_fieldname])
        prepared["fingerprint"] = document_fingerprint(prepared)
        return prepared


def document_fingerprint(prepared):
    content = {name: value for name, value in prepared.items() if name != "fingerprint"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()[:24]


# --- marking changes, handing them over after commit -------------------------------------------------------

def search_register_expander(label, expander):
    """`expander(ids)` returns {document label: ids} of the documents that show records `label` `ids`."""
    _expanders.setdefault(label, []).append(expander)


def search_mark(label, ids):
    """Mark records whose documents may have changed; they are handed over when the transaction commits (at once
    outside a transaction), and never if it rolls back."""
    ids = sorted({pk for pk in ids if pk is not None}, key=str)
    if ids:
        transaction.on_commit(lambda: _hand_over({label: ids}))


def search_expand_marks(marks):
    """{document label: ids}: the marked documents, and the documents that show the other marked records."""
    indexed = {model._meta.label_lower for model in connections["default"].get_unified_index().get_indexed_models()}
    seen, todo = {}, list(marks.items())
    while todo:
        label, ids = todo.pop()
        new = set(ids) - seen.setdefault(label, set())
        if not new:
            continue
        seen[label] |= new
        for expander in _expanders.get(label, ()):
            todo.extend(expander(sorted(new, key=str)).items())
    return {label: sorted(ids, key=str) for label, ids in seen.items() if label in indexed and ids}


def search_mark_now(label, ids):
    """Mark the documents that show records `label` `ids` as they are linked now: for records about to be
    deleted or unlinked, after which nothing leads from them to those documents."""
    for document_label, document_ids in search_expand_marks({label: ids}).items():
        search_mark(document_label, document_ids)


def _hand_over(marks):
    documents = search_expand_marks(marks)
    if not documents:
        return
    search_index_update.enqueue(documents)
    for label, ids in documents.items():
        search_index_remove_hidden(model=apps.get_model(label), ids=ids)


# --- writing and removing documents --------------------------------------------------------------------------

def _backend_and_index(model):
    connection = connections["default"]
    return connection.get_backend(), connection.get_unified_index().get_index(model)


def _remove(backend, label, ids):
    identifiers = [f"{label}.{pk}" for pk in sorted(ids, key=str)]
    remove_many = getattr(backend, "remove_many", None)  # one commit for all, where the engine offers it
    if remove_many is not None:
        remove_many(identifiers)
    else:
        for identifier in identifiers:
            backend.remove(identifier)


def search_index_refresh(*, model, ids):
    """Write the documents of `model` objects `ids` that the policy makes public and remove the others."""
    backend, index = _backend_and_index(model)
    wanted = {str(pk) for pk in ids}
    public = list(index.index_queryset().filter(pk__in=wanted))
    if public:
        backend.update(index, public)
    hidden = wanted - {str(obj.pk) for obj in public}
    if hidden:
        _remove(backend, model._meta.label_lower, hidden)
    return len(public), len(hidden)


def search_index_remove_hidden(*, model, ids):
    """Remove at once the documents of `ids` that the policy no longer makes public; returns how many ids that
    concerned. Cheap: one query, and an index write only when such a document is really there."""
    backend, index = _backend_and_index(model)
    public = {str(pk) for pk in index.index_queryset().filter(pk__in=ids).values_list("pk", flat=True)}
    hidden = {str(pk) for pk in ids} - public
    if hidden:
        _remove(backend, model._meta.label_lower, hidden)
    return len(hidden)


def search_indexed(model):
    """{django id: fingerprint} of the documents of `model` the index holds now, read through haystack's own
    query API so it works on any engine."""
    found, start = {}, 0
    while True:
        batch = list(SearchQuerySet().models(model).values_list("pk", "fingerprint")[start:start + LIST_BATCH])
        found.update((str(pk), fingerprint) for pk, fingerprint in batch)
        if len(batch) < LIST_BATCH:
            return found
        start += LIST_BATCH


def search_index_sync(*, models=None):
    """Reconcile the index with the policy for every indexed model: add what is public and missing, rewrite what
    is stale, remove what is indexed and no longer public. Returns {model label: (added, rewritten, removed)}."""
    connection = connections["default"]
    backend = connection.get_backend()
    unified = connection.get_unified_index()
    report = {}
    for model in models or unified.get_indexed_models():
        index = unified.get_index(model)
        label = model._meta.label_lower
        indexed = search_indexed(model)
        public_ids = list(index.index_queryset().prefetch_related(None).order_by("pk").values_list("pk", flat=True))
        added = rewritten = 0
        for start in range(0, len(public_ids), BATCH_SIZE):
            batch = list(index.index_queryset().filter(pk__in=public_ids[start:start + BATCH_SIZE]))
            stale = [obj for obj in batch
                     if indexed.get(str(obj.pk)) != index.full_prepare(obj)["fingerprint"]]
            if stale:
                backend.update(index, stale)
            added += sum(1 for obj in stale if str(obj.pk) not in indexed)
            rewritten += sum(1 for obj in stale if str(obj.pk) in indexed)
        extra = set(indexed) - {str(pk) for pk in public_ids}
        if extra:
            _remove(backend, label, extra)
        report[label] = (added, rewritten, len(extra))
    return report


@task(queue_name="search")
def search_index_update(documents):
    """Bring the documents {label: ids} in line with the policy."""
    for label, ids in documents.items():
        written, removed = search_index_refresh(model=apps.get_model(label), ids=ids)
        logger.info("search index: %s %s written, %s removed", label, written, removed)


@task(queue_name="search")
def search_sync():
    return {label: list(counts) for label, counts in search_index_sync().items()}


# --- what marks what ---------------------------------------------------------------------------------------------

def _items_of(relation):
    """An expander: the items linked to records of one kind through `relation` (a lookup from Item)."""
    def expand(ids):
        Item = apps.get_model("archive", "Item")
        return {"archive.item": list(Item.objects.filter(**{f"{relation}__in": ids}).values_list("pk", flat=True)
                                     .distinct())}
    return expand


def _tagged_items(ids):
    from taggit.models import TaggedItem

    Item = apps.get_model("archive", "Item")
    rows = TaggedItem.objects.filter(tag_id__in=ids, content_type__app_label="archive", content_type__model="item")
    return {Item._meta.label_lower: list(rows.values_list("object_id", flat=True))}


TERM_RELATIONS = {"archive.place": "places", "archive.subject": "subjects", "archive.agent": "item_agents__agent",
                  "archive.collection": "collection"}
for _label, _relation in {**TERM_RELATIONS, "archive.consentrecord": "consents"}.items():
    search_register_expander(_label, _items_of(_relation))
search_register_expander("taggit.tag", _tagged_items)


class SearchSignalProcessor(BaseSignalProcessor):
    """Marks catalogue and exhibit changes for the index (settings.HAYSTACK_SIGNAL_PROCESSOR)."""

    def setup(self):
        from archive.signals import records_updated

        self._connected = []
        Item = apps.get_model("archive", "Item")
        for model in ("archive.Item", "exhibits.Exhibit"):
            self._connect(signals.post_save, self.object_changed, apps.get_model(model))
            self._connect(signals.post_delete, self.object_changed, apps.get_model(model))
        for model in ("archive.ConsentRecord", "archive.ItemAgent"):
            self._connect(signals.post_save, self.item_part_changed, apps.get_model(model))
            self._connect(signals.post_delete, self.item_part_changed, apps.get_model(model))
        for relation in (Item.places, Item.subjects, Item.languages, Item.tags):
            self._connect(signals.m2m_changed, self.item_relation_changed, relation.through)
        for model in (*TERM_RELATIONS, "taggit.tag"):
            self._connect(signals.post_save, self.term_changed, apps.get_model(model))
            self._connect(signals.pre_delete, self.term_deleting, apps.get_model(model))
        self._connect(signals.post_save, self.block_changed, apps.get_model("exhibits", "Block"))
        self._connect(signals.post_delete, self.block_changed, apps.get_model("exhibits", "Block"))
        self._connect(records_updated, self.records_updated, None)

    def teardown(self):
        for signal, receiver, sender in getattr(self, "_connected", []):
            signal.disconnect(receiver, sender=sender)
        self._connected = []

    def _connect(self, signal, receiver, sender):
        signal.connect(receiver, sender=sender)
        self._connected.append((signal, receiver, sender))

    def object_changed(self, sender, instance, **kwargs):
        search_mark(sender._meta.label_lower, [instance.pk])

    def item_part_changed(self, sender, instance, **kwargs):
        search_mark("archive.item", [instance.item_id])

    def item_relation_changed(self, sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if not reverse:
            search_mark("archive.item", [instance.pk])
        elif action == "pre_clear":
            search_mark_now(instance._meta.label_lower, [instance.pk])  # place.items.clear()
        else:
            search_mark("archive.item", pk_set or [])

    def term_changed(self, sender, instance, created=False, **kwargs):
        if not created:
            search_mark(sender._meta.label_lower, [instance.pk])

    def term_deleting(self, sender, instance, **kwargs):
        search_mark_now(sender._meta.label_lower, [instance.pk])

    def block_changed(self, sender, instance, **kwargs):
        search_mark("exhibits.exhibit", [instance.exhibit_id])

    def records_updated(self, sender, pks, **kwargs):
        search_mark(sender._meta.label_lower, pks)
