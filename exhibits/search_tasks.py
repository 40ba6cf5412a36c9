"""Keeping the search index equal to what the access policy makes public.

Any change that can change what a document says or whether it may be public (an item, its consent records,
people, places, subjects, tags and languages, an exhibit and its blocks) enqueues, once its transaction commits,
`search_index_update` with the ids concerned. The task asks the policy again and writes or removes each document;
writes take turns on the index's lock (see search_backend). So an item that is restricted, embargoed, withdrawn or
loses its consent leaves the index as soon as the background worker runs the task.

Time alone also changes the policy: an embargo lifts on its date and an exhibit goes public at its publication
time. `manage.py search_sync` (or the `search_sync` task) reconciles the whole index with the policy; run it
daily, for example from cron: `15 0 * * * cd /srv/archive && .venv/bin/python manage.py search_sync`.

Other apps with search indexes enqueue `search_index_update` too, with their model's label and ids; the policy
for their documents is their index's `index_queryset()`.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.db.models import signals
from django_tasks import task
from haystack import connections
from haystack.signals import BaseSignalProcessor

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def _backend_and_index(model):
    connection = connections["default"]
    return connection.get_backend(), connection.get_unified_index().get_index(model)


def search_index_refresh(*, model, ids):
    """Write the documents of `model` objects `ids` that the policy makes public and remove the others."""
    backend, index = _backend_and_index(model)
    wanted = {str(pk) for pk in ids}
    public = list(index.index_queryset().filter(pk__in=wanted))
    if public:
        backend.update(index, public)
    hidden = wanted - {str(obj.pk) for obj in public}
    if hidden:
        backend.remove_many([f"{model._meta.label_lower}.{pk}" for pk in hidden])
    return len(public), len(hidden)


def search_index_sync(*, models=None):
    """Reconcile the index with the policy for every indexed model: add what is public and missing, remove
    what is indexed and no longer public. Returns {model label: (added, removed)}."""
    connection = connections["default"]
    backend = connection.get_backend()
    unified = connection.get_unified_index()
    report = {}
    for model in models or unified.get_indexed_models():
        index = unified.get_index(model)
        label = model._meta.label_lower
        public = {str(pk) for pk in index.index_queryset().prefetch_related(None).order_by()
                  .values_list("pk", flat=True)}
        indexed = backend.indexed_ids(label)
        missing, extra = sorted(public - indexed), sorted(indexed - public)
        for start in range(0, len(missing), BATCH_SIZE):
            batch = missing[start:start + BATCH_SIZE]
            backend.update(index, list(index.index_queryset().filter(pk__in=batch)))
        if extra:
            backend.remove_many([f"{label}.{pk}" for pk in extra])
        report[label] = (len(missing), len(extra))
    return report


@task(queue_name="search")
def search_index_update(model_label, ids):
    added, removed = search_index_refresh(model=apps.get_model(model_label), ids=ids)
    logger.info("search index: %s %s written, %s removed", model_label, added, removed)


@task(queue_name="search")
def search_sync():
    return {label: list(counts) for label, counts in search_index_sync().items()}


def search_index_remove_hidden(*, model, ids):
    """Remove at once the documents of `ids` that the policy no longer makes public; returns how many ids that
    concerned. Cheap: one query, and an index write only when such a document is really there."""
    backend, index = _backend_and_index(model)
    public = {str(pk) for pk in index.index_queryset().filter(pk__in=ids).values_list("pk", flat=True)}
    hidden = {str(pk) for pk in ids} - public
    if hidden:
        backend.remove_many([f"{model._meta.label_lower}.{pk}" for pk in sorted(hidden)])
    return len(hidden)


def search_enqueue(model_label, ids):
    """Once the current transaction commits: take what became hidden out of the index in this process, then
    enqueue the update of these documents. Hiding does not wait for the worker, so no search result, count or
    facet shows a withdrawn item while the queue is busy."""
    ids = sorted({pk for pk in ids if pk is not None})
    if ids:
        def after_commit():
            search_index_remove_hidden(model=apps.get_model(model_label), ids=ids)
            search_index_update.enqueue(model_label, ids)

        transaction.on_commit(after_commit)


def search_enqueue_items_of(related_queryset):
    """On commit, enqueue the items related to a renamed place, subject, agent or collection."""
    def enqueue():
        item_ids = list(related_queryset.values_list("pk", flat=True))
        if item_ids:
            search_index_update.enqueue("archive.item", item_ids)
    transaction.on_commit(enqueue)


class SearchSignalProcessor(BaseSignalProcessor):
    """Turns catalogue changes into search_index_update tasks (settings.HAYSTACK_SIGNAL_PROCESSOR)."""

    def setup(self):
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
        for model in ("archive.Place", "archive.Subject", "archive.Agent", "archive.Collection"):
            self._connect(signals.post_save, self.term_changed, apps.get_model(model))
        self._connect(signals.post_save, self.block_changed, apps.get_model("exhibits", "Block"))
        self._connect(signals.post_delete, self.block_changed, apps.get_model("exhibits", "Block"))

    def teardown(self):
        for signal, receiver, sender in getattr(self, "_connected", []):
            signal.disconnect(receiver, sender=sender)
        self._connected = []

    def _connect(self, signal, receiver, sender):
        signal.connect(receiver, sender=sender)
        self._connected.append((signal, receiver, sender))

    def object_changed(self, sender, instance, **kwargs):
        search_enqueue(model_label=sender._meta.label_lower, ids=[instance.pk])

    def item_part_changed(self, sender, instance, **kwargs):
        search_enqueue(model_label="archive.item", ids=[instance.item_id])

    def item_relation_changed(self, sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
            return
        if not reverse:
            if action != "pre_clear":
                search_enqueue(model_label="archive.item", ids=[instance.pk])
        elif action == "pre_clear" and hasattr(instance, "items"):
            search_enqueue(model_label="archive.item", ids=list(instance.items.values_list("pk", flat=True)))
        elif action != "post_clear":
            search_enqueue(model_label="archive.item", ids=pk_set or [])

    def term_changed(self, sender, instance, created=False, **kwargs):
        if not created:
            search_enqueue_items_of(instance.items.all())

    def block_changed(self, sender, instance, **kwargs):
        search_enqueue(model_label="exhibits.exhibit", ids=[instance.exhibit_id])
