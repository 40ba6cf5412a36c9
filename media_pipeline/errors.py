"""The pipeline's domain errors. Their messages are shown to curators as they are, so they say what happened, and
they never name a place on the server's disk: ffmpeg, ffprobe, Pillow and the operating system put the path of
the file they were reading into their complaints, and a private storage path tells a curator nothing but tells
anyone who reads over their shoulder where originals live."""

import re
import tempfile

from django.conf import settings

# `file:` URLs and absolute paths of two or more parts, quoted or not; a quoted path may contain spaces.
QUOTED_PATH = re.compile(r"""(?:file:)?(['"])/[^'"\n]*\1""")
BARE_PATH = re.compile(r"""(?:file:)?(?<![\w.~])/(?:[^\s/'"]+/)+[^\s'"]*""")
# What is left of a path whose folder had a space in it: a relative path of three parts or more.
PATH_TAIL = re.compile(r"""(?<![\w.~/])[^\s/'"():]+/(?:[^\s/'"]+/)+[^\s'"]*""")
# ffmpeg's "[mov,mp4,m4a @ 0x55d0c1f2a2c0] " before a message: a component name and a memory address.
COMPONENT = re.compile(r"\[[^\]\n]* @ 0x[0-9a-fA-F]+\]\s*")


def _roots():
    """Folders whose paths may contain spaces (so the generic pattern alone would leave a tail behind)."""
    roots = {str(settings.MEDIA_ROOT), str(settings.PRIVATE_MEDIA_ROOT), tempfile.gettempdir(),
             str(settings.BASE_DIR)}
    if getattr(settings, "FILE_UPLOAD_TEMP_DIR", None):
        roots.add(str(settings.FILE_UPLOAD_TEMP_DIR))
    return sorted((root.rstrip("/") for root in roots if len(root.rstrip("/")) > 1), key=len, reverse=True)


def without_paths(text):
    """`text` with every file path taken out, and the punctuation around it tidied:
    "file:/srv/archive/var/private/originals/2026/3f….part: Invalid data found when processing input" becomes
    "Invalid data found when processing input"."""
    text = str(text)
    for root in _roots():
        text = text.replace(root + "/", "/_/").replace(root, "/_")
    text = COMPONENT.sub("", text)
    text = QUOTED_PATH.sub("", text)
    text = BARE_PATH.sub("", text)
    text = PATH_TAIL.sub("", text)
    text = re.sub(r"(?m)^[\s:,]+|[\s:,]+$", "", text)
    text = re.sub(r"[ \t]+([:,.)])", r"\1", text)
    text = re.sub(r"\([ \t]+", "(", text)
    text = re.sub(r"\(\)|:[ \t]*(?=[:.)])", "", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


class MediaRejected(ValueError):
    """An upload the archive will not take: wrong type, broken, hostile or too large. Nothing of it is kept."""

    def __init__(self, message=""):
        super().__init__(without_paths(message))


class MediaError(RuntimeError):
    """A tool (ffmpeg, ffprobe, Pillow) failed while making derivatives of an accepted file."""

    def __init__(self, message=""):
        super().__init__(without_paths(message))
