"""How long files outlive their records (docs/media.md, "What is kept, and for how long").

The files of a deleted asset (its original and every derivative, HLS segments included) and of a deleted consent
record (its evidence) are removed once the deletion commits, and not at all when it rolls back. Replacing or
removing consent evidence removes the earlier file the same way. The receivers that notice these deletions only
schedule the services below; deletions through the admin, a cascade from an item or `QuerySet.delete()` all
send the signals. `files_sweep` (`manage.py media_sweep`) removes what no record points to any more: originals
and evidence left by a rolled-back transaction, derivative folders of deleted assets or replaced profiles, and
spreadsheet uploads checked in the admin but never imported.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import signals
from django.utils import timezone

from archive.import_uploads import import_uploads_forget
from archive.models import Asset, ConsentRecord
from archive.storage import delete_folder, newest_change, private_storage, public_storage, subfolders, walk

from .models import Derivative, MediaJob

DERIVATIVES = "derivatives"
ORIGINALS = "originals"
EVIDENCE = "consent"
# What files_sweep removes, and how the command counts each kind.
KINDS = {
    "original": "unreferenced original(s)",
    "evidence": "orphaned consent evidence file(s)",
    "derivatives": "orphaned derivative folder(s)",
    "import": "stale import upload(s)",
}


# --- when a record goes -----------------------------------------------------------------------------------

def asset_files_remove(*, asset_id, original):
    """Remove a deleted asset's original from private storage and its derivative folder from public storage."""
    if original and not Asset.objects.filter(original=original).exists():
        private_storage.delete(original)
    if not Asset.objects.filter(pk=asset_id).exists():
        delete_folder(public_storage, f"{DERIVATIVES}/{asset_id}")


def consent_evidence_remove(*, name):
    """Remove an evidence file that no consent record points to any more."""
    if name and not ConsentRecord.objects.filter(evidence=name).exists():
        private_storage.delete(name)


def _asset_deleted(sender, instance, using=None, **kwargs):
    transaction.on_commit(partial(asset_files_remove, asset_id=instance.pk, original=instance.original.name),
                          using=using)


def _consent_deleted(sender, instance, using=None, **kwargs):
    transaction.on_commit(partial(consent_evidence_remove, name=instance.evidence.name), using=using)


def _consent_saving(sender, instance, raw=False, using=None, **kwargs):
    if not raw and instance.pk is not None and not instance._state.adding:
        instance._evidence_before = (ConsentRecord.objects.using(using).filter(pk=instance.pk)
                                     .values_list("evidence", flat=True).first())


def _consent_saved(sender, instance, raw=False, using=None, **kwargs):
    before = instance.__dict__.pop("_evidence_before", None)
    if before and before != instance.evidence.name:
        transaction.on_commit(partial(consent_evidence_remove, name=before), using=using)


def connect():
    for signal, receiver, model in ((signals.post_delete, _asset_deleted, Asset),
                                    (signals.post_delete, _consent_deleted, ConsentRecord),
                                    (signals.pre_save, _consent_saving, ConsentRecord),
                                    (signals.post_save, _consent_saved, ConsentRecord)):
        signal.connect(receiver, sender=model, dispatch_uid=f"media_pipeline.retention.{receiver.__name__}")


# --- the sweep --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Removal:
    kind: str  # a key of KINDS
    name: str  # relative to private storage (originals, evidence, imports) or to public storage (derivatives)


def files_sweep(*, hours=24, dry_run=False):
    """Remove files no record points to that are older than `hours` (younger ones may belong to a transaction
    still running), and import uploads past their lifetime. Returns what was removed, or would be."""
    cutoff = timezone.now() - timedelta(hours=hours)
    found = [*_unreferenced(ORIGINALS, "original", Asset.objects.values_list("original", flat=True), cutoff),
             *_unreferenced(EVIDENCE, "evidence", ConsentRecord.objects.values_list("evidence", flat=True), cutoff),
             *_orphaned_derivative_folders(cutoff)]
    if not dry_run:
        for removal in found:
            if removal.kind == "derivatives":
                delete_folder(public_storage, removal.name)
            else:
                private_storage.delete(removal.name)
    return found + [Removal("import", name) for name in import_uploads_forget(dry_run=dry_run)]


def _old(when: datetime | None, cutoff: datetime) -> bool:
    if when is None:
        return False
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when < cutoff


def _unreferenced(folder, kind, referenced, cutoff):
    known = {name for name in referenced.iterator() if name}
    for name in walk(private_storage, folder):
        if name not in known and _old(private_storage.get_modified_time(name), cutoff):
            yield Removal(kind, name)


def _orphaned_derivative_folders(cutoff):
    """Folders of assets that no longer exist, and folders of an asset's profile that no Derivative row points
    to (left by a replaced profile or a killed worker), except the folder of a job still running. A folder's age
    is that of its newest file."""
    assets = set(Asset.objects.values_list("pk", flat=True).iterator())
    live = {"/".join(path.split("/")[:4]) for path in Derivative.objects.values_list("path", flat=True).iterator()}
    running = {str(pk) for pk in MediaJob.objects.running().exclude(pk__in=MediaJob.objects.stale().values("pk"))
               .values_list("pk", flat=True)}
    for asset_folder in subfolders(public_storage, DERIVATIVES):
        folder = f"{DERIVATIVES}/{asset_folder}"
        if not (asset_folder.isdigit() and int(asset_folder) in assets):
            if _old(newest_change(public_storage, folder), cutoff):
                yield Removal("derivatives", folder)
            continue
        for profile in subfolders(public_storage, folder):
            for published in subfolders(public_storage, f"{folder}/{profile}"):
                name = f"{folder}/{profile}/{published}"
                if name in live or published.split("-")[0] in running:
                    continue
                if _old(newest_change(public_storage, name), cutoff):
                    yield Removal("derivatives", name)
