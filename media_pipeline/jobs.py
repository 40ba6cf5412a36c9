"""Media jobs: queueing, running with recorded state and progress, retrying, and recovering from dead workers.

A job is claimed with a conditional UPDATE (queued -> running), so two workers never run the same job; running
it again after success does nothing. A worker records `host:pid` and a heartbeat with its progress; a running job
whose process is gone or whose heartbeat stopped is stale, and `media_recover` (run by every job as it starts,
and by `manage.py media_recover`) queues it again.

Every job has a time limit from its source's length (`media_job_time_limit`): MEDIA_JOB_BASE_MINUTES plus
MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE for each minute of a film or recording. The archive enforces it itself (every
ffmpeg and ffprobe call of the job stops at it), so it holds on the database worker and on RQ alike; a job over
its limit fails with a message that says so and can be retried. RQ's own timeout is off for the media queue.
"""

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from archive.storage import local_copy, private_storage

from .errors import MediaError, MediaRejected, without_paths
from .ffmpeg import deadline, ffprobe
from .models import HEARTBEAT_SECONDS, MediaJob

logger = logging.getLogger(__name__)


def media_job_enqueue(*, asset, profiles=(), poster_time=None):
    """A queued job for `asset`, sent to a worker when the current transaction commits."""
    if poster_time is None:
        poster_time = asset.jobs.exclude(poster_time=None).values_list("poster_time", flat=True).first()
    job = MediaJob.objects.create(asset=asset, profiles=list(profiles), poster_time=poster_time)
    _send_on_commit(job.pk)
    return job


def media_job_retry(*, job):
    """Queue a failed job again; returns whether it was failed (other states are left alone)."""
    retried = MediaJob.objects.filter(pk=job.pk, state=MediaJob.State.FAILED).update(
        state=MediaJob.State.QUEUED, progress=0, error="", finished_at=None, worker="")
    if retried:
        _send_on_commit(job.pk)
    return bool(retried)


def media_recover():
    """Queue again every running job whose worker has died. Returns the jobs recovered."""
    recovered = []
    for job in MediaJob.objects.stale():
        if MediaJob.objects.filter(pk=job.pk, state=MediaJob.State.RUNNING, worker=job.worker).update(
                state=MediaJob.State.QUEUED, worker="",
                error=f"The worker {job.worker} stopped during attempt {job.attempts}; queued again."):
            logger.warning("media job %s lost its worker %s; queued again", job.pk, job.worker)
            _send_on_commit(job.pk)
            recovered.append(job)
    return recovered


def media_job_run(*, job_id):
    """Run a queued job to success or a recorded failure. A job that is not queued is left as it is."""
    media_recover()
    me = f"{socket.gethostname()}:{os.getpid()}"
    now = timezone.now()
    claimed = MediaJob.objects.filter(pk=job_id, state=MediaJob.State.QUEUED).update(
        state=MediaJob.State.RUNNING, attempts=F("attempts") + 1, progress=0, error="", worker=me,
        started_at=now, heartbeat_at=now, finished_at=None)
    if not claimed:
        return None
    job = MediaJob.objects.select_related("asset").get(pk=job_id)
    progress = _ProgressWriter(job_id, me)
    heartbeat = _Heartbeat(job_id, me)
    heartbeat.start()
    try:
        from .derive import asset_derive

        # One copy of the original on this machine serves the length probe and every tool of the job.
        with local_copy(private_storage, job.asset.original.name) as source:
            limit = media_job_time_limit(asset=job.asset, source=source)
            with deadline(limit.seconds, limit.exceeded_message()):
                asset_derive(asset=job.asset, source=source, profile_names=job.profiles,
                             poster_time=job.poster_time, job_id=job_id, on_progress=progress)
    except (MediaError, MediaRejected, OSError) as error:
        _finish(job_id, me, MediaJob.State.FAILED, str(error) or error.__class__.__name__)
        return MediaJob.State.FAILED
    except Exception as error:
        # The task backends show a failed task's exception in the admin: it gets the same path-free message as
        # the job, and the full traceback goes to the worker's log.
        message = without_paths(f"Unexpected error: {error.__class__.__name__}: {error}")
        _finish(job_id, me, MediaJob.State.FAILED, message)
        logger.exception("media job %s failed unexpectedly", job_id)
        raise MediaError(message) from None
    finally:
        heartbeat.stop()
    _finish(job_id, me, MediaJob.State.SUCCEEDED, "")
    return MediaJob.State.SUCCEEDED


