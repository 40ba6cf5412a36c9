"""Captions: SRT and WebVTT in whatever encoding they came in, normalised to UTF-8 WebVTT."""

import re
from pathlib import Path

from archive.normalise import normalise

from .errors import MediaError
from .outputs import Output

CLOCK = r"(\d{1,2}:)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
TIMING = re.compile(rf"^\s*{CLOCK}\s*-->\s*{CLOCK}(.*)$")
# Thai subtitles made on Windows are often TIS-620 (cp874); UTF-8 is tried first, then that, then Latin-1.
ENCODINGS = ("utf-8", "cp874", "latin-1")
ALLOWED_TAGS = re.compile(r"</?(?!(?:b|i|u|v|c|lang|ruby|rt)\b)[a-zA-Z][^>]*>")


def decode_text(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def captions_vtt(source, out_dir, on_progress=None):
    text = decode_text(Path(source).read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    text = normalise(text).text  # the archive's normal form: Zawgyi converted, sara am composed (archive/normalise.py)
    is_vtt = text.lstrip("\ufeff \n").startswith("WEBVTT")
    cues = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        timing_at = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing_at is None:
            continue
        match = TIMING.match(lines[timing_at])
        if not match:
            continue
        start = _time(*match.group(1, 2, 3, 4))
        end = _time(*match.group(5, 6, 7, 8))
        settings = match.group(9).strip() if is_vtt else ""
        body = [ALLOWED_TAGS.sub("", line).replace("-->", "->") for line in lines[timing_at + 1:]]
        if body:
            cues.append(f"{start} --> {end}{' ' + settings if settings else ''}\n" + "\n".join(body))
    if not cues:
        raise MediaError("The captions file holds no readable cues.")
    out = Path(out_dir) / "captions.vtt"
    out.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")
    return [Output("captions.vtt", "captions", "text/vtt")]


def _time(hours, minutes, seconds, fraction):
    hours = int(hours[:-1]) if hours else 0
    millis = int(fraction.ljust(3, "0"))
    return f"{hours:02d}:{int(minutes):02d}:{int(seconds):02d}.{millis:03d}"
