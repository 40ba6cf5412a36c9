"""Curators see every media job's state, progress, attempts and error, retry failed jobs, and remake
derivatives (for example a poster at a new time)."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .jobs import media_job_enqueue, media_job_retry
from .models import Derivative, MediaJob


def progress_bar(job):
    return format_html('<progress max="100" value="{}" title="{}%"></progress> {}%', job.progress, job.progress,
                       job.progress)


@admin.register(MediaJob)
class MediaJobAdmin(admin.ModelAdmin):
    list_display = ["asset", "item", "state", "progress_display", "attempts", "started_at", "finished_at",
                    "short_error"]
    list_filter = ["state"]
    list_select_related = ["asset__item"]
    search_fields = ["asset__item__accession_number", "asset__original_name", "error"]
    readonly_fields = ["asset", "profiles", "state", "progress_display", "attempts", "error", "worker",
                       "created_at", "started_at", "heartbeat_at", "finished_at"]
    fields = ["asset", "profiles", "state", "progress_display", "attempts", "error", "poster_time", "worker",
              "created_at", "started_at", "heartbeat_at", "finished_at"]
    actions = ["retry", "remake"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("item"), ordering="asset__item__accession_number")
    def item(self, job):
        return job.asset.item.accession_number

    @admin.display(description=_("progress"), ordering="progress")
    def progress_display(self, job):
        return progress_bar(job)

    @admin.display(description=_("error"))
    def short_error(self, job):
        return (job.error[:120] + "…") if len(job.error) > 120 else job.error

    @admin.action(description=_("Retry the selected failed jobs"))
    def retry(self, request, queryset):
        with transaction.atomic():
            retried = sum(media_job_retry(job=job) for job in queryset)
        skipped = queryset.count() - retried
        self.message_user(request, ngettext("%d job queued again.", "%d jobs queued again.", retried) % retried,
                          messages.SUCCESS)
        if skipped:
            self.message_user(request, _("Only failed jobs can be retried; %d left as they were.") % skipped,
                              messages.WARNING)

    @admin.action(description=_("Remake all derivatives of these files (uses each job's poster time)"))
    def remake(self, request, queryset):
        with transaction.atomic():
            for job in queryset.select_related("asset"):
                media_job_enqueue(asset=job.asset, poster_time=job.poster_time)
        self.message_user(request, _("%d new jobs queued.") % queryset.count(), messages.SUCCESS)


@admin.register(Derivative)
class DerivativeAdmin(admin.ModelAdmin):
    list_display = ["path", "asset", "profile", "profile_version", "role", "mime_type", "width", "height", "size"]
    list_filter = ["role", "profile", "profile_version"]
    search_fields = ["path", "asset__item__accession_number"]
    list_select_related = ["asset"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
