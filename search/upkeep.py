"""Keeping the search index equal to what the access policy makes public.

One mechanism: any change that can change what a document says, or whether it may be public, is *marked* with
`search_mark(label, ids)`. Each app declares beside its indexes (its search_indexes.py) what a change of each of
its models marks: `search_track(model)` for a saved or deleted row, `search_track_relation(through, label=...)`
for a changed many-to-many list; the archive's bulk `update()` signal marks what it updated; code that writes
rows without signals (bulk_create) calls `search_mark` itself. Marks are gathered per transaction; once it
commits (and never if it rolls back), they are handed over together:

1. marks on records that are not documents themselves (a renamed place, a deleted tag) become marks on the
   documents that show them, and marks on items reach the documents that hang off them (transcript lines and
   segments, through `search_expand_marks`);
2. one `search_index_update` task is enqueued with every document concerned (one per transaction, however
   many rows it saved); it asks the policy again and writes or removes each (on Whoosh, writes take turns on
   the index's lock, see whoosh_backend);
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
import weakref
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.db.models import signals
from django.utils.module_loading import module_has_submodule
from django_tasks import task
from haystack import connections, indexes
from haystack.query import SearchQuerySet

from .analysis import MultilingualTextField, segment_text

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
LIST_BATCH = 5000

# label of a marked record -> functions turning its ids into {document label: ids}; filled by the apps that own
# the documents, in their search_indexes.py's search_track_changes().
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


class _HandOver:
    """The marks gathered in the transaction open on one database, handed over when Django calls this after the
    commit. One is waiting per transaction, whatever the number of marks, so an import of 100,000 rows leaves
    Django holding one callback, not one per saved row."""

    def __init__(self, connection, marks=None):
        self.connection = weakref.ref(connection)  # not a strong one: it would keep its own key in _waiting alive
        self.marks = marks or {}  # label -> ids

    def __call__(self):
        connection = self.connection()
        if connection is not None and _waiting.get(connection) is self:
            del _waiting[connection]
        marks, self.marks = self.marks, {}
        if marks:
            _hand_over({label: sorted(ids, key=str) for label, ids in marks.items()})


# A database connection (one a thread) -> the _HandOver registered with the transaction open on it.
_waiting = weakref.WeakKeyDictionary()


def search_mark(label, ids, *, using="default"):
    """Mark records whose documents may have changed; every mark of a transaction is handed over in one go when
    it commits (at once outside a transaction). A transaction that rolls back hands nothing over; its marks wait
    for the next hand-over, where asking the policy again finds nothing to write for rows that never were."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _hand_over({label: sorted(ids, key=str)})
        return
    hand_over = _waiting.get(connection)
    if hand_over is None or not any(func is hand_over for _savepoints, func, _robust in connection.run_on_commit):
        # None waits yet, or Django dropped it with the savepoint (or transaction) it was registered in. A new one
        # registered here runs if the part of the transaction making this mark commits; it takes over the marks
        # the dropped one held, which the policy finds nothing to write for if their rows went with it. Any
        # callback still waiting was registered in this part of the transaction or around it, so it runs
        # whenever this mark's part commits.
        hand_over = _waiting[connection] = _HandOver(connection, hand_over.marks if hand_over else None)
        hand_over.marks.setdefault(label, set()).update(ids)
        transaction.on_commit(hand_over, using=using)
    else:
        hand_over.marks.setdefault(label, set()).update(ids)


def search_hand_over_later(*, using="default"):
    """Let go of the hand-over waiting on the transaction open on `using`, as if Django had dropped it: the next
    mark registers a new one, which takes over the marks. For a test harness that runs only the callbacks
    registered from some point on (Django's captureOnCommitCallbacks), so marks made after that point are handed
    over, with the ones before them, as at a commit."""
    connection = transaction.get_connection(using)
    hand_over = _waiting.get(connection)
    if hand_over is not None:
        connection.run_on_commit = [entry for entry in connection.run_on_commit if entry[1] is not hand_over]


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


def _remove(backend, model, ids):
    """Remove the documents of `model` objects `ids` that the index holds, through haystack's public API (one
    query to find them, then `backend.remove` for each), so every engine takes the same path."""
    for pk in sorted(_indexed_among(model, ids), key=str):
        backend.remove(f"{model._meta.label_lower}.{pk}")


