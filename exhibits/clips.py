"""Clips a visitor makes of a film or recording on an item page: `?start=0:12&end=0:47&rec=<file>`.

The page then plays only that part: the player's sources carry the media fragment (#t=12,47), which holds without
JavaScript for the first play, and static/js/media-clip.js stops it at the end on every play. The times are read
strictly, within the recording's length, and a bad one gets a message on the page instead of a clip.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from oral_histories.timecodes import TimecodeError, parse_timecode

# Longer than any time a person writes (1:02:03.500 is 11 characters): anything longer is not a time.
LONGEST_TIME = 16
# A recording's length shows rounded to the second; a clip may end at the length as shown.
LENGTH_ROUNDING = 0.5


@dataclass
class Clip:
    player: object  # exhibits.players.Player of the recording
    start: float  # seconds
    end: float

    @property
    def fragment(self):
        return f"#t={self.start_seconds},{self.end_seconds}"

    @property
    def start_seconds(self):
        return seconds_text(self.start)

    @property
    def end_seconds(self):
        return seconds_text(self.end)

    @property
    def start_label(self):
        return clip_clock(self.start)

    @property
    def end_label(self):
        return clip_clock(self.end)

    def query(self):
        """The query string of the clip's address: what a visitor shares."""
        return urlencode({"start": self.start_label, "end": self.end_label, "rec": self.player.asset.pk})


class ClipError(ValueError):
    pass


def seconds_text(seconds):
    """12, 12.5 or 3723.25: seconds as a media fragment and a data attribute write them, to the millisecond."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def clip_clock(seconds):
    """0:12, 1:02:03, or 0:12.5 for a time between seconds: how a clip's ends read and are written back."""
    whole, fraction = divmod(round(seconds * 1000), 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{fraction:03d}".rstrip("0") if fraction else text


def read_time(value):
    """Seconds for a time a visitor wrote (75, 1:15, 1:02:03.5); ClipError with what went wrong otherwise."""
    text = value.strip()
    try:
        if len(text) > LONGEST_TIME:
            raise TimecodeError(text)
        return parse_timecode(text) / 1000
    except TimecodeError:
        raise ClipError(_("“%(value)s” is not a time: write seconds such as 75, or 1:15, or 1:02:03.")
                        % {"value": text[:LONGEST_TIME] + ("…" if len(text) > LONGEST_TIME else "")}) from None


def make_clip(player, start, end):
    """The clip of `player` from `start` to `end` (as written), or ClipError."""
    if not start.strip() or not end.strip():
        raise ClipError(_("A clip needs both a start and an end time."))
    first, last = read_time(start), read_time(end)
    if last <= first:
        raise ClipError(_("The clip must end after it starts."))
    if player.duration:
        if first >= player.duration:
            raise ClipError(_("The clip must start before the recording ends, at %(length)s.")
                            % {"length": clip_clock(round(player.duration))})
        if last > player.duration + LENGTH_ROUNDING:
            raise ClipError(_("The clip must end by %(length)s, the length of the recording.")
                            % {"length": clip_clock(round(player.duration))})
        last = min(last, player.duration)
    return Clip(player=player, start=first, end=last)


def clip_from_request(request, players):
    """(player, clip, error message) for the `start`, `end` and `rec` of an item page's address: `rec` names one
    of the page's `players` by its file, else the first recording is meant. (None, None, "") when the address
    asks for no clip; player None too when it names no recording of the page."""
    start, end = request.GET.get("start"), request.GET.get("end")
    if start is None and end is None:
        return None, None, ""
    recordings = [p for p in players if p.kind in ("video", "audio")]
    recording = request.GET.get("rec", "")
    player = (next((p for p in recordings if str(p.asset.pk) == recording), None) if recording
              else next(iter(recordings), None))
    if player is None:
        return None, None, _("There is no such recording on this page to make a clip of.")
    try:
        return player, make_clip(player, start or "", end or ""), ""
    except ClipError as error:
        return player, None, str(error)
