"""Where files live, and the few operations the archive needs on top of Django's storage API.

Two storages (settings.STORAGES): "private" holds originals, consent evidence and spreadsheet uploads and has no
URL, so nothing in it is ever served to the public; "default" holds the derivatives, which visitors reach only
through the access-checking media view. Both are local folders (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) or buckets on
S3-compatible object storage. Code reads and writes files only through these storages; a real file on this
machine exists only where ffmpeg or Pillow need one (`local_copy`, `upload_folder`).
"""

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage, storages
from django.utils.deconstruct import deconstructible

CHUNK = 1024 * 1024


@deconstructible(path="archive.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from settings on every use so tests and deployments can move it."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


@deconstructible(path="archive.storage.PrivateStorage")
class PrivateStorage(Storage):
    """Whatever STORAGES["private"] is at the moment of each call (so a test or deployment that changes the
    setting is followed): the storage model fields and services name for private files."""

    @property
    def backend(self) -> Storage:
        return storages["private"]

    def _open(self, name, mode="rb"):
        return self.backend._open(name, mode)

    def _save(self, name, content):
        return self.backend._save(name, content)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def url(self, name):
        raise ValueError("private files have no public URL")


private_storage = PrivateStorage()
public_storage = default_storage


def backend_of(storage: Storage) -> Storage:
    """The storage that does the work behind `default_storage` (a lazy wrapper) or `private_storage`."""
    if storage is default_storage:
        return storages["default"]
    if isinstance(storage, PrivateStorage):
        return storage.backend
    return storage


def is_local(storage: Storage) -> bool:
    """Whether `storage` keeps its files in folders of this machine (else: object storage, served by redirect)."""
    return isinstance(backend_of(storage), FileSystemStorage)


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file name under `folder` (recursively), in sorted order; nothing for a folder that does not exist."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    prefix = folder.rstrip("/") + "/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from walk(storage, prefix + sub)


def subfolders(storage: Storage, folder: str) -> list[str]:
    """The names of the folders directly inside `folder` (a folder on object storage is a shared key prefix)."""
    try:
        return sorted(storage.listdir(folder)[0])
    except (FileNotFoundError, NotADirectoryError):
        return []


def delete_folder(storage: Storage, folder: str) -> None:
    """Delete every file under `folder`, and the emptied folders too: on local storage the directories; on
    object storage the folder markers some servers keep (SeaweedFS lists an emptied folder until its `name/` key
    is deleted; on S3 itself deleting a key that does not exist does nothing)."""
    folders = [] if is_local(storage) else list(_folders(storage, folder))
    for name in walk(storage, folder):
        storage.delete(name)
    if is_local(storage):
        shutil.rmtree(storage.path(folder), ignore_errors=True)
    for name in sorted(folders, key=lambda name: name.count("/"), reverse=True):
        storage.delete(name + "/")


def _folders(storage: Storage, folder: str) -> Iterator[str]:
    yield folder
    for name in subfolders(storage, folder):
        yield from _folders(storage, f"{folder}/{name}")


def newest_change(storage: Storage, folder: str) -> datetime | None:
    """When a file under `folder` last changed; None for an empty or missing folder."""
    times = [storage.get_modified_time(name) for name in walk(storage, folder)]
    return max(times) if times else None


@contextmanager
def local_copy(storage: Storage, name: str):
    """A temporary file on this machine with the bytes of `name`, for a tool that needs a path (ffmpeg, Pillow);
    copied in 1 MiB chunks and removed afterwards. The suffix is kept, since some tools go by it."""
    suffix = PurePosixPath(name).suffix
    with tempfile.NamedTemporaryFile(prefix="archive-", suffix=suffix) as local:
        download(storage, name, local)
        local.flush()
        yield Path(local.name)


def download(storage: Storage, name: str, out) -> None:
    """Write the bytes of `name` into the open binary file `out` without holding them in memory. django-storages'
    S3 files download the whole object before the first read, so on S3 boto3 streams it straight into `out`
    (through the backend's own key naming, `_normalize_name`, the one private name used here)."""
    backend = backend_of(storage)
    if hasattr(backend, "bucket") and hasattr(backend, "_normalize_name"):
        from storages.utils import clean_name

        if not backend.exists(name):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", name)
        backend.bucket.Object(backend._normalize_name(clean_name(name))).download_fileobj(
            out, Config=backend.transfer_config)
        return
    with storage.open(name, "rb") as stored:
        shutil.copyfileobj(stored, out, CHUNK)


def upload_folder(storage: Storage, local: Path, folder: str) -> dict[str, int]:
    """Copy every file under the local folder `local` to `folder` in `storage`, keeping relative names; returns
    each relative name's size. Names are kept exactly: the folder is new, so nothing is renamed."""
    sizes = {}
    for path in sorted(p for p in Path(local).rglob("*") if p.is_file()):
        relative = path.relative_to(local).as_posix()
        with open(path, "rb") as stream:
            saved = storage.save(f"{folder}/{relative}", File(stream, name=path.name))
        if saved != f"{folder}/{relative}":
            raise RuntimeError(f"storage renamed {relative!r} to {saved!r}")
        sizes[relative] = path.stat().st_size
    return sizes