def _indexed_among(model, ids):
    """Those of `ids` whose documents the index holds now."""
    ids = sorted({str(pk) for pk in ids}, key=str)
    found = set()
    for start in range(0, len(ids), LIST_BATCH):
        batch = ids[start:start + LIST_BATCH]
        found.update(str(pk) for pk in SearchQuerySet().models(model).filter(django_id__in=batch)
                     .values_list("pk", flat=True)[:len(batch)])
    return found


def search_index_refresh(*, model, ids):
    """Write the documents of `model` objects `ids` that the policy makes public and remove the others."""
    backend, index = _backend_and_index(model)
    wanted = {str(pk) for pk in ids}
    public = list(index.index_queryset().filter(pk__in=wanted))
    if public:
        backend.update(index, public)
    hidden = wanted - {str(obj.pk) for obj in public}
    if hidden:
        _remove(backend, model, hidden)
    return len(public), len(hidden)


def search_index_remove_hidden(*, model, ids):
    """Remove at once the documents of `ids` that the policy no longer makes public; returns how many ids that
    concerned. Cheap: one query, and an index write only when such a document is really there."""
    backend, index = _backend_and_index(model)
    public = {str(pk) for pk in index.index_queryset().filter(pk__in=ids).values_list("pk", flat=True)}
    hidden = {str(pk) for pk in ids} - public
    if hidden:
        _remove(backend, model, hidden)
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
            _remove(backend, model, extra)
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

def _itself(instance):
    return instance._meta.label_lower, [instance.pk]


def search_track(model, *, marks=_itself, changes_only=False, follow_before_delete=False):
    """A saved or deleted row of `model` marks `marks(instance)` ((label, ids); by default the row itself).

    changes_only: a new row marks nothing (a new place shows in no document yet). follow_before_delete: a deleted
    row marks the documents that show it while they can still be found (a place, a tag)."""
    uid = f"search.{model._meta.label_lower}"

    def saved(sender, instance, created=False, **kwargs):
        if not (created and changes_only):
            search_mark(*marks(instance))

    def deleting(sender, instance, **kwargs):
        search_mark_now(*marks(instance))

    def deleted(sender, instance, **kwargs):
        search_mark(*marks(instance))

    _connect(signals.post_save, saved, model, uid)
    if follow_before_delete:
        _connect(signals.pre_delete, deleting, model, uid)
    else:
        _connect(signals.post_delete, deleted, model, uid)


def search_track_relation(through, *, label):
    """A changed many-to-many list (`through`, from the side whose documents are `label`) marks those documents:
    `item.places.add(p)` the item, `place.items.add(i)` the items, `place.items.clear()` every item it held."""

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if not reverse:
            search_mark(label, [instance.pk])
        elif action == "pre_clear":
            search_mark_now(instance._meta.label_lower, [instance.pk])
        else:
            search_mark(label, pk_set or [])

    _connect(signals.m2m_changed, changed, through, f"search.{through._meta.label_lower}")


def _records_updated(sender, pks, **kwargs):
    search_mark(sender._meta.label_lower, pks)


def search_track_changes():
    """Connect what each app's search_indexes.py declares in its `search_track_changes()`, and bulk updates:
    `QuerySet.update()` on a record the history keeps marks the rows it updated (archive.signals). Run once, by
    the search app when Django starts."""
    from archive.signals import records_updated

    _connect(records_updated, _records_updated, None, "search.records_updated")
    for app_config in apps.get_app_configs():
        if app_config.name == "search" or not module_has_submodule(app_config.module, "search_indexes"):
            continue
        declare = getattr(import_module(f"{app_config.name}.search_indexes"), "search_track_changes", None)
        if declare is not None:
            declare()


def search_stop_tracking():
    """Disconnect every receiver search_track_changes connected: nothing is marked until it runs again (a bulk
    load followed by `rebuild_index`, a benchmark of the catalogue without its index)."""
    while _connected:
        signal, sender, uid = _connected.pop()
        signal.disconnect(sender=sender, dispatch_uid=uid)


_connected = []  # (signal, sender, dispatch_uid) of each receiver connected


def _connect(signal, receiver, sender, uid):
    signal.connect(receiver, sender=sender, dispatch_uid=uid, weak=False)
    _connected.append((signal, sender, uid))
