"""Where files live. Originals and consent evidence go to private storage, which has no URL: nothing in it is
ever served to the public. Derivatives go to the default storage under MEDIA_ROOT and are served through the
access-checking media view."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="archive.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from settings on every use so tests and deployments can move it."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


private_storage = PrivateStorage()
