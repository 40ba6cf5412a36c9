"""Taking in an upload: stream it into private storage, hash it, sniff it, record it, queue its derivatives."""

import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from archive.models import Asset, Item
from archive.storage import CHUNK, private_storage

from .errors import MediaRejected
from .jobs import media_job_enqueue
from .sniff import sniff


Source = str | os.PathLike | File  # a path on this machine, or an upload


def asset_ingest(*, item: Item, source: Source, original_name: str, position: int | None = None) -> Asset:
    """Store `source` (a filesystem path or a Django File/UploadedFile) as a new Asset of `item`.

    The bytes are copied in 1 MiB chunks (memory stays flat whatever the size) to a key made of the year and a
    random id, never of the user's file name, while their SHA-256 and size are computed. The type is sniffed from
    the content. Derivative processing is queued once the surrounding transaction commits.

    Raises MediaRejected with a readable reason, leaving no Asset row and no stored file behind.
    """
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    declared = _declared_size(source)
    if declared is not None and declared > limit:
        raise MediaRejected(_too_large(declared, limit))
    key = f"originals/{timezone.now():%Y}/{uuid.uuid4().hex}"
    # Hashing, the size limit and sniffing happen on a local copy (ffprobe and Pillow read files); the bytes then
    # stream into private storage under their final key.
    with tempfile.NamedTemporaryFile(prefix="archive-ingest-", dir=settings.FILE_UPLOAD_TEMP_DIR) as part:
        sha256, size = _copy(source, part, limit)
        sniffed = sniff(Path(part.name))
        key = f"{key}.{sniffed.extension}"
        part.seek(0)
        try:
            stored = private_storage.save(key, File(part, name=Path(key).name))
        except BaseException:
            private_storage.delete(key)
            raise
    if stored != key:
        private_storage.delete(stored)
        raise RuntimeError(f"private storage renamed a new original ({key!r} became {stored!r})")
    try:
        with transaction.atomic():
            if position is None:
                position = item.assets.count()
            asset = Asset.objects.create(
                item=item, kind=sniffed.kind, original=key, original_name=(original_name or "")[:300],
                sha256=sha256, size=size, mime_type=sniffed.mime_type, position=position,
            )
            media_job_enqueue(asset=asset)
    except BaseException:
        private_storage.delete(key)
        raise
    return asset


def _declared_size(source: Source) -> int | None:
    if isinstance(source, (str, os.PathLike)):
        try:
            return os.path.getsize(source)
        except OSError:
            raise MediaRejected("The file cannot be read.") from None
    return getattr(source, "size", None)


def _copy(source: Source, out, limit: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in _chunks(source):
        size += len(chunk)
        if size > limit:
            raise MediaRejected(_too_large(size, limit))
        digest.update(chunk)
        out.write(chunk)
    out.flush()
    if size == 0:
        raise MediaRejected("The file is empty.")
    return digest.hexdigest(), size


def _chunks(source: Source) -> Iterator[bytes]:
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            while chunk := file.read(CHUNK):
                yield chunk
        return
    if hasattr(source, "seek"):
        try:
            source.seek(0)
        except (OSError, ValueError):
            pass
    if hasattr(source, "chunks"):
        yield from source.chunks(CHUNK)
    else:
        while chunk := source.read(CHUNK):
            yield chunk


def _too_large(size: int, limit: int) -> str:
    return (f"The file is {size / 1024**2:,.0f} MiB (or more); the archive accepts files up to "
            f"{limit / 1024**2:,.0f} MiB.")
