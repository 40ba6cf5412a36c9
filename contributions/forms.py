"""The contribution form: what a filmmaker says about their film, in plain words, on a phone."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from archive.edtf import EDTFError, parse_edtf
from archive.models import Item
from media_pipeline.timed_text import TimedTextError, parse_timed_text

from .models import Submission

# Languages people in the films speak, each named in itself, so no translation is needed to find one's own.
SPOKEN = [("mya", "မြန်မာ"), ("tha", "ไทย"), ("khm", "ខ្មែរ"), ("lao", "ລາວ"), ("shn", "တႆး"),
          ("kar", "ကညီ"), ("mnw", "ဘာသာ မန်"), ("eng", "English")]
CAPTION_MAX_BYTES = 2 * 1024**2
CONSENT_USES = ["public_web", "exhibits", "classroom", "research"]


class ContributionForm(forms.ModelForm):
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages spoken in it"), choices=SPOKEN, required=False, widget=forms.CheckboxSelectMultiple)
    file = forms.FileField(
        label=_("The film or photo"), required=False,
        help_text=_("Large files are sent in pieces that survive a weak connection when JavaScript is on."))
    confirm = forms.BooleanField(
        label=_("I made this film or photo, or have the right to share it, and I agree to the uses I ticked "
                "above. I can ask the archive to take it down at any time."))

    class Meta:
        model = Submission
        fields = ["title", "description", "text_language", "places", "date", "people", "people_agreed",
                  "licence", "content_warnings", "pseudonym", "consent_public_web", "consent_exhibits",
                  "consent_classroom", "consent_research"]
        labels = {
            "title": _("Title"),
            "description": _("What is it about?"),
            "text_language": _("Language you write the title and description in"),
            "places": _("Where was it made?"),
            "date": _("When was it made?"),
            "people": _("Who appears in it?"),
            "people_agreed": _("The people who appear agreed to be shown"),
            "licence": _("How may others use it?"),
            "content_warnings": _("Content warnings"),
            "pseudonym": _("Name to show with your work"),
            "consent_public_web": _("Show it on this website, to everyone"),
            "consent_exhibits": _("Use it in the archive's exhibits"),
            "consent_classroom": _("Use it in lessons in schools"),
            "consent_research": _("Let researchers study it"),
        }
        help_texts = {
            "places": _("A district or province, not a village, street or workplace: a precise place could "
                        "put the people in your film at risk."),
            "date": _("A year, or a year and month: 2023 or 2023-05."),
            "people": _("Names or descriptions; only curators read this."),
            "content_warnings": _("For example: violence, an accident at work, a death."),
            "pseudonym": _("Your own name or another name. Your account name, phone and email are never shown."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "people": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # a colon after a question or a ticked sentence reads oddly
        super().__init__(*args, **kwargs)
        self.fields["licence"].choices = [("", _("All rights reserved: ask me first")),
                                          *[(value, label) for value, label in Item.Licence.choices if value]]
        self.fields["pseudonym"].required = True
        for code, name in settings.LANGUAGES:
            self.fields[f"captions_{code}"] = forms.FileField(
                label=_("Subtitles in %(language)s (SRT or WebVTT)") % {"language": name}, required=False)

    def clean_date(self):
        date = self.cleaned_data["date"].strip()
        if date:
            try:
                parse_edtf(date)
            except EDTFError:
                raise forms.ValidationError(_("Write a year, or a year and month: 2023 or 2023-05.")) from None
        return date

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and file.size > settings.ARCHIVE_PLAIN_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_(
                "Without JavaScript a file can be at most %(limit)s. Turn on JavaScript to send larger files.")
                % {"limit": filesizeformat(settings.ARCHIVE_PLAIN_UPLOAD_MAX_BYTES)})
        return file

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"consent_{use}") for use in CONSENT_USES):
            self.add_error(None, _("Tick at least one use: the archive can do nothing with your work without one."))
        for code, _name in settings.LANGUAGES:
            file = cleaned.get(f"captions_{code}")
            if file:
                self._check_captions(f"captions_{code}", file)
        return cleaned

    def _check_captions(self, field, file):
        if file.size > CAPTION_MAX_BYTES:
            self.add_error(field, _("A subtitle file can be at most 2 MB."))
            return
        try:
            parse_timed_text(file.read(), overlaps=True)
        except TimedTextError as error:
            self.add_error(field, _("These subtitles cannot be read as SRT or WebVTT: %(error)s") % {"error": error})
        file.seek(0)

    def captions(self):
        return {code: self.cleaned_data[f"captions_{code}"] for code, _name in settings.LANGUAGES
                if self.cleaned_data.get(f"captions_{code}")}
