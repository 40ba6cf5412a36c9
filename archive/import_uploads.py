"""Spreadsheets and media files a curator uploaded for the admin's import: kept in private storage between the
check and the import, and forgotten after a day. The importer reads files on this machine, so the check and the
import each work on a temporary local copy of the upload."""

import shutil
import tempfile
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.core.files import File
from django.utils import timezone

from .storage import CHUNK, delete_folder, newest_change, private_storage, subfolders, walk

IMPORT_UPLOAD_FOLDER = "imports"
# A spreadsheet and its media files (photographs with GPS among them) wait in private storage this long for the
# curator to confirm the import; `manage.py media_sweep` and the next upload remove them afterwards.
IMPORT_UPLOAD_LIFETIME = 24 * 3600
SHEET = "items.csv"


def import_upload_store(*, sheet: File, media: list[tuple[str, File]]) -> str:
    """Keep the spreadsheet (as items.csv) and the media files beside it; returns the upload's token."""
    token = uuid.uuid4().hex
    for name, upload in [(SHEET, sheet), *media]:
        if name in ("", ".", ".."):
            continue
        if hasattr(upload, "seek"):
            upload.seek(0)
        private_storage.save(f"{IMPORT_UPLOAD_FOLDER}/{token}/{name}", upload)
    return token


def import_upload_exists(*, token: str) -> bool:
    return private_storage.exists(f"{IMPORT_UPLOAD_FOLDER}/{token}/{SHEET}")


@contextmanager
def import_upload_local(*, token: str):
    """The path of items.csv in a temporary local copy of the upload (media files beside it), removed after."""
    folder = f"{IMPORT_UPLOAD_FOLDER}/{token}"
    with tempfile.TemporaryDirectory(prefix="archive-import-") as work:
        for name in walk(private_storage, folder):
            target = Path(work) / name[len(folder) + 1:]
            target.parent.mkdir(parents=True, exist_ok=True)
            with private_storage.open(name, "rb") as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
        yield Path(work) / SHEET


def import_upload_delete(*, token: str) -> None:
    delete_folder(private_storage, f"{IMPORT_UPLOAD_FOLDER}/{token}")


def import_uploads_forget(*, dry_run=False, now=None):
    """Remove the uploads checked but never imported that are older than IMPORT_UPLOAD_LIFETIME (the age of an
    upload is that of its newest file).

    Returns their names relative to private storage (`imports/<token>`), removed or, with dry_run, not.
    """
    cutoff = (now or timezone.now()) - timedelta(seconds=IMPORT_UPLOAD_LIFETIME)
    stale = []
    for token in subfolders(private_storage, IMPORT_UPLOAD_FOLDER):
        changed = newest_change(private_storage, f"{IMPORT_UPLOAD_FOLDER}/{token}")
        if changed is not None and timezone.is_naive(changed):
            changed = timezone.make_aware(changed)
        if changed is None or changed < cutoff:
            stale.append(token)
    if not dry_run:
        for token in stale:
            import_upload_delete(token=token)
    return [f"{IMPORT_UPLOAD_FOLDER}/{token}" for token in stale]
