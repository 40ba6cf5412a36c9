"""Resumable uploads: receiving a file in pieces into a private staging area, then handing it to the media
pipeline's ingest. Memory stays flat whatever the size: every byte goes through buffers of CHUNK bytes.

Only the storage API is used (save, open, size, exists, delete), so the staging area moves with private storage.
"""

import base64
import hashlib
import io
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.languages import field_name
from archive.models import Asset, Item
from archive.storage import CHUNK, private_storage
from media_pipeline.errors import MediaRejected
from media_pipeline.ingest import asset_ingest

from .models import Submission, Upload

CHECKSUM_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
ITEM_KIND = {Asset.Kind.VIDEO: Item.Kind.FILM, Asset.Kind.IMAGE: Item.Kind.PHOTOGRAPH,
             Asset.Kind.AUDIO: Item.Kind.ORAL_HISTORY}


class UploadRefused(Exception):
    """A request the archive will not take, with the HTTP status to answer and a message for the contributor."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Incoming(io.RawIOBase):
    """The body of a request, read at most `limit` bytes, hashed on the way. A connection that breaks mid-body
    ends the stream where it broke: the bytes that arrived are kept and the client resumes after them."""

    def __init__(self, stream, limit: int, digest=None):
        self.stream, self.left, self.digest, self.received = stream, limit, digest, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.left <= 0:
            return 0
        try:
            data = self.stream.read(min(len(buffer), self.left, CHUNK))
        except OSError:  # the client went away (Django's UnreadablePostError is one)
            data = b""
        if not data:
            self.left = 0
            return 0
        size = len(data)
        buffer[:size] = data
        self.left -= size
        self.received += size
        if self.digest is not None:
            self.digest.update(data)
        return size


class Assembled(io.RawIOBase):
    """The pieces of a finished upload read one after another, as one file."""

    def __init__(self, names):
        self.names, self.current = list(names), None

    def readable(self):
        return True

    def readinto(self, buffer):
        while True:
            if self.current is None:
                if not self.names:
                    return 0
                self.current = private_storage.open(self.names.pop(0), "rb")
            data = self.current.read(min(len(buffer), CHUNK))
            if data:
                buffer[:len(data)] = data
                return len(data)
            self.current.close()
            self.current = None

    def close(self):
        if self.current is not None:
            self.current.close()
        super().close()


def assembled_file(upload: Upload) -> File:
    file = File(io.BufferedReader(Assembled(name for name, _size in upload.chunks), CHUNK), name=upload.filename)
    file.size = upload.length
    return file


def upload_create(*, owner, submission: Submission | None = None, item: Item | None = None, length: int,
                  filename: str = "", sha256: str = "") -> Upload:
    """A new upload of `length` bytes for a contributor's `submission`, or for an `item` a curator is adding a
    file to, after the limits are checked: nothing is stored before. A curator's upload has the media pipeline's
    size limit and no quota."""
    if length <= 0:
        raise UploadRefused(400, _("The file is empty."))
    if item is not None:
        if length > settings.ARCHIVE_MAX_UPLOAD_BYTES:
            raise UploadRefused(413, _("The file is %(size)s MiB; the archive accepts files up to %(limit)s MiB.")
                                % {"size": _mib(length), "limit": _mib(settings.ARCHIVE_MAX_UPLOAD_BYTES)})
        return Upload.objects.create(owner=owner, item=item, length=length, filename=filename[:300],
                                     sha256=sha256.lower()[:64])
    if length > settings.ARCHIVE_CONTRIBUTION_MAX_BYTES:
        raise UploadRefused(413, _("The file is %(size)s MiB; the archive accepts files up to %(limit)s MiB.") % {
            "size": _mib(length), "limit": _mib(settings.ARCHIVE_CONTRIBUTION_MAX_BYTES)})
    with transaction.atomic():
        used = Upload.objects.bytes_reserved_by(owner)
        quota = settings.ARCHIVE_CONTRIBUTOR_QUOTA_BYTES
        if used + length > quota:
            raise UploadRefused(413, _(
                "This file would take your uploads over your space in the archive: you have %(left)s MiB left of "
                "%(quota)s MiB. Ask a curator for more space, or remove an upload you no longer need.") % {
                "left": _mib(max(quota - used, 0)), "quota": _mib(quota)})
        hour_ago = timezone.now() - timedelta(hours=1)
        if Upload.objects.started_since(owner, hour_ago) >= settings.ARCHIVE_UPLOADS_PER_HOUR:
            raise UploadRefused(429, _("You have started many uploads in the last hour. Please wait a while."))
        return Upload.objects.create(owner=owner, submission=submission, length=length,
                                     filename=filename[:300], sha256=sha256.lower()[:64])


def upload_append(*, upload: Upload, offset: int, stream, size: int | None, checksum: str = "") -> int:
    """Store the bytes of one PATCH request after `offset`; returns the new offset.

    A checksum ("sha256 <base64>", the tus checksum extension) that does not match discards the bytes (460).
    Two requests racing for the same offset: the second finds the offset moved and its bytes are dropped (409).
    """
    if upload.state != Upload.State.RECEIVING:
        raise UploadRefused(403, _("This upload is finished; nothing more can be added."))
    if offset != upload.offset:
        raise UploadRefused(409, _("The upload continues from byte %(offset)s.") % {"offset": upload.offset})
    left = upload.length - offset
    if size is not None and size > left:
        raise UploadRefused(413, _("These bytes go past the end of the file."))
    expected, digest = _parse_checksum(checksum)
    incoming = Incoming(stream, left, digest)
    name = private_storage.save(upload.chunk_name(offset), File(io.BufferedReader(incoming, CHUNK)))
    received = incoming.received
    whole = size is None or received == size
    if received == 0 or (expected is not None and not whole):
        # Nothing arrived, or part of a request whose checksum covers all of it: the part cannot be checked.
        private_storage.delete(name)
        return upload.offset
    if expected is not None and digest.digest() != expected:
        private_storage.delete(name)
        raise UploadRefused(460, _("The bytes arrived damaged (their checksum does not match). Please send them again."))
    with transaction.atomic():
        current = Upload.objects.select_for_update().get(pk=upload.pk)
        if current.offset != offset:
            private_storage.delete(name)
            raise UploadRefused(409, _("The upload continues from byte %(offset)s.") % {"offset": current.offset})
        current.offset += received
        current.chunks = [*current.chunks, [name, received]]
        if current.is_complete:
            current.state = Upload.State.RECEIVED
            transaction.on_commit(lambda: _enqueue_ingest(current.pk))
        current.save(update_fields=["offset", "chunks", "state", "updated_at"])
    upload.offset, upload.chunks, upload.state = current.offset, current.chunks, current.state
    return current.offset


def upload_discard(*, upload: Upload) -> None:
    """Remove an upload and every byte of it (tus termination, or retention)."""
    for name, _size in upload.chunks:
        private_storage.delete(name)
    upload.delete()


def upload_ingest(*, upload: Upload) -> Asset | None:
    """Check a finished upload (size, and SHA-256 where the client declared one) and give it to the media
    pipeline. Whatever the outcome, the staged pieces are removed; a refusal is kept as the pipeline's reason."""
    staged = [name for name, _size in upload.chunks]
    try:
        _verify(upload)
        asset = _ingest(upload)
    except MediaRejected as refusal:
        _refuse(upload, str(refusal))
        return None
    finally:
        for name in staged:
            private_storage.delete(name)
    upload.state, upload.chunks = Upload.State.INGESTED, []
    upload.save(update_fields=["state", "chunks", "updated_at"])
    return asset


