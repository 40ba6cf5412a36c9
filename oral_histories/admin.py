"""Curators' screens for transcripts (typed line by line or imported from a file) and segment indexes."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from archive.admin import RecordedAdmin
from archive.admin_picker import PickerSelect
from archive.languages import field_names
from archive.models import Asset

from .forms import CueForm, CueFormSet, SegmentForm, TranscriptForm
from .models import Cue, Segment, Transcript
from .recordings import recording_playable
from .search_indexes import search_enqueue_texts
from .segment_files import write_segments_csv, write_segments_vtt
from .services import transcript_line_ids, transcript_replace_lines


class CueInline(admin.TabularInline):
    model = Cue
    form = CueForm
    formset = CueFormSet
    extra = 3
    classes = ("oh-cues",)


class BesideThePlayer:
    """The change page of a transcript or a segment, with its recording's player beside the form: the curator
    plays it and stamps the current time into a start or end box with one key (static/js/timecode-stamp.js)."""

    change_form_template = "admin/oral_histories/beside_the_player.html"

    class Media:
        css = {"all": ["oral_histories/admin.css"]}
        js = ["js/timecode-stamp.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "recording":
            kwargs["widget"] = PickerSelect("recordings", viewer=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        recording = obj.recording if obj is not None and obj.recording_id else None
        if recording is None:  # a new transcript or segment, its recording named in the address (?recording=N)
            chosen = str(context["adminform"].form["recording"].value() or "")
            recording = Asset.objects.filter(pk=chosen).first() if chosen.isascii() and chosen.isdigit() else None
        context["playable"] = recording_playable(recording) if recording else None
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class StaffOnlyActions:
    """Hide or show many records at once; the bulk update is announced, and the search index follows it."""

    @admin.action(description=_("Hide from the public (staff only)"), permissions=["change"])
    def make_staff_only(self, request, queryset):
        self._set_staff_only(request, queryset, True)

    @admin.action(description=_("Show to whoever may see the item"), permissions=["change"])
    def make_public(self, request, queryset):
        self._set_staff_only(request, queryset, False)

    def _set_staff_only(self, request, queryset, staff_only):
        # Update the selection by its ids: the changelist's queryset may be distinct(), which update() refuses.
        chosen = queryset.model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        count = chosen.update(staff_only=staff_only)
        self.message_user(request, _("%(count)s changed.") % {"count": count}, messages.SUCCESS)


@admin.register(Transcript)
class TranscriptAdmin(BesideThePlayer, StaffOnlyActions, RecordedAdmin):
    form = TranscriptForm
    inlines = (CueInline,)
    list_display = ("__str__", "language", "source_format", "staff_only", "updated_at")
    list_filter = ("staff_only", "source_format", "language")
    search_fields = ("recording__item__accession_number", "recording__item__title", "cues__text")
    actions = ("make_staff_only", "make_public")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recording__item", "language").distinct()

    def save_related(self, request, form, formsets, change):
        transcript = form.instance
        before = transcript_line_ids(transcript)
        super().save_related(request, form, formsets, change)
        if getattr(form, "parsed", None):
            transcript_replace_lines(transcript=transcript, parsed=form.parsed)
            self.message_user(request, _("%(count)s lines imported.") % {"count": len(form.parsed.cues)},
                              messages.SUCCESS)
        search_enqueue_texts(cue_ids=before + transcript_line_ids(transcript))


def _side_by_side(base):
    return (tuple(field_names(base)),)


@admin.register(Segment)
class SegmentAdmin(BesideThePlayer, StaffOnlyActions, RecordedAdmin):
    form = SegmentForm
    list_display = ("__str__", "recording", "start_time", "staff_only")
    list_filter = ("staff_only",)
    search_fields = ("recording__item__accession_number", *field_names("title"), *field_names("keywords"))
    filter_horizontal = ("subjects", "places")
    actions = ("make_staff_only", "make_public", "export_vtt", "export_csv")
    fieldsets = (
        (None, {"fields": ("recording", ("start_ms", "end_ms"), "staff_only")}),
        (_("Title"), {"fields": _side_by_side("title"), "classes": ("oh-languages",)}),
        (_("Synopsis"), {"fields": _side_by_side("synopsis"), "classes": ("oh-languages",)}),
        (_("Keywords"), {"fields": _side_by_side("keywords"), "classes": ("oh-languages",),
                         "description": _("Separate keywords with commas.")}),
        (_("Subjects and places"), {"fields": ("subjects", "places")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recording__item")

    @admin.display(description=_("start"), ordering="start_ms")
    def start_time(self, segment):
        return segment.clock()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_enqueue_texts(segment_ids=[form.instance.pk])

    def _download(self, queryset, writer, extension, content_type):
        segments = queryset.prefetch_related("subjects", "places").order_by("recording", "start_ms", "pk")
        response = HttpResponse(writer(segments), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="segments.{extension}"'
        return response

    @admin.action(description=_("Download as WebVTT"), permissions=["view"])
    def export_vtt(self, request, queryset):
        return self._download(queryset, write_segments_vtt, "vtt", "text/vtt")

    @admin.action(description=_("Download as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._download(queryset, write_segments_csv, "csv", "text/csv")
