"""A recording as the curators' screens need it: how long it is, and what plays it beside the transcript."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from archive.models import Asset
from media_pipeline.models import Derivative
from media_pipeline.timed_text import format_timestamp

PLAYABLE = {"audio": "audio", "mp4": "video"}


@dataclass
class Playable:
    kind: str  # "audio" or "video"
    url: str
    mime_type: str


def recording_length_ms(recording):
    """The recording's length as the media pipeline measured it (its longest playable derivative), or None while
    it has none."""
    longest = (Derivative.objects.filter(asset=recording, role__in=PLAYABLE, duration__isnull=False)
               .aggregate(longest=Max("duration"))["longest"])
    return round(longest * 1000) if longest is not None else None


def recording_playable(recording):
    """The file the admin's player plays: a film's smallest progressive MP4 (a film also has its sound alone, as a
    download), a sound recording's AAC audio; None before either."""
    roles = ("mp4",) if recording.kind == Asset.Kind.VIDEO else ("audio",)
    derivative = (Derivative.objects.filter(asset=recording, role__in=roles)
                  .order_by("height", "pk").first())
    if derivative is None:
        return None
    return Playable(kind=PLAYABLE[derivative.role], url=derivative.url, mime_type=derivative.mime_type)


def check_within_recording(*, start_ms, end_ms, length_ms):
    """{field: message} for times past the end of a recording `length_ms` long (nothing when the length is not
    known yet)."""
    if length_ms is None:
        return {}
    errors = {}
    for field, time in (("start_ms", start_ms), ("end_ms", end_ms)):
        if time is not None and time > length_ms:
            errors[field] = ValidationError(
                _("%(time)s is after the end of the recording, which is %(length)s long.")
                % {"time": format_timestamp(time), "length": format_timestamp(length_ms)}, code="past_the_end")
    return errors
