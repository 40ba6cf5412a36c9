"""Saves and deletions that can change whether an item is public, passed on to the publication service.

The items a transaction touched are refreshed together once it commits: an import of a thousand items costs a
few queries per batch, not per item. Bulk updates of items and consent records arrive through the archive's
`records_updated` signal; `manage.py oai_sync` reconciles what no signal announces, such as an embargo lifting
by date (see interop/oai/publication.py).
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from archive.models import Agent, ConsentRecord, Item, ItemAgent
from archive.signals import records_updated

from .publication import harvest_records_refresh

BATCH = 500
_pending = threading.local()


def _refresh_after_commit(item_id):
    """Remember the item and refresh every remembered one after the commit. Ids remembered by a transaction that
    rolled back are forgotten: its flush is no longer waiting for a commit when the next change comes."""
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    waiting = any(func is _flush for _savepoints, func, _robust in transaction.get_connection().run_on_commit)
    if not waiting:
        _pending.ids.clear()
    _pending.ids.add(item_id)
    transaction.on_commit(_flush)


def _flush():
    ids = sorted(getattr(_pending, "ids", ()))
    if not ids:
        return
    _pending.ids = set()
    for start in range(0, len(ids), BATCH):
        harvest_records_refresh(item_ids=ids[start:start + BATCH])


@receiver(post_save, sender=Item, dispatch_uid="interop_oai_item_saved")
@receiver(post_delete, sender=Item, dispatch_uid="interop_oai_item_deleted")
def item_changed(sender, instance, **kwargs):
    _refresh_after_commit(instance.pk)


@receiver(post_save, sender=ConsentRecord, dispatch_uid="interop_oai_consent_saved")
@receiver(post_delete, sender=ConsentRecord, dispatch_uid="interop_oai_consent_deleted")
def consent_changed(sender, instance, **kwargs):
    _refresh_after_commit(instance.item_id)


@receiver(post_save, sender=ItemAgent, dispatch_uid="interop_oai_credit_saved")
@receiver(post_delete, sender=ItemAgent, dispatch_uid="interop_oai_credit_deleted")
def credit_changed(sender, instance, **kwargs):
    """A minor added to an item's people takes it out of the public set until a guardian consents."""
    _refresh_after_commit(instance.item_id)


@receiver(post_save, sender=Agent, dispatch_uid="interop_oai_agent_saved")
def agent_changed(sender, instance, **kwargs):
    """A person marked a minor (or no longer one) takes their items out of the public set, or back."""
    for item_id in ItemAgent.objects.filter(agent=instance).values_list("item_id", flat=True).distinct():
        _refresh_after_commit(item_id)


@receiver(records_updated, dispatch_uid="interop_oai_records_updated")
def records_bulk_updated(sender, pks, **kwargs):
    if sender is Item:
        item_ids = pks
    elif sender is ConsentRecord:
        item_ids = ConsentRecord.objects.filter(pk__in=pks).values_list("item_id", flat=True).distinct()
    elif sender is Agent:
        item_ids = ItemAgent.objects.filter(agent__in=pks).values_list("item_id", flat=True).distinct()
    else:
        return
    for item_id in item_ids:
        _refresh_after_commit(item_id)
