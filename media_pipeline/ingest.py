"""Taking in an upload: stream it into private storage, hash it, sniff it, record it, queue its derivatives."""

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from archive.models import Asset, Item
from archive.storage import private_storage

from .errors import MediaRejected
from .jobs import media_job_enqueue
from .sniff import sniff

CHUNK = 1024 * 1024

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
    part = Path(private_storage.path(key + ".part"))
    part.parent.mkdir(parents=True, exist_ok=True)
    try:
        sha256, size = _copy(source, part, limit)
        sniffed = sniff(part)
        key = f"{key}.{sniffed.extension}"
        os.replace(part, private_storage.path(key))
    except BaseException:
        part.unlink(missing_ok=True)
        raise
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


def _copy(source: Source, target: Path, limit: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(target, "xb") as out:
        for chunk in _chunks(source):
            size += len(chunk)
            if size > limit:
                raise MediaRejected(_too_large(size, limit))
            digest.update(chunk)
            out.write(chunk)
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
