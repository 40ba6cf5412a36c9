"""Spreadsheets and media files a curator uploaded for the admin's import: kept in private storage between the
check and the import, and forgotten after a day."""

import shutil
import time
from pathlib import Path

from django.conf import settings

IMPORT_UPLOAD_FOLDER = "imports"
# A spreadsheet and its media files (photographs with GPS among them) wait in private storage this long for the
# curator to confirm the import; `manage.py media_sweep` and the next upload remove them afterwards.
IMPORT_UPLOAD_LIFETIME = 24 * 3600


def import_upload_root():
    return Path(settings.PRIVATE_MEDIA_ROOT) / IMPORT_UPLOAD_FOLDER


def import_uploads_forget(*, dry_run=False, now=None):
    """Remove the uploads checked but never imported that are older than IMPORT_UPLOAD_LIFETIME.

    Returns their names relative to private storage (`imports/<token>`), removed or, with dry_run, not.
    """
    root = import_upload_root()
    if not root.is_dir():
        return []
    cutoff = (now or time.time()) - IMPORT_UPLOAD_LIFETIME
    stale = sorted(folder for folder in root.iterdir() if folder.stat().st_mtime < cutoff)
    if not dry_run:
        for folder in stale:
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
    return [f"{IMPORT_UPLOAD_FOLDER}/{folder.name}" for folder in stale]
