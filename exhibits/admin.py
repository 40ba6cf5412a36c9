"""Curators build exhibits here: blocks in order (by their position), items in each block, and a preview link."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin import RecordedAdmin

from .models import Block, BlockItem, Exhibit
from .publishing import exhibit_publish

LANGUAGE_FIELDS = lambda base: (base, f"{base}_th", f"{base}_my", f"{base}_km", f"{base}_lo")  # noqa: E731


class BlockInline(admin.StackedInline):
    model = Block
    extra = 0
    ordering = ["position", "pk"]
    show_change_link = True
    fields = ("position", "kind", LANGUAGE_FIELDS("heading"), "body", ("body_th", "body_my"), ("body_km", "body_lo"),
              "attribution", ("clip_start", "clip_end"), ("chart", "data_source"), "data_csv", "items_link")
    readonly_fields = ("items_link",)

    @admin.display(description=_("items in this block"))
    def items_link(self, block):
        if not block.pk:
            return _("Save the exhibit, then add items to the block.")
        count = block.block_items.count()
        url = reverse("admin:exhibits_block_change", args=[block.pk])
        return format_html('<a href="{}">{}</a>', url, _("Edit the items (%(count)s)") % {"count": count})


class BlockItemInline(admin.TabularInline):
    model = BlockItem
    extra = 1
    autocomplete_fields = ("item",)
    ordering = ["position", "pk"]
    fields = ("position", "item", "caption", "caption_th", "caption_my", "caption_km", "caption_lo")


@admin.register(Exhibit)
class ExhibitAdmin(RecordedAdmin):
    list_display = ("display_title", "slug", "status", "published_at", "featured", "preview_link")
    list_filter = ("status", "featured")
    search_fields = ("slug", "title", "title_th", "title_my", "title_km", "title_lo")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("cover",)
    readonly_fields = ("preview_link",)
    inlines = [BlockInline]
    actions = ("publish_now",)
    fieldsets = (
        (None, {"fields": ("slug", "title", ("title_th", "title_my"), ("title_km", "title_lo"), "original_language",
                           "cover", ("status", "published_at", "featured"), "preview_link")}),
        (_("Summary"), {"fields": ("summary", "summary_th", "summary_my", "summary_km", "summary_lo")}),
        (_("Credits"), {"fields": ("credits", "credits_th", "credits_my", "credits_km", "credits_lo"),
                        "classes": ("collapse",)}),
    )

    @admin.display(description=_("preview"))
    def preview_link(self, exhibit):
        if not exhibit.pk:
            return "—"
        label = _("View") if exhibit.is_public() else _("Preview (staff only)")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', exhibit.get_absolute_url(), label)

    @admin.action(description=_("Publish now"), permissions=["change"])
    def publish_now(self, request, queryset):
        for exhibit in queryset:
            exhibit_publish(exhibit=exhibit, at=timezone.now())
        self.message_user(request, _("%(count)s exhibit(s) published.") % {"count": queryset.count()},
                          messages.SUCCESS)


@admin.register(Block)
class BlockAdmin(RecordedAdmin):
    list_display = ("__str__", "exhibit", "kind", "position")
    list_filter = ("kind",)
    raw_id_fields = ("exhibit",)
    inlines = [BlockItemInline]
    fields = ("exhibit", *BlockInline.fields[:-1])

    def has_module_permission(self, request):
        return False  # reached from its exhibit, not from the admin index
