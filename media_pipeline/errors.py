"""The pipeline's domain errors. Their messages are shown to curators as they are, so they say what happened."""


class MediaRejected(ValueError):
    """An upload the archive will not take: wrong type, broken, hostile or too large. Nothing of it is kept."""


class MediaError(RuntimeError):
    """A tool (ffmpeg, ffprobe, Pillow) failed while making derivatives of an accepted file."""
