"""Running ffprobe and ffmpeg: argument lists, a timeout on every call, inputs restricted to local files of the
container formats the archive accepts, so a file cannot make ffmpeg fetch URLs or follow a playlist's references.

A media job runs its calls inside `deadline()`: each call then stops at its own timeout or at the job's time
limit, whichever comes first, so a job cannot outlive its limit on any task backend.
"""

import contextlib
import contextvars
import ctypes
import json
import signal
import subprocess
import tempfile
import threading
import time

from .errors import MediaError

FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"
PROBE_TIMEOUT = 60
PR_SET_PDEATHSIG = 1

# Demuxers of the accepted containers. hls, concat, image2, tty and every network-aware demuxer stay out.
INPUT_FORMATS = ("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi", "mp3", "wav", "ogg",
                 "flac", "amr", "aac")


# (monotonic time the job must stop by, the message it fails with), set by deadline().
_deadline = contextvars.ContextVar("media_job_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds, message):
    """Inside, every ffprobe and ffmpeg call is stopped once `seconds` have passed and raises MediaError(message)."""
    token = _deadline.set((time.monotonic() + seconds, message))
    try:
        yield
    finally:
        _deadline.reset(token)


def _limited(timeout, message):
    """The timeout of one call and the error it fails with when that passes: its own, or the deadline's if the
    deadline comes first. A call that would start after the deadline fails at once."""
    current = _deadline.get()
    if current is None:
        return timeout, message
    ends_at, deadline_message = current
    left = ends_at - time.monotonic()
    if left <= 0:
        raise MediaError(deadline_message)
    return (left, deadline_message) if left < timeout else (timeout, message)


def input_args(path, demuxer=None):
    """The options that must precede every `-i` of an archive file."""
    args = ["-protocol_whitelist", "file", "-format_whitelist", ",".join(INPUT_FORMATS)]
    if demuxer:
        args += ["-f", demuxer]
    return [*args, "-i", f"file:{path}"]


def output_path(path):
    return f"file:{path}"


def ffprobe(path, *, timeout=PROBE_TIMEOUT):
    """ffprobe's JSON description of `path` (format and streams), or MediaError with its complaint."""
    args = [FFPROBE, "-v", "error", "-hide_banner", *input_args(path), "-show_format", "-show_streams",
            "-of", "json"]
    timeout, stopped = _limited(timeout, f"ffprobe took longer than {timeout} s to read the file")
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise MediaError(stopped) from None
    if done.returncode != 0:
        raise MediaError(_last_line(done.stderr) or "ffprobe could not read the file")
    return json.loads(done.stdout or b"{}")


def ffmpeg(args, *, timeout, duration=None, on_progress=None):
    """Run ffmpeg with `args` (everything after the program name).

    With `duration` and `on_progress`, ffmpeg's `-progress` output is read as it runs and `on_progress` gets the
    fraction done (0..1). Raises MediaError with ffmpeg's last complaint on failure or after `timeout` seconds (or
    the deadline's message at the job's deadline).
    """
    timeout, stopped = _limited(timeout, f"ffmpeg took longer than {timeout:.0f} s and was stopped")
    command = [FFMPEG, "-hide_banner", "-nostdin", "-nostats", "-v", "error", "-progress", "pipe:1", *args]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL,
                                   preexec_fn=_die_with_parent)
        timed_out = threading.Event()

        def stop():
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            for line in process.stdout:
                key, _, value = line.decode("ascii", "replace").strip().partition("=")
                if key == "out_time_us" and duration and on_progress and value.isdigit():
                    on_progress(min(1.0, int(value) / 1e6 / duration))
            process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
        if timed_out.is_set():
            raise MediaError(stopped)
        if process.returncode != 0:
            errors.seek(0)
            raise MediaError(_last_line(errors.read()) or f"ffmpeg failed (exit status {process.returncode})")


def _die_with_parent():
    """In the child: on Linux, be killed when the worker that started us dies, so a killed worker leaves no
    orphan ffmpeg writing on."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _last_line(stderr):
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1][:500] if lines else ""
