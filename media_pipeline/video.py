"""Video derivatives: the H.264/AAC ladder as HLS (fMP4) plus a progressive MP4, a poster, and scrub thumbnails.

The whole ladder comes from one ffmpeg process: the source is decoded once and a split filter feeds every rung's
encoder. ffmpeg turns rotated phone video upright while decoding, so a portrait video stays portrait. No output
keeps the source's metadata (`-map_metadata -1`): an MP4's `location` tag would otherwise survive a re-encode.
"""

import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import MediaError
from .ffmpeg import ffmpeg, ffprobe, input_args, output_path
from .outputs import Output
from .timed_text import WebVTTCue, write_webvtt

NO_METADATA = ["-map_metadata", "-1", "-map_metadata:s", "-1", "-map_chapters", "-1"]
# Still images from ffmpeg otherwise carry an encoder comment.
BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact"]


@dataclass(frozen=True)
class VideoInfo:
    width: int  # as displayed: rotation and pixel aspect applied
    height: int
    duration: float
    fps: float
    has_audio: bool
    audio_channels: int
    demuxer: str

    @property
    def short_side(self):
        return min(self.width, self.height)


def video_info(source):
    probe = ffprobe(source)
    streams = probe.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"
                  and not s.get("disposition", {}).get("attached_pic")), None)
    if video is None:
        raise MediaError("The file has no video stream.")
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    width, height = int(video["width"]), int(video["height"])
    sar = _ratio(video.get("sample_aspect_ratio")) or 1.0
    width = round(width * sar) if sar > 0 else width
    if abs(_rotation(video)) % 180 == 90:
        width, height = height, width
    duration = _float(probe.get("format", {}).get("duration")) or _float(video.get("duration")) or 0.0
    fps = _ratio(video.get("avg_frame_rate")) or _ratio(video.get("r_frame_rate")) or 25.0
    return VideoInfo(width=width, height=height, duration=duration, fps=fps, has_audio=audio is not None,
                     audio_channels=int(audio.get("channels") or 2) if audio else 0,
                     demuxer=probe["format"]["format_name"].split(",")[0])


def fit(info, short_side):
    """Even picture size with `short_side` on the short side (never larger than the source), aspect kept."""
    scale = min(1.0, short_side / info.short_side)
    return _even(info.width * scale), _even(info.height * scale)


def ladder_rungs(info, ladder):
    """The rungs this source gets: every rung up to its own size; a source below the lowest gets one rung."""
    rungs = [rung for rung in ladder if rung.short_side <= info.short_side]
    return rungs or [ladder[0]]


def ladder_command(source, out_dir, info, *, ladder, preset, keyframe_seconds, audio_kbps, max_fps, **_):
    """ffmpeg's arguments for the whole ladder as HLS fMP4 in `out_dir` (master.m3u8, v0/, v1/, ...)."""
    rungs = ladder_rungs(info, ladder)
    pre = f"fps={max_fps}," if info.fps > max_fps + 1 else ""
    graph = [f"[0:v:0]{pre}split={len(rungs)}" + "".join(f"[s{i}]" for i in range(len(rungs)))]
    args = [*input_args(source, info.demuxer)]
    maps, encoders, streams = [], [], []
    for i, rung in enumerate(rungs):
        width, height = fit(info, rung.short_side)
        graph.append(f"[s{i}]scale={width}:{height}:flags=bicubic,setsar=1,format=yuv420p[v{i}]")
        maps += ["-map", f"[v{i}]"]
        encoders += [f"-crf:v:{i}", str(rung.crf), f"-maxrate:v:{i}", f"{rung.maxrate_kbps}k",
                     f"-bufsize:v:{i}", f"{rung.bufsize_kbps}k"]
        if info.has_audio:
            maps += ["-map", "0:a:0"]
            streams.append(f"v:{i},a:{i}")
        else:
            streams.append(f"v:{i}")
    args += ["-filter_complex", ";".join(graph), *maps,
             "-c:v", "libx264", "-preset", preset, "-profile:v", "high", *encoders,
             "-force_key_frames", f"expr:gte(t,n_forced*{keyframe_seconds})"]
    if info.has_audio:
        args += ["-c:a", "aac", "-b:a", f"{audio_kbps}k", "-ac", str(min(2, info.audio_channels)), "-ar", "48000"]
    args += [*NO_METADATA, "-f", "hls", "-hls_time", str(keyframe_seconds), "-hls_playlist_type", "vod",
             "-hls_segment_type", "fmp4", "-hls_flags", "independent_segments",
             "-hls_fmp4_init_filename", "init.mp4",
             "-hls_segment_filename", str(Path(out_dir) / "v%v" / "seg%05d.m4s"),
             "-master_pl_name", "master.m3u8", "-var_stream_map", " ".join(streams),
             str(Path(out_dir) / "v%v" / "index.m3u8")]
    return args


