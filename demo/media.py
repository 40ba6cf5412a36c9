"""Generated media for the demo records: labelled pictures (Pillow), test-pattern films and tones (ffmpeg)."""

import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FFMPEG_TIMEOUT = 60
FONT_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                   "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")
CAPTIONS = """WEBVTT

00:00.000 --> 00:02.000
[Sample captions: this recording is a generated tone]

00:02.000 --> 00:04.000
[ตัวอย่างคำบรรยาย: เสียงทดสอบ]
"""
COLOURS = ["#2f5d62", "#5e8b7e", "#a7c4bc", "#dfeeea", "#8c5e58", "#c4a484", "#40513b", "#609966"]


class DemoMediaError(RuntimeError):
    """A sample file could not be generated (for example ffmpeg is missing)."""


def _font(size):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def make_picture(path, *, label, index=0):
    image = Image.new("RGB", (960, 640), COLOURS[index % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    for step in range(0, 960, 48):
        draw.line([(step, 640), (step + 320, 0)], fill="#ffffff30" if index % 2 else "#00000030", width=3)
    draw.rectangle([40, 220, 920, 420], fill="#ffffff")
    draw.text((480, 290), "SAMPLE", font=_font(72), fill="#222222", anchor="mm")
    draw.text((480, 372), label, font=_font(32), fill="#444444", anchor="mm")
    suffix = Path(path).suffix.lower()
    image.save(path, "PNG" if suffix == ".png" else "JPEG", quality=85)


def _ffmpeg(args):
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise DemoMediaError("ffmpeg is not installed; install it with: sudo apt-get install -y ffmpeg")
    try:
        subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *args], check=True,
                       capture_output=True, timeout=FFMPEG_TIMEOUT)
    except subprocess.CalledProcessError as error:
        raise DemoMediaError(f"ffmpeg could not make a sample file: {error.stderr.decode(errors='replace')}") from None
    except subprocess.TimeoutExpired:
        raise DemoMediaError(f"ffmpeg took longer than {FFMPEG_TIMEOUT} s to make a sample file") from None


def make_film(path, *, seconds=3):
    _ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size=480x270:rate=15:duration={seconds}",
             "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}",
             "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
             "-shortest", str(path)])


def make_tone(path, *, seconds=4, frequency=330):
    _ffmpeg(["-f", "lavfi", "-i", f"sine=frequency={frequency}:sample_rate=44100:duration={seconds}",
             "-c:a", "aac", "-b:a", "64k", str(path)])


def make_sample_file(path, *, label, index=0):
    """Write a sample file whose kind follows its extension."""
    suffix = Path(path).suffix.lower()
    if suffix in (".jpg", ".jpeg", ".png"):
        make_picture(path, label=label, index=index)
    elif suffix == ".mp4":
        make_film(path)
    elif suffix == ".m4a":
        make_tone(path, frequency=220 + 55 * index)
    elif suffix == ".vtt":
        Path(path).write_text(CAPTIONS, encoding="utf-8")
    else:
        raise DemoMediaError(f"no generator for sample files ending in {suffix}")
