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


class _Flush:
    """The items one transaction touched, refreshed together when Django calls this after the commit."""

    def __init__(self):
        self.ids = set()

    def __call__(self):
        if getattr(_pending, "flush", None) is self:
            _pending.flush = None
        ids, self.ids = sorted(self.ids), set()
        for start in range(0, len(ids), BATCH):
            harvest_records_refresh(item_ids=ids[start:start + BATCH])


def _refresh_after_commit(item_ids):
    """Remember the items and refresh them all after the commit, with one callback a transaction however many
    items it touches. Ids remembered by a transaction (or savepoint) that rolled back are forgotten with the flush
    Django dropped; a flush still waiting was registered in this part of the transaction or around it, so it runs
    whenever this change commits."""
    item_ids = list(item_ids)
    if not item_ids:
        return
    flush = getattr(_pending, "flush", None)
    if flush is None or not any(func is flush for _savepoints, func, _robust in
                                transaction.get_connection().run_on_commit):
        flush = _pending.flush = _Flush()
        flush.ids.update(item_ids)
        transaction.on_commit(flush)  # outside a transaction, this runs it at once
    else:
        flush.ids.update(item_ids)


@receiver(post_save, sender=Item, dispatch_uid="interop_oai_item_saved")
@receiver(post_delete, sender=Item, dispatch_uid="interop_oai_item_deleted")
def item_changed(sender, instance, **kwargs):
    _refresh_after_commit([instance.pk])


@receiver(post_save, sender=ConsentRecord, dispatch_uid="interop_oai_consent_saved")
@receiver(post_delete, sender=ConsentRecord, dispatch_uid="interop_oai_consent_deleted")
def consent_changed(sender, instance, **kwargs):
    _refresh_after_commit([instance.item_id])


@receiver(post_save, sender=ItemAgent, dispatch_uid="interop_oai_credit_saved")
@receiver(post_delete, sender=ItemAgent, dispatch_uid="interop_oai_credit_deleted")
def credit_changed(sender, instance, **kwargs):
    """A minor added to an item's people takes it out of the public set until a guardian consents."""
    _refresh_after_commit([instance.item_id])


@receiver(post_save, sender=Agent, dispatch_uid="interop_oai_agent_saved")
def agent_changed(sender, instance, **kwargs):
    """A person marked a minor (or no longer one) takes their items out of the public set, or back."""
    _refresh_after_commit(ItemAgent.objects.filter(agent=instance).values_list("item_id", flat=True).distinct())


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
    _refresh_after_commit(item_ids)
