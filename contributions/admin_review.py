"""The review queue: curators see each contribution with its file, edit what it says, and decide."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from media_pipeline.models import Derivative

from .models import Caption, Message, Submission
from .review import ReviewRefused, submission_approve, submission_reject, submission_request_changes

DECISIONS = [("", _("no decision yet")), ("approve", _("approve and publish")),
             ("changes", _("ask for changes")), ("reject", _("reject"))]


class ReviewForm(forms.ModelForm):
    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS, required=False)
    credited_as = forms.CharField(label=_("credit the contributor as"), required=False,
                                  help_text=_("Empty: the name they chose."))
    note = forms.CharField(label=_("message to the contributor"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Needed to ask for changes or to reject; they read it in “My uploads”."))

    class Meta:
        model = Submission
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in ("changes", "reject") and not cleaned.get("note", "").strip():
            raise ValidationError({"note": _("Say why, in words the contributor will understand.")})
        return cleaned


class ReadOnlyInline(admin.TabularInline):
    """Rows a curator reads beside the submission but never adds, edits or removes there."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["created_at", "author", "text"]


class CaptionInline(ReadOnlyInline):
    model = Caption
    fields = ["language", "original_name", "asset"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    form = ReviewForm
    list_display = ["title", "contributor", "shown_state", "created_at"]
    list_filter = ["state"]
    search_fields = ["title", "pseudonym"]
    inlines = [CaptionInline, MessageInline]
    readonly_fields = ["contributor", "state", "preview", "item", "reason", "consent_public_web", "consent_exhibits",
                       "consent_classroom", "consent_research", "consent_given_at", "created_at"]
    fieldsets = [
        (None, {"fields": ["preview", "contributor", "state", "item", "reason", "created_at"]}),
        (_("What the contributor says"), {"fields": [
            "title", "description", "text_language", "languages", "places", "date", "people", "people_agreed",
            "licence", "content_warnings", "pseudonym"]}),
        (_("Consent (as the contributor gave it)"), {"fields": [
            "consent_public_web", "consent_exhibits", "consent_classroom", "consent_research", "consent_given_at"]}),
        (_("Decision"), {"fields": ["decision", "credited_as", "note"]}),
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("state"))
    def shown_state(self, submission):
        return Submission.State(submission.current_state()).label

    @admin.display(description=_("preview"))
    def preview(self, submission):
        derivative = Derivative.objects.filter(asset__item_id=submission.item_id, role__in=["mp4", "image"]).order_by(
            "role", "-width").first() if submission.item_id else None
        if derivative is None:
            return _("No preview yet: the file is still uploading or being processed.")
        if derivative.role == "mp4":
            return format_html('<video controls preload="metadata" src="{}" width="480"></video>', derivative.url)
        return format_html('<img src="{}" alt="" width="480">', derivative.url)

    def save_model(self, request, submission, form, change):
        super().save_model(request, submission, form, change)
        decision, note = form.cleaned_data.get("decision"), form.cleaned_data.get("note", "")
        try:
            if decision == "approve":
                item = submission_approve(submission=submission, by=request.user, message=note,
                                          credited_as=form.cleaned_data.get("credited_as", ""))
                messages.success(request, _("Published as %(accession)s.") % {"accession": item.accession_number})
            elif decision == "changes":
                submission_request_changes(submission=submission, by=request.user, message=note)
            elif decision == "reject":
                submission_reject(submission=submission, by=request.user, reason=note)
        except ReviewRefused as refused:
            messages.error(request, str(refused))