def video_hls(source, out_dir, *, options, on_progress=None):
    """The ladder as HLS plus the progressive MP4 (remuxed from the rung nearest 480p, not encoded again)."""
    out_dir = Path(out_dir)
    info = video_info(source)
    rungs = ladder_rungs(info, options["ladder"])
    timeout = 300 + info.duration * options.get("timeout_factor", 20)
    ffmpeg(ladder_command(source, out_dir, info, **options), timeout=timeout, duration=info.duration,
           on_progress=(lambda f: on_progress(0.97 * f)) if on_progress else None)
    bandwidths = _master_bandwidths(out_dir / "master.m3u8")
    top = fit(info, rungs[-1].short_side)
    outputs = [Output("master.m3u8", "hls-master", "application/vnd.apple.mpegurl", width=top[0], height=top[1],
                      duration=info.duration)]
    for i, rung in enumerate(rungs):
        width, height = fit(info, rung.short_side)
        outputs.append(Output(f"v{i}/index.m3u8", "hls-variant", "application/vnd.apple.mpegurl", width=width,
                              height=height, duration=info.duration, bitrate=bandwidths.get(i)))
    mp4_index = max(i for i, rung in enumerate(rungs) if rung.short_side <= options["mp4_short_side"]
                    or i == 0)
    _remux_mp4(out_dir / f"v{mp4_index}", out_dir / "video.mp4", timeout=60 + info.duration)
    width, height = fit(info, rungs[mp4_index].short_side)
    outputs.append(Output("video.mp4", "mp4", "video/mp4", width=width, height=height, duration=info.duration,
                          bitrate=bandwidths.get(mp4_index)))
    outputs += _downloads(out_dir, info, rungs, mp4_index, bandwidths, options)
    if on_progress:
        on_progress(1.0)
    return outputs


def _downloads(out_dir, info, rungs, mp4_index, bandwidths, options):
    """Smaller downloads beside the progressive MP4, copied from what the ladder already made (no encoding): the
    lowest rung as its own MP4 when it is smaller than that one, and the sound alone."""
    outputs = []
    if mp4_index > 0 and rungs[0].short_side <= options.get("small_mp4_short_side", 0):
        _remux_mp4(out_dir / "v0", out_dir / "video-small.mp4", timeout=60 + info.duration)
        width, height = fit(info, rungs[0].short_side)
        outputs.append(Output("video-small.mp4", "mp4", "video/mp4", width=width, height=height,
                              duration=info.duration, bitrate=bandwidths.get(0)))
    if info.has_audio and options.get("audio_download"):
        ffmpeg([*input_args(out_dir / "video.mp4", "mov"), "-map", "0:a:0", "-vn", "-c", "copy", *NO_METADATA,
                "-movflags", "+faststart", "-f", "mp4", output_path(out_dir / "audio.m4a")],
               timeout=60 + info.duration)
        outputs.append(Output("audio.m4a", "audio", "audio/mp4", duration=info.duration,
                              bitrate=options["audio_kbps"] * 1000))
    return outputs


def video_poster(source, out_dir, *, short_side, quality, default_at, at=None, on_progress=None):
    info = video_info(source)
    when = default_at * info.duration if at is None else at
    when = max(0.0, min(when, info.duration - 0.1)) if info.duration else 0.0
    width, height = fit(info, short_side)
    out = Path(out_dir) / "poster.jpg"
    ffmpeg(["-ss", f"{when:.3f}", *input_args(source, info.demuxer), "-frames:v", "1",
            "-vf", f"scale={width}:{height},setsar=1", "-q:v", str(_mjpeg_q(quality)), *NO_METADATA, *BITEXACT,
            "-f", "image2", "-update", "1", output_path(out)], timeout=120)
    if not out.exists():
        raise MediaError(f"No picture could be taken at {when:.1f} s for the poster.")
    return [Output("poster.jpg", "poster", "image/jpeg", width=width, height=height)]


