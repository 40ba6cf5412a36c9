"""Audio derivatives: AAC in an .m4a with faststart at a speech bitrate, and waveform peaks for the player."""

import json
import math
from array import array
from pathlib import Path

from .errors import MediaError
from .ffmpeg import ffmpeg, ffprobe, input_args, output_path
from .outputs import Output
from .video import NO_METADATA


def audio_info(source):
    probe = ffprobe(source)
    audio = next((s for s in probe.get("streams", []) if s.get("codec_type") == "audio"), None)
    if audio is None:
        raise MediaError("The file has no audio stream.")
    try:
        duration = float(probe.get("format", {}).get("duration") or audio.get("duration") or 0)
    except ValueError:
        duration = 0.0
    return {"duration": duration, "channels": int(audio.get("channels") or 1),
            "demuxer": probe["format"]["format_name"].split(",")[0]}


def audio_aac(source, out_dir, *, mono_kbps, stereo_kbps, on_progress=None):
    """`audio.m4a`: the first audio stream only (embedded cover art is left out), mono stays mono."""
    info = audio_info(source)
    channels = min(2, info["channels"])
    bitrate = mono_kbps if channels == 1 else stereo_kbps
    out = Path(out_dir) / "audio.m4a"
    ffmpeg([*input_args(source, info["demuxer"]), "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "aac",
            "-b:a", f"{bitrate}k", "-ac", str(channels), *NO_METADATA, "-movflags", "+faststart", "-f", "mp4",
            output_path(out)],
           timeout=120 + info["duration"], duration=info["duration"], on_progress=on_progress)
    return [Output("audio.m4a", "audio", "audio/mp4", duration=info["duration"], bitrate=bitrate * 1000)]


def audio_peaks(source, out_dir, *, points, sample_rate, on_progress=None):
    """`peaks.json`: `data` holds the loudest absolute sample (0..1) of each of about `points` equal slices."""
    info = audio_info(source)
    out_dir = Path(out_dir)
    raw = out_dir / "peaks.s16"
    ffmpeg([*input_args(source, info["demuxer"]), "-map", "0:a:0", "-vn", "-ac", "1", "-ar", str(sample_rate),
            "-f", "s16le", "-c:a", "pcm_s16le", output_path(raw)],
           timeout=120 + info["duration"], duration=info["duration"],
           on_progress=(lambda f: on_progress(0.9 * f)) if on_progress else None)
    total = raw.stat().st_size // 2
    per_peak = max(1, math.ceil(total / points))
    peaks = []
    try:
        with open(raw, "rb") as file:
            while chunk := file.read(per_peak * 2):
                samples = array("h")
                samples.frombytes(chunk[: len(chunk) // 2 * 2])
                if samples:
                    peaks.append(round(max(max(samples), -min(samples)) / 32768, 3))
    finally:
        raw.unlink(missing_ok=True)
    document = {"version": 1, "sample_rate": sample_rate, "samples_per_peak": per_peak,
                "duration": info["duration"], "data": peaks}
    (out_dir / "peaks.json").write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    return [Output("peaks.json", "peaks", "application/json", duration=info["duration"])]
