"""Every derivative the archive makes, in one declarative table.

Each profile has a version: raise it when its settings change, and `manage.py media_reprocess --profile NAME`
(or `--outdated`) remakes exactly the derivatives made by an older version.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rung:
    """One rendition of the video ladder, named by the short side of the picture (240 = 240p)."""

    short_side: int
    crf: int
    maxrate_kbps: int

    @property
    def bufsize_kbps(self):
        return self.maxrate_kbps * 2


@dataclass(frozen=True)
class Profile:
    name: str
    version: int
    kind: str  # the Asset.kind it applies to
    options: dict = field(default_factory=dict)


LADDER = (
    Rung(240, crf=24, maxrate_kbps=400),
    Rung(360, crf=23, maxrate_kbps=800),
    Rung(480, crf=23, maxrate_kbps=1400),
    Rung(720, crf=22, maxrate_kbps=2800),
    Rung(1080, crf=22, maxrate_kbps=5000),
)

PROFILES = (
    Profile("image-sizes", 1, "image", {
        "widths": (320, 640, 1280, 2048), "jpeg_quality": 82, "webp_quality": 78,
    }),
    # Downloads: the progressive MP4 (nearest 480p), the lowest rung as a small MP4, and the sound alone (v2).
    Profile("video-hls", 2, "video", {
        "ladder": LADDER, "preset": "veryfast", "keyframe_seconds": 4, "audio_kbps": 96,
        "max_fps": 30, "mp4_short_side": 480, "small_mp4_short_side": 360, "audio_download": True,
    }),
    Profile("video-poster", 1, "video", {"short_side": 720, "quality": 82, "default_at": 0.1}),
    Profile("video-sprite", 1, "video", {"thumb_width": 160, "columns": 10, "max_thumbs": 100,
                                          "min_interval": 1.0, "quality": 70}),
    Profile("audio-aac", 1, "audio", {"mono_kbps": 64, "stereo_kbps": 96}),
    Profile("audio-peaks", 1, "audio", {"points": 1000, "sample_rate": 4000}),
    Profile("captions-vtt", 1, "caption", {}),
    # Deep zoom: IIIF Image API level 0 tiles (info.json beside them), only for pictures larger than min_side.
    Profile("iiif-tiles", 1, "image", {"tile_size": 512, "min_long_side": 2000, "jpeg_quality": 80}),
)

BY_NAME = {profile.name: profile for profile in PROFILES}


def profiles_for(kind):
    return [profile for profile in PROFILES if profile.kind == kind]


def profile(name):
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"no media profile called {name!r}; the profiles are {', '.join(BY_NAME)}") from None


def makes_nothing_for(profile, derivatives):
    """Whether `profile` writes no files for a file with these derivatives, so their absence is not outdated:
    deep-zoom tiles are made only for pictures at least `min_long_side` on their long side (the sized copies go
    up to 2,048 px, so their largest tells)."""
    if "min_long_side" not in profile.options:
        return False
    sides = [max(d.width or 0, d.height or 0) for d in derivatives if d.role == "image"]
    return bool(sides) and max(sides) < profile.options["min_long_side"]
