"""How long files outlive their records (docs/media.md, "What is kept, and for how long").

The files of a deleted asset (its original and every derivative, HLS segments included) and of a deleted consent
record (its evidence) are removed once the deletion commits, and not at all when it rolls back. Replacing or
removing consent evidence removes the earlier file the same way. The receivers that notice these deletions only
schedule the services below; deletions through the admin, a cascade from an item or `QuerySet.delete()` all
send the signals. `files_sweep` (`manage.py media_sweep`) removes what no record points to any more: originals
and evidence left by a rolled-back transaction, derivative folders of deleted assets or replaced profiles, and
spreadsheet uploads checked in the admin but never imported.
"""

import shutil
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import signals

from archive.models import Asset, ConsentRecord
from archive.import_uploads import import_uploads_forget
from archive.storage import private_storage

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


def derivatives_root():
    return Path(settings.MEDIA_ROOT) / DERIVATIVES


# --- when a record goes -----------------------------------------------------------------------------------

def asset_files_remove(*, asset_id, original):
    """Remove a deleted asset's original from private storage and its derivative folder from MEDIA_ROOT."""
    if original and not Asset.objects.filter(original=original).exists():
        private_storage.delete(original)
    if not Asset.objects.filter(pk=asset_id).exists():
        shutil.rmtree(derivatives_root() / str(asset_id), ignore_errors=True)


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
    name: str  # relative to private storage (originals, evidence, imports) or to MEDIA_ROOT (derivatives)


def files_sweep(*, hours=24, dry_run=False):
    """Remove files no record points to that are older than `hours` (younger ones may belong to a transaction
    still running), and import uploads past their lifetime. Returns what was removed, or would be."""
    cutoff = time.time() - hours * 3600
    found = [*_unreferenced(ORIGINALS, "original", Asset.objects.values_list("original", flat=True), cutoff),
             *_unreferenced(EVIDENCE, "evidence", ConsentRecord.objects.values_list("evidence", flat=True), cutoff),
             *_orphaned_derivative_folders(cutoff)]
    if not dry_run:
        for _removal, path in found:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    removals = [removal for removal, _path in found]
    return removals + [Removal("import", name) for name in import_uploads_forget(dry_run=dry_run)]


def _old(path, cutoff):
    try:
        return path.lstat().st_mtime < cutoff
    except FileNotFoundError:
        return False


def _unreferenced(folder, kind, referenced, cutoff):
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if not (root / folder).is_dir():
        return
    known = {name for name in referenced.iterator() if name}
    for path in sorted((root / folder).rglob("*")):
        name = path.relative_to(root).as_posix()
        if not path.is_dir() and name not in known and _old(path, cutoff):
            yield Removal(kind, name), path


def _orphaned_derivative_folders(cutoff):
    """Folders of assets that no longer exist, and folders of an asset's profile that no Derivative row points
    to (left by a replaced profile or a killed worker), except the work folder of a job still running."""
    root = derivatives_root()
    if not root.is_dir():
        return
    assets = set(Asset.objects.values_list("pk", flat=True).iterator())
    live = {"/".join(path.split("/")[:4]) for path in Derivative.objects.values_list("path", flat=True).iterator()}
    running = {str(pk) for pk in MediaJob.objects.running().exclude(pk__in=MediaJob.objects.stale().values("pk"))
               .values_list("pk", flat=True)}
    media_root = Path(settings.MEDIA_ROOT)
    for folder in sorted(root.iterdir()):
        if not (folder.name.isdigit() and int(folder.name) in assets):
            if _old(folder, cutoff):
                yield Removal("derivatives", folder.relative_to(media_root).as_posix()), folder
            continue
        for published in sorted(folder.glob("*/*")):
            name = published.relative_to(media_root).as_posix()
            if name in live or not _old(published, cutoff):
                continue
            if published.name.startswith(".part-") and published.name.split("-")[1] in running:
                continue
            yield Removal("derivatives", name), published
