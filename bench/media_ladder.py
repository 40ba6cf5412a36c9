"""CPU time of the video ladder: the pipeline's one-process ladder against the same renditions made one ffmpeg
process per rung (as MediaCMS and PeerTube do), and against the bare ffmpeg command (the pipeline's overhead).

    .venv/bin/python bench/media_ladder.py [--seconds 20] [--size 1920x1080] [--runs 2]

CPU time is user + system of this process and its children, so other load on the machine matters little.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from media_pipeline.profiles import profile  # noqa: E402
from media_pipeline.video import fit, ladder_command, ladder_rungs, video_hls, video_info  # noqa: E402


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(label, action, runs):
    best = None
    for _ in range(runs):
        cpu, wall = cpu_seconds(), time.monotonic()
        action()
        result = (cpu_seconds() - cpu, time.monotonic() - wall)
        best = result if best is None or result[0] < best[0] else best
    print(f"{label:<28} cpu {best[0]:7.1f} s   wall {best[1]:6.1f} s", flush=True)
    return best[0]


def make_source(path, seconds, size):
    """A camera-like source: detailed moving picture, high bitrate H.264 with AAC, like a phone's."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate=30:duration={seconds},noise=alls=12:allf=t",
                    "-f", "lavfi", "-i", f"sine=frequency=300:duration={seconds}",
                    "-c:v", "libx264", "-preset", "fast", "-b:v", "12M", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "128k", str(path)], check=True)


def per_rung_commands(source, out_dir, info, options):
    """The same renditions, one ffmpeg process (one full decode) per rung."""
    commands = []
    for i, rung in enumerate(ladder_rungs(info, options["ladder"])):
        width, height = fit(info, rung.short_side)
        folder = Path(out_dir) / f"v{i}"
        folder.mkdir(parents=True, exist_ok=True)
        commands.append([
            "ffmpeg", "-v", "error", "-y", "-i", str(source),
            "-vf", f"scale={width}:{height}:flags=bicubic,setsar=1,format=yuv420p",
            "-map", "0:v:0", "-map", "0:a:0", "-c:v", "libx264", "-preset", options["preset"],
            "-profile:v", "high", "-crf", str(rung.crf), "-maxrate", f"{rung.maxrate_kbps}k",
            "-bufsize", f"{rung.bufsize_kbps}k",
            "-force_key_frames", f"expr:gte(t,n_forced*{options['keyframe_seconds']})",
            "-c:a", "aac", "-b:a", f"{options['audio_kbps']}k", "-ac", "2", "-ar", "48000",
            "-map_metadata", "-1", "-f", "hls", "-hls_time", str(options["keyframe_seconds"]),
            "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
            "-hls_segment_filename", str(folder / "seg%05d.m4s"), str(folder / "index.m3u8")])
    return commands


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    options = profile("video-hls").options
    work = Path(tempfile.mkdtemp(prefix="bench-ladder-"))
    try:
        source = work / "source.mp4"
        make_source(source, args.seconds, args.size)
        info = video_info(source)
        rungs = ladder_rungs(info, options["ladder"])
        print(f"source {info.width}x{info.height} {info.duration:.0f} s; rungs "
              f"{', '.join(str(r.short_side) + 'p' for r in rungs)}; preset {options['preset']}; "
              f"{os.cpu_count()} cores", flush=True)

        def fresh(name):
            folder = work / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            return folder

        def bare():
            folder = fresh("bare")
            subprocess.run(["ffmpeg", "-v", "error", "-y", *ladder_command(source, folder, info, **options)],
                           check=True)

        def pipeline():
            video_hls(source, fresh("pipeline"), options=options, on_progress=lambda fraction: None)

        def per_rung():
            folder = fresh("per-rung")
            for command in per_rung_commands(source, folder, info, options):
                subprocess.run(command, check=True)

        bare_cpu = measure("bare ffmpeg, one process", bare, args.runs)
        pipeline_cpu = measure("pipeline (video_hls)", pipeline, args.runs)
        rung_cpu = measure("one process per rung", per_rung, args.runs)
        print(f"\nper-rung / one-process CPU ratio: {rung_cpu / bare_cpu:.2f}")
        print(f"pipeline / bare ffmpeg CPU (overhead): {pipeline_cpu / bare_cpu:.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
