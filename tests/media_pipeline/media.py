"""Generated media for the pipeline's tests: tiny, short, and awkward on purpose. Nothing is checked in."""

import io
import json
import random
import struct
import subprocess
from pathlib import Path

from PIL import Image
from pillow_heif import from_pillow

LOCATION = "+13.7563+100.5018/"
GPS_IFD = 0x8825


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *map(str, args)], check=True, timeout=60)


def ffprobe(path):
    done = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
                          capture_output=True, check=True, timeout=30)
    return json.loads(done.stdout)


def video_stream(path):
    return next(s for s in ffprobe(path)["streams"] if s["codec_type"] == "video")


def make_video(path, *, size="320x240", duration=1.5, audio=True, rotate=None, vcodec="libx264",
               acodec="aac", location=False, rate=25, extra=()):
    args = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={duration}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={duration}",
                 "-c:a", acodec]
    args += ["-c:v", vcodec, "-pix_fmt", "yuv420p"] if vcodec != "h263" else ["-c:v", vcodec]
    if location:
        args += ["-metadata", f"location={LOCATION}", "-metadata", "make=PhoneMaker",
                 "-metadata", "com.apple.quicktime.location.ISO6709=" + LOCATION, "-movflags", "+use_metadata_tags"]
    ffmpeg(*args, *extra, path)
    if rotate is not None:
        set_rotation(path, rotate)
    return Path(path)


def set_rotation(path, degrees):
    """Write a phone's display rotation into the first track header of an MP4/MOV (ffmpeg 5.1 cannot)."""
    a, b, c, d = {90: (0, 1, -1, 0), 180: (-1, 0, 0, -1), 270: (0, -1, 1, 0)}[degrees]
    data = bytearray(Path(path).read_bytes())
    box = data.index(b"tkhd") - 4
    assert data[box + 8] == 0, "version 0 tkhd expected"
    one = 1 << 16
    data[box + 48:box + 84] = struct.pack(">9i", a * one, b * one, 0, c * one, d * one, 0, 0, 0, 1 << 30)
    Path(path).write_bytes(bytes(data))


def make_audio(path, *, codec, duration=1.5, channels=1, extra=()):
    ffmpeg("-f", "lavfi", "-i", f"sine=frequency=330:sample_rate=48000:duration={duration}",
           "-ac", channels, "-c:a", codec, *extra, path)
    return Path(path)


def make_audio_with_cover(path, cover, *, codec="libmp3lame"):
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:duration=1.5", "-i", cover, "-map", "0", "-map", "1",
           "-c:a", codec, "-c:v", "mjpeg", "-disposition:v", "attached_pic", path)
    return Path(path)


def make_amr(path, seconds=1.5):
    """AMR-NB written by hand (ffmpeg here has no AMR encoder): 12.2 kbit/s frames of noise, 50 per second."""
    rng = random.Random(7)
    with open(path, "wb") as file:
        file.write(b"#!AMR\n")
        for _ in range(int(seconds * 50)):
            file.write(b"\x3c" + bytes(rng.randrange(256) for _ in range(31)))
    return Path(path)


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[GPS_IFD] = {1: "N", 2: (13.0, 45.0, 22.0), 3: "E", 4: (100.0, 30.0, 6.0)}
    return exif


def make_jpeg(path, *, size=(400, 300), orientation=1, quality=90):
    """A photo with GPS and device EXIF; the left half red, the right half blue, to check orientation."""
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    image.save(path, "JPEG", exif=exif_with_gps(orientation), quality=quality)
    return Path(path)


def make_image(path, fmt, *, size=(400, 300), mode="RGB"):
    image = Image.new(mode, size, (30, 120, 200) if mode == "RGB" else None)
    if fmt == "GIF":
        image = image.convert("P")
    kwargs = {"exif": exif_with_gps()} if fmt in ("PNG", "WEBP") else {}
    image.save(path, fmt, **kwargs)
    return Path(path)


def make_heic(path, *, size=(320, 240)):
    image = Image.new("RGB", size, (200, 50, 50))
    heif = from_pillow(image)
    heif.info["exif"] = b"Exif\x00\x00" + exif_with_gps().tobytes()
    heif.save(path, quality=60)
    return Path(path)


def make_png_bomb(path, *, side=20000):
    """A PNG of a few KB that claims side×side pixels: only the header and one compressed IDAT of zeros."""
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = zlib.compress(b"\x00" * (side + 1) * 64, 9)
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return Path(path)


def truncate(source, target, fraction=0.6):
    data = Path(source).read_bytes()
    Path(target).write_bytes(data[: int(len(data) * fraction)])
    return Path(target)


def exif_of(path):
    with Image.open(path) as image:
        return dict(image.getexif()), dict(image.info)


def moov_before_mdat(path):
    """True when the MP4's index (moov) comes before its media data: `faststart`."""
    with open(path, "rb") as file:
        data = file.read()
    offset, order = 0, []
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
        order.append(kind)
        if size < 8:
            break
        offset += size
    return b"moov" in order and b"mdat" in order and order.index(b"moov") < order.index(b"mdat")


def all_tags(path):
    """Every metadata tag of the file and its streams, lowercased, as one string."""
    probe = ffprobe(path)
    tags = [probe.get("format", {}).get("tags", {})] + [s.get("tags", {}) for s in probe["streams"]]
    return json.dumps(tags).lower()


def jpeg_bytes(size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG")
    return buffer.getvalue()
