"""The curator admin: cataloguing items in five languages, with every change kept in the history."""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import admin_import
from .access import AccessLevel
from .admin_art import art_fieldsets
from .admin_text import NormalisedTextAdmin, NormalisedTextForm, upload_notes
from .admin_widgets import MultipleFileField, PrivateFileInput, TagCompleteInput
from .history import acting_as, part_models, recorded_on
from .languages import TEXT_LANGUAGES, field_name, field_names
from .models import (
    Agent,
    Asset,
    ChangeRecord,
    Collection,
    ConsentRecord,
    Item,
    ItemAgent,
    Language,
    Place,
    Subject,
    Tradition,
)

from media_pipeline.errors import MediaRejected
from media_pipeline.ingest import asset_ingest
from media_pipeline.models import asset_state

admin.site.site_header = _("Migrant labour history archive")
admin.site.site_title = _("Archive catalogue")
admin.site.index_title = _("Catalogue")

TEXT_LANGUAGE_FIELDS = {field_name(base, code): code for base in ("title", "description", "name")
                        for code in TEXT_LANGUAGES}


class RecordedAdmin(NormalisedTextAdmin, admin.ModelAdmin):
    """Changes made in these pages go into the history as made by the signed-in curator, from the admin, and each
    record's History page shows them: who, when, what it was before.

    Text fields in one of the five catalogue languages carry a lang attribute, so each script is shaped and
    set in its own font.
    """

    object_history_template = "admin/archive/history.html"

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        owner = recorded_on(record) if record is not None else None
        if owner is not None and owner is not record:  # a part: its changes are in its owner's history
            return redirect(reverse(f"admin:{owner._meta.app_label}_{owner._meta.model_name}_history",
                                    args=[owner.pk]))
        changes = (ChangeRecord.objects.filter(model=self.opts.label_lower, object_id=unquote(object_id))
                   .select_related("user"))
        page = Paginator(changes, 100).get_page(request.GET.get("p"))
        rows = [HistoryRow(change, self.model) for change in page]
        return super().history_view(request, object_id, {"changes": page, "rows": rows, **(extra_context or {})})

    def changeform_view(self, request, *args, **kwargs):
        with acting_as(request.user, "admin"):
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with acting_as(request.user, "admin"):
            return super().changelist_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with acting_as(request.user, "admin"):
            return super().delete_view(request, *args, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in TEXT_LANGUAGE_FIELDS:
            formfield.widget.attrs["lang"] = TEXT_LANGUAGE_FIELDS[db_field.name]
            if isinstance(db_field, models.TextField):
                formfield.widget.attrs.update({"rows": 6, "cols": 30})
        return formfield


class HistoryRow:
    """One change as a curator reads it: the field's name and the values in their language."""

    SOURCES = {"admin": _("admin"), "web": _("website"), "import": _("spreadsheet import"), "shell": _("command line"),
               "demo": _("demo loader")}

    def __init__(self, change, model):
        self.change = change
        self.source = self.SOURCES.get(change.source, change.source)
        base, _dot, name = change.field.partition(".")
        part = part_models(model).get(base)
        if part is not None:  # "agents" (a part added or removed) or "agents.role" (a part's field changed)
            self.field = _model_field(part, name) if name else None
            self.what = str(part._meta.verbose_name_plural)
            if name:
                self.what += f" – {_field_label(self.field, name)}"
        else:
            self.field = _model_field(model, change.field) if change.field else None
            self.what = _field_label(self.field, change.field)
        self.before = self._value(change.old_value)
        self.after = self._value(change.new_value)

    def _value(self, value):
        if value is None:
            return ""
        choices = dict(getattr(self.field, "flatchoices", None) or ())
        if value in choices:
            return choices[value]
        if isinstance(self.field, models.BooleanField):
            return _("yes") if value == "True" else _("no")
        return value


def _model_field(model, name):
    try:
        return model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return None


def _field_label(field, name):
    return str(getattr(field, "verbose_name", "") or name)


# --- list filters -----------------------------------------------------------------------------------------

class DecadeFilter(admin.SimpleListFilter):
    """The decade of an item's earliest possible date (a date of 1995~ or 1990/1999 is in the 1990s)."""

    title = _("decade")
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date_lower", "year")
        decades = sorted({day.year // 10 * 10 for day in years})
        return [(str(decade), f"{decade}s") for decade in decades] + [("undated", _("undated"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "undated":
            return queryset.filter(date_lower__isnull=True)
        if value and value.isdigit():
            decade = int(value)
            return queryset.filter(date_lower__gte=date(decade, 1, 1), date_lower__lte=date(decade + 9, 12, 31))
        return queryset


# --- inlines ----------------------------------------------------------------------------------------------

class ItemAgentInline(admin.TabularInline):
    model = ItemAgent
    fields = ("role", "agent", "part", "position")
    autocomplete_fields = ("agent",)
    extra = 1
    verbose_name = _("person or organisation")
    verbose_name_plural = _("people and organisations (public display names)")


class AssetInline(admin.TabularInline):
    """The item's files: what was uploaded, and how far the media pipeline has got with it."""

    model = Asset
    fields = ("position", "original_name", "kind", "language", "mime_type", "file_size", "media_state", "withheld")
    readonly_fields = ("original_name", "kind", "mime_type", "file_size", "media_state")
    extra = 0
    can_delete = False
    verbose_name_plural = _("files (originals are private; add files in “Add files” above)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("size"))
    def file_size(self, asset):
        return filesizeformat(asset.size) if asset.size else "–"

    @admin.display(description=_("web versions"))
    def media_state(self, asset):
        state = asset_state(asset)
        job = state["job"]
        if job is None:
            return _("not started")
        text = job.get_state_display()
        if job.state == "running":
            text += f" {state['progress']:.0f}%"
        if state["error"]:
            return format_html('{} <span class="errornote-inline">{}</span>', text, state["error"])
        return f"{text} ({asset.derivatives.count()} files)"


class ConsentInline(admin.StackedInline):
    model = ConsentRecord
    fields = ("agent", ("public_web", "exhibits", "classroom", "research"), ("given_on", "withdrawn_on"),
              ("by_guardian", "covers_pictures_in_lists"), "evidence", "notes")
    autocomplete_fields = ("agent",)
    extra = 0
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}
    verbose_name_plural = _("consent (separate from copyright; staff only)")


# --- items ------------------------------------------------------------------------------------------------

class ItemForm(NormalisedTextForm):
    new_files = MultipleFileField(
        label=_("Add files"), required=False,
        help_text=_("Photographs, recordings, films or documents. The originals are kept private; web versions "
                    "are made in the background."))

    class Meta:
        model = Item
        fields = "__all__"
        widgets = {"tags": TagCompleteInput}


def _five(base):
    return {"fields": [tuple(field_names(base))], "classes": ["five-languages"]}


@admin.register(Item)
class ItemAdmin(admin_import.SpreadsheetPages, RecordedAdmin):
    form = ItemForm
    list_display = ("accession_number", "title_in_language", "kind", "status", "access", "date", "collection",
                    "updated_at", "not_public_because")
    list_display_links = ("accession_number", "title_in_language")
    list_filter = ("kind", "status", "access", ("languages", admin.RelatedOnlyFieldListFilter), "collection",
                   DecadeFilter)
    list_select_related = ("collection",)
    search_fields = ("accession_number", *field_names("title"))
    search_help_text = _("Accession number, or words of the title in any of the five languages.")
    autocomplete_fields = ("collection", "places", "subjects", "languages")
    readonly_fields = ("date_lower", "date_upper", "history_link")
    inlines = (ItemAgentInline, ConsentInline, AssetInline)
    actions = ("publish", "send_to_review", "set_access_public", "set_access_registered", "set_access_staff",
               "embargo")
    list_per_page = 50

    class Media:
        # "Add files" on a saved item sends them through the resumable (tus) endpoint with a progress bar.
        js = ["js/vendor/tus.min.js", "js/admin-upload.js"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["accession_number", ("kind", "status"), "collection", "original_language"]}),
            (_("Title, side by side: English, Thai, Burmese, Khmer, Lao"), _five("title")),
            (_("Description, side by side: English, Thai, Burmese, Khmer, Lao"), _five("description")),
            (_("Date"), {"fields": ["date", ("date_lower", "date_upper")]}),
            *art_fieldsets(),
            (_("Places"), {"fields": ["places"]}),
            (_("Subjects, tags and languages"), {"fields": ["subjects", "tags", "languages"]}),
            (_("Rights and access"), {"fields": [("rights", "licence"), ("access", "embargo_until"), "provenance"]}),
            (_("Files"), {"fields": ["new_files"]}),
            (_("Staff only: never shown in public"), {"fields": ["staff_note"], "classes": ["staff-only"]}),
        ]
        if obj is not None:
            fieldsets.append((_("History"), {"fields": ["history_link"]}))
        return fieldsets

    @admin.display(description=_("title"), ordering="title")
    def title_in_language(self, item):
        return item.display_title()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "archive_item_changelist":
            queryset = queryset.prefetch_related("consents__agent")  # for not_public_because: two queries a page
        return queryset

    @admin.display(description=_("not public because…"))
    def not_public_because(self, item):
        return "; ".join(item.reasons_not_public()) or "–"

    @admin.display(description=_("history of this record"))
    def history_link(self, item):
        return format_html('<a href="{}">{}</a>', reverse("admin:archive_item_history", args=[item.pk]),
                           _("Every change, who made it and the value before"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._ingest_uploads(request, form.instance, form.cleaned_data.get("new_files") or [])

    def _ingest_uploads(self, request, item, uploads):
        for upload in uploads:
            try:
                asset = asset_ingest(item=item, source=upload, original_name=upload.name)
            except MediaRejected as error:
                self.message_user(request, _("“%(name)s” was not added: %(reason)s") % {
                    "name": upload.name, "reason": error}, messages.ERROR)
                continue
            if asset.kind == Asset.Kind.CAPTION:
                # Its web version is written in the normal form; say what that changes, as for transcripts.
                upload.seek(0)
                for note in upload_notes(upload.read()):
                    self.message_user(request, f"“{upload.name}” {note}", messages.WARNING)

    # Bulk actions save each item, so the history records every change.
    def _update_each(self, request, queryset, message, **values):
        with transaction.atomic():
            changed = 0
            for item in queryset.select_related(None).select_for_update():
                if any(getattr(item, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(item, name, value)
                    item.save()
                    changed += 1
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        self._update_each(request, queryset, _("%(count)s item(s) published."), status=Item.Status.PUBLISHED)
        hidden = queryset.count() - queryset.public().count()
        if hidden:
            self.message_user(request, ngettext(
                "%(count)d selected item is still not on the public site: its access level or consent keeps it "
                "hidden.",
                "%(count)d selected items are still not on the public site: their access level or consent keeps "
                "them hidden.", hidden) % {"count": hidden}, messages.WARNING)

    @admin.action(description=_("Send the selected items to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._update_each(request, queryset, _("%(count)s item(s) sent to review."), status=Item.Status.IN_REVIEW)

    @admin.action(description=_("Set access: public"), permissions=["change"])
    def set_access_public(self, request, queryset):
        self._update_each(request, queryset, _("%(count)s item(s) set to public access."), access=AccessLevel.PUBLIC)

    @admin.action(description=_("Set access: registered users"), permissions=["change"])
    def set_access_registered(self, request, queryset):
        self._update_each(request, queryset, _("%(count)s item(s) set to registered users."),
                          access=AccessLevel.REGISTERED)

    @admin.action(description=_("Set access: staff only"), permissions=["change"])
    def set_access_staff(self, request, queryset):
        self._update_each(request, queryset, _("%(count)s item(s) set to staff only."), access=AccessLevel.STAFF)

    @admin.action(description=_("Set access: embargoed until a date…"), permissions=["change"])
    def embargo(self, request, queryset):
        form = EmbargoForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._update_each(request, queryset, _("%(count)s item(s) embargoed."), access=AccessLevel.EMBARGOED,
                              embargo_until=form.cleaned_data["until"])
            return None
        return TemplateResponse(request, "admin/archive/item/embargo.html", {
            **self.admin_site.each_context(request), "title": _("Embargo items until a date"), "form": form,
            "items": queryset, "opts": self.model._meta,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        })


class EmbargoForm(forms.Form):
    until = forms.DateField(label=_("Embargoed until"), widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("The items become visible by themselves on this day (if published)."))


# --- the records items point to ---------------------------------------------------------------------------

@admin.register(Agent)
class AgentAdmin(RecordedAdmin):
    list_display = ("display_name", "kind", "is_pseudonym", "is_minor")
    list_filter = ("kind", "is_pseudonym", "is_minor")
    search_fields = ("display_name", "private_name")
    fieldsets = [
        (_("Public"), {"fields": ["kind", "display_name", "is_pseudonym"],
                       "description": _("Shown on the public site next to the items.")}),
        (_("Staff only: never shown in public"), {
            "fields": ["private_name", "private_notes", ("is_minor", "birth_year"), "minor_public_name"],
            "classes": ["staff-only"],
            "description": _("Identifying details. They stay in the admin; no public page, export for the public, "
                             "feed or search index ever shows them.")}),
    ]


@admin.register(Place)
class PlaceAdmin(RecordedAdmin):
    list_display = ("path", "kind", "latitude", "longitude", "show_precisely")
    list_filter = ("kind", "show_precisely")
    search_fields = ("name", *[field_name("name", code) for code in TEXT_LANGUAGES if code != "en"])
    autocomplete_fields = ("parent",)
    fields = ("name", tuple(field_name("name", code) for code in TEXT_LANGUAGES if code != "en"), "kind", "parent",
              ("latitude", "longitude"), "show_precisely")


@admin.register(Subject)
class SubjectAdmin(RecordedAdmin):
    list_display = ("slug", "title", "parent")
    search_fields = ("slug", *field_names("title"))
    autocomplete_fields = ("parent",)
    fieldsets = [(None, {"fields": ["slug", "parent"]}), (_("Name"), _five("title"))]


@admin.register(Tradition)
class TraditionAdmin(RecordedAdmin):
    list_display = ("slug", "title")
    search_fields = ("slug", *field_names("title"))
    fieldsets = [(None, {"fields": ["slug"]}), (_("Name"), _five("title"))]


@admin.register(Collection)
class CollectionAdmin(RecordedAdmin):
    list_display = ("slug", "title")
    search_fields = ("slug", *field_names("title"))
    fieldsets = [(None, {"fields": ["slug"]}), (_("Title"), _five("title")), (_("Description"), _five("description"))]


@admin.register(Language)
class LanguageAdmin(RecordedAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()


@admin.register(ConsentRecord)
class ConsentRecordAdmin(RecordedAdmin):
    list_display = ("item", "agent", "public_web", "exhibits", "classroom", "research", "by_guardian", "given_on",
                    "withdrawn_on")
    list_filter = ("public_web", "exhibits", "classroom", "research", "by_guardian",
                   ("withdrawn_on", admin.EmptyFieldListFilter))
    search_fields = ("item__accession_number", "agent__display_name")
    autocomplete_fields = ("item", "agent")
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    """The history, read-only: nobody edits or deletes what happened."""

    list_display = ("at", "model", "object_repr", "action", "field", "old_value_short", "new_value_short", "user",
                    "source")
    list_filter = ("model", "action", "source", "at")
    search_fields = ("object_repr", "object_id", "field")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("before"))
    def old_value_short(self, change):
        return _short(change.old_value)

    @admin.display(description=_("after"))
    def new_value_short(self, change):
        return _short(change.new_value)


def _short(value, limit=120):
    if value is None:
        return "–"
    return value if len(value) <= limit else value[:limit] + "…"
