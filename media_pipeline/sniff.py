"""What a stored upload really is, decided from its content: magic bytes for images and captions, ffprobe for
audio and video. The file name and the browser's claim are never consulted.

`sniff(path)` returns a Sniffed or raises MediaRejected with a reason a curator can act on.
"""

import re
import warnings
from dataclasses import dataclass, field

from PIL import Image, ImageFile, UnidentifiedImageError
from pillow_heif import register_heif_opener

from .errors import MediaError, MediaRejected
from .ffmpeg import ffmpeg, ffprobe, input_args

register_heif_opener()

# Larger images are refused as decompression bombs: 100 megapixels is far beyond any phone or scanner photo
# the archive receives, and decoding it already needs 400 MB.
MAX_IMAGE_PIXELS = 100_000_000
MAX_VIDEO_PIXELS = 8192 * 8192
TAIL_CHECK_SECONDS = 3

IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"II*\x00", "image/tiff", "tif"),
    (b"MM\x00*", "image/tiff", "tif"),
)
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
SRT_CUE = re.compile(rb"^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}")
MARKUP = re.compile(r"<\s*(svg|html|!doctype\s+html|head|body|script|iframe|object|\?xml)\b", re.IGNORECASE)

# ffprobe's demuxer name -> (kind when it holds video, MIME type, extension)
CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": None,  # decided from the brand: see _isobmff_type
    "matroska,webm": None,  # decided from the EBML DocType
    "avi": ("video/x-msvideo", "avi"),
    "mp3": ("audio/mpeg", "mp3"),
    "wav": ("audio/wav", "wav"),
    "ogg": ("audio/ogg", "ogg"),
    "flac": ("audio/flac", "flac"),
    "amr": ("audio/amr", "amr"),
    "aac": ("audio/aac", "aac"),
}


@dataclass
class Sniffed:
    kind: str  # an archive.models.Asset.Kind value
    mime_type: str
    extension: str
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    probe: dict = field(default_factory=dict, repr=False)


def sniff(path):
    with open(path, "rb") as file:
        head = file.read(8192)
    if not head:
        raise MediaRejected("The file is empty.")
    text = _as_text(head)
    if text is not None:
        return _sniff_text(text, head)
    for magic, mime_type, extension in IMAGE_MAGIC:
        if head.startswith(magic):
            return _check_image(path, mime_type, extension)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _check_image(path, "image/webp", "webp")
    if head[4:8] == b"ftyp":
        brands = {head[i:i + 4] for i in range(8, min(len(head), int.from_bytes(head[:4], "big")), 4)}
        if b"avif" in brands or b"avis" in brands:
            raise MediaRejected("AVIF images are not accepted; please send JPEG, PNG, WebP, TIFF, GIF or HEIC.")
        if head[8:12] in HEIF_BRANDS:
            return _check_image(path, "image/heic", "heic")
    return _sniff_audio_video(path, head)


