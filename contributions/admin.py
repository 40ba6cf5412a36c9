"""Curators' side of contributions: invitation links, and the review queue (contributions/admin_review.py)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "expires_at", "used_at"]
    list_filter = ["role"]
    fields = ["role", "note", "expires_at", "link", "used_by", "used_at"]
    readonly_fields = ["link", "used_by", "used_at"]

    @admin.display(description=_("link to share (after this site's address)"))
    def link(self, invitation):
        return reverse("invitation_open", args=[invitation.token]) if invitation.pk else "–"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        link = request.build_absolute_uri(reverse("invitation_open", args=[obj.token]))
        messages.info(request, _("Share this link with the person you invite (it works once): %(link)s")
                      % {"link": link})

from . import admin_review  # noqa: E402,F401  the review queue registers itself
