"""Which player an item gets, built from its files' web derivatives (made by the media pipeline).

Derivative roles: image, poster, sprite, sprite-vtt, hls-master, mp4, audio, peaks, captions; each has width,
height, mime_type and url. Only files the visitor may see are passed in.
"""

import json
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from archive.models import Asset
from archive.storage import public_storage

CARD_WIDTH = 480
PEAK_BARS = 160


def assets_prefetch(user, *, use="public_web", to_attr="visible_assets", item_page=False):
    """A Prefetch of the files of items that `user` may see, with their derivatives: two queries for any list.
    Anywhere but the item's own page, files a minor's guardian consent keeps out of lists are left out."""
    queryset = Asset.objects.visible_to(user, use=use)
    if not item_page:
        queryset = queryset.shown_in_lists(user)
    queryset = queryset.order_by("position", "pk").prefetch_related("derivatives")
    return Prefetch("assets", queryset=queryset, to_attr=to_attr)


def derivatives_of(asset):
    return list(asset.derivatives.all())


@dataclass
class Picture:
    """An image in its sizes: a srcset per other type (WebP), the fallback's srcset and src, and the largest."""

    sources: list = field(default_factory=list)  # [(mime_type, srcset)]
    srcset: str = ""
    src: str = ""
    width: int = 0
    height: int = 0
    largest: str = ""

    def __bool__(self):
        return bool(self.src)


def _srcset(group):
    return ", ".join(f"{d.url} {d.width}w" for d in group if d.width)


def picture(derivatives, roles=("image",)):
    images = sorted((d for d in derivatives if d.role in roles and d.url), key=lambda d: d.width or 0)
    if not images:
        return Picture()
    by_type = {}
    for image in images:
        by_type.setdefault(image.mime_type or "image/jpeg", []).append(image)
    fallback_type = "image/jpeg" if "image/jpeg" in by_type else next(iter(by_type))
    fallback = by_type[fallback_type]
    middle = next((d for d in fallback if (d.width or 0) >= CARD_WIDTH), fallback[-1])
    sources = [(mime, _srcset(group)) for mime, group in by_type.items() if mime != fallback_type]
    return Picture(sources=[(mime, srcset) for mime, srcset in sources if srcset], srcset=_srcset(fallback),
                   src=middle.url, width=middle.width or 0, height=middle.height or 0, largest=fallback[-1].url)


@dataclass
class Player:
    kind: str  # "video", "audio", "image" or "" (nothing playable yet)
    asset: Asset
    picture: Picture = field(default_factory=Picture)
    poster: str = ""
    hls: str = ""
    mp4s: list = field(default_factory=list)
    audios: list = field(default_factory=list)
    subtitles: list = field(default_factory=list)  # exhibits.subtitles.Subtitles, added by item_players()
    thumbnails_vtt: str = ""
    peaks: list = field(default_factory=list)
    duration: float = 0.0  # seconds, from the derivative's metadata: shown before anything is fetched
    start: int = 0  # seconds a timecode link (?t=754) starts it at, without JavaScript
    clip: object = None  # exhibits.clips.Clip a visitor's clip link (?start=…&end=…) plays of it
    clip_error: str = ""  # why the clip link asking for one of it could not make one

    @property
    def downloads(self):
        """[(derivative, label)] a visitor may save: the MP4s, largest first, then the sound alone."""
        films = sorted(self.mp4s, key=lambda d: -(d.height or 0))
        found = [(d, f"{min(d.width, d.height)}p" if d.width and d.height else "MP4") for d in films]
        if self.kind == "video":
            found += [(d, _("Sound only")) for d in self.audios[:1]]
        return found

    @property
    def start_fragment(self):
        """The media fragment (#t=754) its sources carry when a timecode link starts it past the beginning."""
        return f"#t={self.start}" if self.start else ""

    @property
    def fragment(self):
        """The media fragment its sources carry on the item page: a visitor's clip, else a timecode link's start."""
        return self.clip.fragment if self.clip else self.start_fragment


def read_peaks(derivative, bars=PEAK_BARS):
    """Peaks JSON (a list of numbers, or {"data": [...]}) folded to `bars` values between 0 and 1."""
    try:
        with public_storage.open(derivative.path, "rb") as handle:
            raw = json.loads(handle.read(4 * 1024 * 1024))
    except (OSError, ValueError):
        return []
    values = raw.get("data", []) if isinstance(raw, dict) else raw
    values = [abs(float(v)) for v in values if isinstance(v, (int, float))]
    if not values:
        return []
    size = max(1, len(values) // bars)
    folded = [max(values[i:i + size]) for i in range(0, len(values), size)][:bars]
    top = max(folded) or 1
    return [v / top for v in folded]


def player_for(asset):
    derivatives = derivatives_of(asset)
    roles = {}
    for derivative in derivatives:
        roles.setdefault(derivative.role, []).append(derivative)
    if roles.get("mp4") or roles.get("hls-master"):
        posters = picture(derivatives, roles=("poster",))
        mp4s = sorted(roles.get("mp4", []), key=lambda d: abs((d.height or 480) - 480))
        hls = roles["hls-master"][0].url if roles.get("hls-master") else ""
        return Player("video", asset, picture=posters, poster=posters.src, hls=hls, mp4s=mp4s,
                      audios=roles.get("audio", []),
                      thumbnails_vtt=roles["sprite-vtt"][0].url if roles.get("sprite-vtt") else "",
                      duration=next((d.duration for d in mp4s if d.duration), 0.0))
    if roles.get("audio"):
        peaks = read_peaks(roles["peaks"][0]) if roles.get("peaks") else []
        return Player("audio", asset, audios=roles["audio"], peaks=peaks,
                      duration=next((d.duration for d in roles["audio"] if d.duration), 0.0))
    if roles.get("image"):
        return Player("image", asset, picture=picture(derivatives))
    return Player("", asset)


def waveform_points(peaks, *, width=800, height=80):
    """Bars of a waveform as SVG rectangles (x, y, w, h), centred on the middle line."""
    if not peaks:
        return []
    bar = width / len(peaks)
    return [(round(i * bar, 1), round((height - max(p * height, 1)) / 2, 1), round(bar * 0.7, 1),
             round(max(p * height, 1), 1)) for i, p in enumerate(peaks)]


def thumbnail(assets):
    """The card picture for an item: the first image or poster among its visible files."""
    for asset in assets:
        derivatives = derivatives_of(asset)
        found = picture(derivatives) or picture(derivatives, roles=("poster",))
        if found:
            return found
    return Picture()