def _as_text(head):
    """The head decoded as text when the file looks like text (no NUL bytes once a UTF-16 BOM is honoured)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if b"\x00" in head:
        return None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    if control > len(head) // 100:
        return None
    return head.decode("utf-8", "replace")


def _sniff_text(text, head):
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("#EXTM3U") or "#EXT-X-" in stripped[:2000]:
        raise MediaRejected("This is an HLS playlist, not a video: playlists point at other files and are refused.")
    if stripped.lower().startswith("ffconcat") or re.match(r"(?m)^\s*file\s+'", stripped[:2000]):
        raise MediaRejected("This is an ffmpeg concat list, not a video: lists of other files are refused.")
    markup = MARKUP.search(stripped[:4000])
    if markup:
        what = "SVG" if "svg" in stripped[:4000].lower() else "HTML"
        raise MediaRejected(f"This is an {what} document, not a photo or video: {what} can carry scripts and is "
                            "refused whatever the file is called.")
    if stripped.startswith("WEBVTT"):
        return Sniffed("caption", "text/vtt", "vtt")
    if SRT_CUE.match(head.lstrip(b"\xef\xbb\xbf")) or SRT_CUE.match(stripped.encode("utf-8", "replace")):
        return Sniffed("caption", "application/x-subrip", "srt")
    raise MediaRejected("This is a text file but not SRT or WebVTT captions; the archive accepts images, video, "
                        "audio and captions.")


def _check_image(path, mime_type, extension):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise MediaRejected(
                    f"The image claims {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), more than "
                    f"the {MAX_IMAGE_PIXELS // 1_000_000} megapixels accepted: refused as a decompression bomb.")
            if image.format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            # A library that asked Pillow to accept truncated images process-wide would let a cut upload through.
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            image.load()
    except Image.DecompressionBombError:
        raise MediaRejected(f"The image claims far more than the {MAX_IMAGE_PIXELS // 1_000_000} megapixels "
                            "accepted: refused as a decompression bomb.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, MediaRejected):
            raise
        raise MediaRejected(f"The image is damaged or truncated and cannot be read ({error}).") from None
    return Sniffed("image", mime_type, extension, width=width, height=height)


def _sniff_audio_video(path, head):
    try:
        probe = ffprobe(path)
    except MediaError as error:
        raise MediaRejected("This file is not an image, video, audio or caption file the archive accepts, or it "
                            f"is damaged ({error}).") from None
    container = probe.get("format", {}).get("format_name", "")
    if container not in CONTAINERS:
        raise MediaRejected(f"Files of type “{container or 'unknown'}” are not accepted.")
    streams = probe.get("streams", [])
    video = [s for s in streams if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    if not video and not audio:
        raise MediaRejected("The file holds neither sound nor pictures.")
    kind = "video" if video else "audio"
    mime_type, extension = _container_type(container, kind, probe, head)
    duration = _float(probe.get("format", {}).get("duration"))
    if kind == "video":
        width, height = int(video[0].get("width") or 0), int(video[0].get("height") or 0)
        if not width or not height:
            raise MediaRejected("The video has no readable picture size; it is damaged.")
        if width * height > MAX_VIDEO_PIXELS:
            raise MediaRejected(f"The video's pictures are {width}×{height}, larger than the archive accepts.")
    else:
        width = height = None
    _check_decodes(path, container, duration)
    return Sniffed(kind, mime_type, extension, width=width, height=height, duration=duration, probe=probe)


def _container_type(container, kind, probe, head):
    if container == "mov,mp4,m4a,3gp,3g2,mj2":
        brand = probe.get("format", {}).get("tags", {}).get("major_brand", "").strip()
        if brand.startswith("3g"):
            return ("video/3gpp", "3gp") if kind == "video" else ("audio/3gpp", "3gp")
        if brand == "qt":
            return ("video/quicktime", "mov") if kind == "video" else ("audio/mp4", "m4a")
        return ("video/mp4", "mp4") if kind == "video" else ("audio/mp4", "m4a")
    if container == "matroska,webm":
        if b"webm" in head[:64]:
            return ("video/webm", "webm") if kind == "video" else ("audio/webm", "webm")
        return ("video/x-matroska", "mkv") if kind == "video" else ("audio/x-matroska", "mka")
    mime_type, extension = CONTAINERS[container]
    if kind == "video" and mime_type.startswith("audio/"):
        mime_type = "video/" + mime_type.split("/")[1]
    return mime_type, extension


def _check_decodes(path, container, duration):
    """Decode the last seconds: a truncated file whose index survived fails here rather than in a job."""
    start = max(0.0, (duration or 0) - TAIL_CHECK_SECONDS)
    demuxer = container.split(",")[0]
    try:
        ffmpeg(["-xerror", "-ss", f"{start:.3f}", *input_args(path, demuxer), "-map", "0:v?", "-map", "0:a?",
                "-f", "null", "-"], timeout=120)
    except MediaError as error:
        raise MediaRejected(f"The file is truncated or damaged: it cannot be decoded to its end ({error}).") from None


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
