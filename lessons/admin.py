"""Curators build and publish lesson kits here: the kit's texts language by language, its sources in order, and
in the list, how many sources of each kit the classroom rule currently leaves out."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin import RecordedAdmin
from archive.admin_picker import PickerSelect, chosen_labels
from archive.admin_text import NormalisedTextForm
from archive.languages import TEXT_LANGUAGES, field_name, field_names, language_for_code
from archive.models import Item

from .kit_lists import kits_contents
from .models import Kit, KitSource

# The kit's texts, in the order a teacher reads them, and the languages, Thai and English first: most kits are
# written in those two, side by side.
TEXT_BASES = ("title", "summary", "objectives", "questions_observe", "questions_reflect", "questions_question",
              "activities", "vocabulary", "advisories")
LANGUAGE_ORDER = ("th", "en", *(code for code in TEXT_LANGUAGES if code not in ("th", "en")))


class KitSourceForm(NormalisedTextForm):
    viewer = None  # the signed-in curator, and the labels of the kit's items: set by SourceInline.get_formset
    known = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].widget.viewer = self.viewer
        self.fields["item"].widget.known = self.known

    class Meta:
        model = KitSource
        fields = ("position", "kind", "item", "exhibit", "clip_start", "clip_end", *field_names("note"))
        widgets = {"position": forms.NumberInput(attrs={"class": "vSmallField"}), "item": PickerSelect("items"),
                   **{name: forms.Textarea(attrs={"rows": 2}) for name in field_names("note")}}


class SourceInline(admin.StackedInline):
    model = KitSource
    form = KitSourceForm
    extra = 1
    ordering = ["position", "pk"]
    fields = (("position", "kind"), "item", "exhibit", ("clip_start", "clip_end"),
              *(field_name("note", code) for code in LANGUAGE_ORDER))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        items = Item.objects.filter(pk__in=KitSource.objects.filter(kit=obj).values("item")) if obj else None
        known = chosen_labels(items, viewer=request.user) if obj else None  # for all the item pickers at once
        formset.form = type(formset.form.__name__, (formset.form,), {"viewer": request.user, "known": known})
        return formset


class MadeByFilter(admin.SimpleListFilter):
    title = _("made by")
    parameter_name = "made_by"

    def lookups(self, request, model_admin):
        return [("archive", _("the archive")), ("teachers", _("teachers"))]

    def queryset(self, request, queryset):
        if self.value() == "archive":
            return queryset.filter(owner__isnull=True)
        if self.value() == "teachers":
            return queryset.filter(owner__isnull=False)
        return queryset


class WrittenInFilter(admin.SimpleListFilter):
    title = _("written in")
    parameter_name = "written_in"

    def lookups(self, request, model_admin):
        return [(code, language_for_code(code).name) for code in LANGUAGE_ORDER]

    def queryset(self, request, queryset):
        return queryset.written_in(self.value()) if self.value() in TEXT_LANGUAGES else queryset


class KitChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        contents = kits_contents(self.result_list)  # a few queries for the whole page
        for kit in self.result_list:
            kit.removed_sources = contents[kit.pk].removed


def _language_fieldset(code):
    language = language_for_code(code)
    return (language.name, {"fields": [field_name(base, code) for base in TEXT_BASES],
                            "classes": [] if code in ("th", "en") else ["collapse"]})


@admin.register(Kit)
class KitAdmin(RecordedAdmin):
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
    list_display = ("display_title", "slug", "age_band", "subject_area", "status", "published_at", "owner",
                    "sources_removed", "view_link")
    list_filter = ("status", "age_band", "subject_area", WrittenInFilter, MadeByFilter)
    list_select_related = ("owner",)
    search_fields = ("slug", *field_names("title"))
    search_help_text = _("Words of the title in any of the five languages, or the kit's address.")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("owner", "view_link")
    inlines = [SourceInline]
    actions = ("publish_now",)
    fieldsets = (
        (None, {"fields": ("slug", ("age_band", "subject_area", "duration_minutes"), "original_language",
                           ("status", "published_at"), "owner", "view_link")}),
        *(_language_fieldset(code) for code in LANGUAGE_ORDER),
    )

    def get_changelist(self, request, **kwargs):
        return KitChangeList

    @admin.display(description=_("sources left out"))
    def sources_removed(self, kit):
        removed = getattr(kit, "removed_sources", 0)
        if not removed:
            return "–"
        return format_html('<strong class="errornote-inline" title="{}">{}</strong>',
                           _("The classroom use of the access policy leaves these sources out of the kit."),
                           removed)

    @admin.display(description=_("on the site"))
    def view_link(self, kit):
        if not kit.pk:
            return "–"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', kit.get_absolute_url(),
                           _("View on site"))

    @admin.action(description=_("Publish now"), permissions=["change"])
    def publish_now(self, request, queryset):
        now, count = timezone.now(), 0
        for kit in queryset.filter(owner__isnull=True):
            kit.status = Kit.Status.PUBLISHED
            kit.published_at = kit.published_at if kit.published_at and kit.published_at <= now else now
            kit.save()
            count += 1
        self.message_user(request, _("%(count)s lesson kit(s) published.") % {"count": count}, messages.SUCCESS)
