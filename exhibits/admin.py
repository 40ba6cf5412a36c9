"""Curators build exhibits here: blocks in order, each with its items, and a preview of the draft."""

from csp.decorators import csp_update
from django.contrib import admin, messages
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin import RecordedAdmin
from archive.admin_picker import PickerSelect
from archive.languages import field_names

from .admin_blocks import BlockInline, block_items_save, in_rows_of_two
from .draft_preview import exhibit_draft_preview
from .models import Exhibit
from .publishing import exhibit_publish


@admin.register(Exhibit)
class ExhibitAdmin(RecordedAdmin):
    list_display = ("display_title", "slug", "status", "published_at", "featured", "preview_link")
    list_filter = ("status", "featured")
    search_fields = ("slug", *field_names("title"))
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("preview_link",)
    inlines = [BlockInline]
    actions = ("publish_now",)
    fieldsets = (
        (None, {"fields": ("slug", *in_rows_of_two("title"), "original_language", "cover",
                           ("status", "published_at", "featured"), "preview_link")}),
        (_("Summary"), {"fields": (tuple(field_names("summary")),), "classes": ("five-languages",)}),
        (_("Credits"), {"fields": (tuple(field_names("credits")),), "classes": ("collapse", "five-languages")}),
    )

    @admin.display(description=_("preview"))
    def preview_link(self, exhibit):
        if not exhibit.pk:
            return "—"
        label = _("View") if exhibit.is_public() else _("Preview (staff only)")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', exhibit.get_absolute_url(), label)

    def get_urls(self):
        preview = self.admin_site.admin_view(lambda request, pk: exhibit_draft_preview(self, request, pk))
        return [path("<path:pk>/preview/", preview, name="exhibits_exhibit_preview"), *super().get_urls()]

    @method_decorator(csp_update({"frame-src": ["'self'"]}))  # the live preview beside the form
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            kwargs["widget"] = PickerSelect("images", viewer=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is BlockInline.model:
            block_items_save(blocks=formset)

    @admin.action(description=_("Publish now"), permissions=["change"])
    def publish_now(self, request, queryset):
        for exhibit in queryset:
            exhibit_publish(exhibit=exhibit, at=timezone.now())
        self.message_user(request, _("%(count)s exhibit(s) published.") % {"count": queryset.count()},
                          messages.SUCCESS)
