"""Derivatives made from an asset, and the jobs that make them."""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A running job writes a heartbeat at least this often (with its progress); one silent for longer has lost its
# worker and is run again.
HEARTBEAT_SECONDS = 10
STALE_AFTER = timedelta(minutes=3)


class Derivative(models.Model):
    """One web-ready file made from an asset, under MEDIA_ROOT and served by the access-checking media view.

    HLS segments are not rows: they sit beside their variant playlist and are served with it.
    """

    class Role(models.TextChoices):
        IMAGE = "image", _("image")
        POSTER = "poster", _("poster")
        SPRITE = "sprite", _("scrub sprite")
        SPRITE_VTT = "sprite-vtt", _("scrub sprite index (WebVTT)")
        HLS_MASTER = "hls-master", _("HLS master playlist")
        HLS_VARIANT = "hls-variant", _("HLS variant playlist")
        MP4 = "mp4", _("progressive MP4")
        AUDIO = "audio", _("audio")
        PEAKS = "peaks", _("waveform peaks")
        CAPTIONS = "captions", _("captions")
        TILES = "iiif-tiles", _("deep zoom tiles (IIIF info.json)")

    asset = models.ForeignKey("archive.Asset", on_delete=models.CASCADE, related_name="derivatives")
    profile = models.CharField(max_length=50)
    profile_version = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20, choices=Role.choices)
    path = models.CharField(_("path under MEDIA_ROOT"), max_length=300, unique=True)
    mime_type = models.CharField(max_length=100)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True)
    bitrate = models.PositiveIntegerField(_("bits per second"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asset", "role", "width", "mime_type", "pk"]
        indexes = [models.Index(fields=["asset", "role"])]
        verbose_name = _("derivative")

    def __str__(self):
        return self.path

    @property
    def url(self):
        return settings.MEDIA_URL + self.path

    @property
    def folder(self):
        return os.path.dirname(self.path)


class MediaJobQuerySet(models.QuerySet):
    def running(self):
        return self.filter(state=MediaJob.State.RUNNING)

    def stale(self, *, now=None):
        """Running jobs whose worker is gone: silent too long, or its process on this host has exited."""
        now = now or timezone.now()
        silent = self.running().filter(heartbeat_at__lt=now - STALE_AFTER)
        here = [job.pk for job in self.running().filter(worker__startswith=f"{socket.gethostname()}:")
                if not _process_alive(job.worker)]
        return self.filter(models.Q(pk__in=silent.values("pk")) | models.Q(pk__in=here))

    def latest_per_asset(self):
        latest = MediaJob.objects.filter(asset=models.OuterRef("asset")).order_by("-created_at", "-pk")
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))


class MediaJob(models.Model):
    """Making the derivatives of one asset (all its profiles, or the ones named)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    asset = models.ForeignKey("archive.Asset", on_delete=models.CASCADE, related_name="jobs")
    profiles = models.JSONField(_("profiles"), default=list, blank=True,
                                help_text=_("Profile names to make; empty means every profile for the file's kind."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    poster_time = models.FloatField(_("poster at (seconds)"), null=True, blank=True,
                                    help_text=_("Where in the video the poster frame is taken; empty for automatic."))
    worker = models.CharField(_("worker (host:pid)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = MediaJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("media job")

    def __str__(self):
        return f"{self.asset} – {self.get_state_display()}"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


def asset_state(asset):
    """The state of an asset's media for the admin and the item page: its latest job, or None if it has none."""
    job = asset.jobs.order_by("-created_at", "-pk").first()
    if job is None:
        return {"state": None, "progress": 0, "error": "", "job": None}
    return {"state": job.state, "progress": job.progress, "error": job.error, "job": job}


def _process_alive(worker):
    try:
        pid = int(worker.rsplit(":", 1)[1])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except OSError:
        return True
