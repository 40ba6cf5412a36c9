"""Saves and deletions that can change whether an item is public, passed on to the publication service.

Bulk updates send no signals; `manage.py oai_sync` reconciles those (see interop/oai/publication.py).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from archive.models import ConsentRecord, Item

from .publication import harvest_records_refresh


def _refresh_after_commit(item_id):
    transaction.on_commit(lambda: harvest_records_refresh(item_ids=[item_id]))


@receiver(post_save, sender=Item, dispatch_uid="interop_oai_item_saved")
@receiver(post_delete, sender=Item, dispatch_uid="interop_oai_item_deleted")
def item_changed(sender, instance, **kwargs):
    _refresh_after_commit(instance.pk)


@receiver(post_save, sender=ConsentRecord, dispatch_uid="interop_oai_consent_saved")
@receiver(post_delete, sender=ConsentRecord, dispatch_uid="interop_oai_consent_deleted")
def consent_changed(sender, instance, **kwargs):
    _refresh_after_commit(instance.item_id)