def _verify(upload):
    stored = sum(private_storage.size(name) for name, _size in upload.chunks)
    if stored != upload.length:
        raise MediaRejected(f"Only {stored} of the {upload.length} bytes of the file arrived.")
    if upload.sha256:
        digest = hashlib.sha256()
        with assembled_file(upload) as file:
            for piece in file.chunks(CHUNK):
                digest.update(piece)
        if digest.hexdigest() != upload.sha256:
            raise MediaRejected("The file that arrived is not the file that was sent (its SHA-256 differs).")


def _ingest(upload):
    # No transaction around the ingest: it reads (and ffprobe decodes) the whole file, which may take minutes.
    if upload.item_id:
        with assembled_file(upload) as source:
            return asset_ingest(item=upload.item, source=source, original_name=upload.filename)
    submission = upload.submission
    item = submission.item or _draft_item(submission)
    try:
        with assembled_file(upload) as source:
            asset = asset_ingest(item=item, source=source, original_name=upload.filename)
    except MediaRejected:
        if submission.item is None:
            item.delete()
        raise
    item.kind = ITEM_KIND.get(asset.kind, item.kind)
    item.save(update_fields=["kind", "updated_at"])
    Submission.objects.filter(pk=submission.pk).update(item=item, state=Submission.State.PROCESSING, reason="",
                                                       updated_at=timezone.now())
    return asset


def _draft_item(submission):
    """The catalogue record a contribution's file goes into: a draft, staff only, until a curator approves."""
    title = {"title": submission.title, field_name("title", submission.text_language): submission.title}
    return Item.objects.create(kind=Item.Kind.FILM, accession_number=f"CONTRIB-{submission.pk:06d}",
                               status=Item.Status.DRAFT, access="staff",
                               original_language=submission.text_language, **title)


def _refuse(upload, reason):
    upload.state, upload.reason, upload.chunks = Upload.State.REFUSED, reason, []
    upload.save(update_fields=["state", "reason", "chunks", "updated_at"])
    if upload.submission_id:
        Submission.objects.filter(pk=upload.submission_id).update(reason=reason, updated_at=timezone.now())


def _enqueue_ingest(upload_id):
    from .tasks import ingest_upload

    ingest_upload.enqueue(str(upload_id))


def _parse_checksum(header):
    if not header:
        return None, None
    algorithm, _sep, encoded = header.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise UploadRefused(400, _("The checksum algorithm %(name)s is not supported.") % {"name": algorithm[:20]})
    try:
        expected = base64.b64decode(encoded.strip(), validate=True)
    except ValueError:
        raise UploadRefused(400, _("The checksum is not valid base64.")) from None
    return expected, CHECKSUM_ALGORITHMS[algorithm]()


def _mib(size):
    return f"{size / 1024**2:,.1f}"
