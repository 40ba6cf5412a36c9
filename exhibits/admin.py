"""Curators build exhibits here: blocks in order (by their position), items in each block, and a preview link."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin import RecordedAdmin
from archive.languages import field_names

from .models import Block, BlockItem, Exhibit
from .publishing import exhibit_publish


def _in_rows_of_two(base):
    """The English field on its own row, the four others two by two: ("title", ("title_th", "title_my"), ...)."""
    english, *others = field_names(base)
    return (english, *(tuple(others[i:i + 2]) for i in range(0, len(others), 2)))


class BlockInline(admin.StackedInline):
    model = Block
    extra = 0
    ordering = ["position", "pk"]
    show_change_link = True
    fields = ("position", "kind", tuple(field_names("heading")), *_in_rows_of_two("body"), "attribution",
              ("clip_start", "clip_end"), ("chart", "data_source"), "data_csv", "items_link")
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
    fields = ("position", "item", *field_names("caption"))


@admin.register(Exhibit)
class ExhibitAdmin(RecordedAdmin):
    list_display = ("display_title", "slug", "status", "published_at", "featured", "preview_link")
    list_filter = ("status", "featured")
    search_fields = ("slug", *field_names("title"))
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("cover",)
    readonly_fields = ("preview_link",)
    inlines = [BlockInline]
    actions = ("publish_now",)
    fieldsets = (
        (None, {"fields": ("slug", *_in_rows_of_two("title"), "original_language", "cover",
                           ("status", "published_at", "featured"), "preview_link")}),
        (_("Summary"), {"fields": field_names("summary")}),
        (_("Credits"), {"fields": field_names("credits"), "classes": ("collapse",)}),
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