def video_sprite(source, out_dir, *, thumb_width, columns, max_thumbs, min_interval, quality, on_progress=None):
    """All scrub thumbnails in one JPEG grid, and a WebVTT index pointing into it (`sprite.jpg#xywh=...`)."""
    info = video_info(source)
    duration = max(info.duration, 0.1)
    interval = max(min_interval, duration / max_thumbs)
    count = max(1, math.ceil(duration / interval))
    columns = min(columns, count)
    rows = math.ceil(count / columns)
    scale = min(1.0, thumb_width / info.width)
    width, height = _even(info.width * scale), _even(info.height * scale)
    out = Path(out_dir)
    # Long films: thumbnails from keyframes only, so the sprite costs a fraction of a decode.
    skip = ["-skip_frame", "nokey"] if info.duration > 600 else []
    ffmpeg([*skip, *input_args(source, info.demuxer), "-an", "-sn",
            "-vf", f"fps=1/{interval:.4f},scale={width}:{height},setsar=1,tile={columns}x{rows}",
            "-frames:v", "1", "-q:v", str(_mjpeg_q(quality)), *NO_METADATA, *BITEXACT, "-f", "image2", "-update", "1",
            output_path(out / "sprite.jpg")],
           timeout=120 + info.duration * 2, duration=info.duration, on_progress=on_progress)
    if not (out / "sprite.jpg").exists():
        raise MediaError("ffmpeg wrote no scrub thumbnails.")
    cues = []
    for n in range(count):
        start, end = n * interval, min((n + 1) * interval, duration)
        x, y = (n % columns) * width, (n // columns) * height
        cues.append(WebVTTCue(round(start * 1000), round(end * 1000), f"sprite.jpg#xywh={x},{y},{width},{height}"))
    (out / "sprite.vtt").write_text(write_webvtt(cues), encoding="utf-8")
    return [
        Output("sprite.jpg", "sprite", "image/jpeg", width=columns * width, height=rows * height),
        Output("sprite.vtt", "sprite-vtt", "text/vtt", duration=info.duration),
    ]


def _remux_mp4(variant_dir, target, *, timeout):
    """Init segment + media segments make one fragmented MP4; a copy remux turns it into a faststart one."""
    joined = target.with_suffix(".fmp4")
    playlist = (variant_dir / "index.m3u8").read_text()
    init = re.search(r'#EXT-X-MAP:URI="([^"]+)"', playlist).group(1)
    segments = [line for line in playlist.splitlines() if line and not line.startswith("#")]
    with open(joined, "wb") as out:
        for name in [init, *segments]:
            with open(variant_dir / name, "rb") as part:
                shutil.copyfileobj(part, out, 1024 * 1024)
    try:
        ffmpeg([*input_args(joined, "mov"), "-map", "0", "-c", "copy", *NO_METADATA, "-movflags", "+faststart",
                "-f", "mp4", output_path(target)], timeout=timeout)
    finally:
        joined.unlink(missing_ok=True)


def _master_bandwidths(master):
    bandwidths, index = {}, 0
    for line in master.read_text().splitlines():
        match = re.match(r"#EXT-X-STREAM-INF:.*BANDWIDTH=(\d+)", line)
        if match:
            bandwidths[index] = int(match.group(1))
            index += 1
    return bandwidths


def _rotation(stream):
    for side in stream.get("side_data_list", []) or []:
        if "rotation" in side:
            return int(float(side["rotation"]))
    return int(float(stream.get("tags", {}).get("rotate", 0) or 0))


def _ratio(value):
    if not value or value in ("0/0", "N/A"):
        return None
    num, _, den = str(value).replace(":", "/").partition("/")
    try:
        return float(num) / float(den or 1) if float(den or 1) else None
    except ValueError:
        return None


def _even(value):
    return max(2, int(round(value / 2)) * 2)


def _mjpeg_q(quality):
    """ffmpeg's MJPEG scale (2 best .. 31 worst) for a Pillow-style quality 1..100."""
    return max(2, min(31, round(31 - quality * 0.29)))


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