@dataclass(frozen=True)
class TimeLimit:
    seconds: float
    kind: str
    source_seconds: float | None  # the film's or recording's length; None for other files or when unknown

    def exceeded_message(self):
        noun = {"video": "film", "audio": "recording"}.get(self.kind)
        if noun and self.source_seconds:
            what = f"a {_span(self.source_seconds, adjective=True)} {noun}"
        elif noun:
            what = f"a {noun} of unknown length"
        else:
            what = "this file"
        return (f"Making the derivatives took longer than the {_span(self.seconds)} allowed for {what}, so the job "
                f"was stopped. Retry it; if it stops again, the workers need more time per minute of media "
                f"(MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE).")


def media_job_time_limit(*, asset, source: Path | None = None):
    """How long a job on `asset` may run: MEDIA_JOB_BASE_MINUTES, plus MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE for each
    minute of a film or recording (its length read by ffprobe from `source`, a local copy of the original, or
    from a copy made for the purpose)."""
    source_seconds = None
    if asset.kind in ("video", "audio"):
        if source is None:
            with local_copy(private_storage, asset.original.name) as copy:
                return media_job_time_limit(asset=asset, source=copy)
        probed = ffprobe(source).get("format", {}).get("duration")
        try:
            source_seconds = float(probed)
        except (TypeError, ValueError):
            source_seconds = None
    seconds = 60 * (settings.MEDIA_JOB_BASE_MINUTES
                    + settings.MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE * (source_seconds or 0) / 60)
    return TimeLimit(seconds=seconds, kind=asset.kind, source_seconds=source_seconds)


def _span(seconds, *, adjective=False):
    """"95 minutes", "1 minute", "0.5 seconds"; as an adjective "95-minute", "2-second"."""
    if seconds >= 60:
        number, unit = f"{seconds / 60:.0f}", "minute"
    else:
        number, unit = f"{seconds:.2g}", "second"
    if adjective:
        return f"{number}-{unit}"
    return f"{number} {unit}" if number == "1" else f"{number} {unit}s"


class _Heartbeat(threading.Thread):
    """Keeps a running job's heartbeat fresh even through long steps that report no progress."""

    def __init__(self, job_id, worker):
        super().__init__(daemon=True, name=f"media-job-{job_id}-heartbeat")
        self.job_id, self.worker = job_id, worker
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    MediaJob.objects.filter(pk=self.job_id, worker=self.worker,
                                            state=MediaJob.State.RUNNING).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("media job %s: could not write its heartbeat", self.job_id)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=HEARTBEAT_SECONDS)


class _ProgressWriter:
    """Writes progress when the percentage moves (at most twice a second), and a heartbeat in any case."""

    def __init__(self, job_id, worker):
        self.job_id, self.worker = job_id, worker
        self.written_at, self.percent = 0.0, 0

    def __call__(self, fraction):
        percent = max(0, min(99, int(fraction * 100)))
        now = time.monotonic()
        elapsed = now - self.written_at
        if not ((percent != self.percent and elapsed >= 0.5) or elapsed >= HEARTBEAT_SECONDS / 2):
            return
        self.written_at, self.percent = now, percent
        MediaJob.objects.filter(pk=self.job_id, worker=self.worker, state=MediaJob.State.RUNNING).update(
            progress=percent, heartbeat_at=timezone.now())


def _finish(job_id, worker, state, error):
    # Curators read this in the admin and in media_status: an OSError names the file it could not open.
    MediaJob.objects.filter(pk=job_id, worker=worker).update(
        state=state, error=without_paths(error)[:5000], finished_at=timezone.now(),
        **({"progress": 100} if state == MediaJob.State.SUCCEEDED else {}))


def _send_on_commit(job_id):
    from .tasks import process_media_job

    transaction.on_commit(lambda: process_media_job.enqueue(job_id))
