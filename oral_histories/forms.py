"""Form fields and forms curators use for transcripts and segments: times typed as 12:34 or 00:12:34.500."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive.admin_picker import PickerSelect
from archive.admin_text import NormalisedTextForm, upload_notes
from archive.models import Language
from media_pipeline.timed_text import TimedCue, TimedTextError, check_cue_order, format_timestamp, parse_timed_text

from .models import Cue, Segment, Transcript
from .recordings import check_within_recording, recording_length_ms
from .timecodes import TimecodeError, parse_timecode


class TimecodeField(forms.CharField):
    """A time in the recording, shown as 00:12:34.500 and read from 754, 12:34 or 0:12:34.5; cleans to ms."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 12, "maxlength": 16, "inputmode": "decimal",
                                                           "placeholder": "00:00:00.000", "class": "oh-timecode"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_timestamp(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_timecode(value)
        except TimecodeError as error:
            raise ValidationError(str(error)) from None


class LanguageCodeField(forms.CharField):
    """An ISO 639-3 code, typed (tha, mya, shn, kar…); cleans to the Language, created on first use."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 4, "maxlength": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.code if isinstance(value, Language) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return Language.for_code(value)


class CueForm(NormalisedTextForm):
    start_ms = TimecodeField(label=_("start"))
    end_ms = TimecodeField(label=_("end"))

    class Meta:
        model = Cue
        fields = ("start_ms", "end_ms", "speaker", "text")
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 60}),
                   "speaker": forms.TextInput(attrs={"size": 14})}


class CueFormSet(forms.BaseInlineFormSet):
    """Typed lines, like imported ones, end after they start, do not overlap, and end within the recording."""

    def clean(self):
        super().clean()
        recording = self.instance.recording if self.instance.recording_id else None
        length_ms = recording_length_ms(recording) if recording else None
        lines = []
        for number, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("start_ms") is None or data.get("end_ms") is None:
                continue
            start_ms, end_ms = data["start_ms"], data["end_ms"]
            for field, error in check_within_recording(start_ms=start_ms, end_ms=end_ms, length_ms=length_ms).items():
                form.add_error(field, error)  # which takes the field out of cleaned_data
            lines.append(TimedCue(start_ms=start_ms, end_ms=end_ms, text="", line=number))
        try:
            check_cue_order(sorted(lines, key=lambda cue: cue.start_ms))
        except TimedTextError as error:
            raise ValidationError(str(error).replace("line ", "row ", 1)) from None


class TranscriptForm(NormalisedTextForm):
    language = LanguageCodeField(label=_("language (ISO 639-3)"), help_text=_("For example tha, mya, khm, lao, shn."))
    upload = forms.FileField(
        label=_("import a file"), required=False,
        help_text=_("WebVTT, SRT or text with [HH:MM:SS] markers (UTF-8). Replaces all the lines below."))

    class Meta:
        model = Transcript
        fields = ("recording", "language", "staff_only")
        widgets = {"recording": PickerSelect("recordings")}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        self.parsed = None
        if upload:
            try:
                data = upload.read()
                self.parsed = parse_timed_text(data)
            except TimedTextError as error:
                raise ValidationError(str(error)) from None
            self.normalisation_notes += upload_notes(data)
        return upload

    def clean(self):
        cleaned = super().clean()
        recording = cleaned.get("recording")
        if getattr(self, "parsed", None) and recording:
            length_ms = recording_length_ms(recording)
            for cue in self.parsed.cues:
                errors = check_within_recording(start_ms=cue.start_ms, end_ms=cue.end_ms, length_ms=length_ms)
                if errors:
                    self.add_error("upload", _("Line %(line)s of the file: %(error)s") % {
                        "line": cue.line, "error": next(iter(errors.values())).message})
                    break
        return cleaned


class SegmentForm(NormalisedTextForm):
    """A segment of the index: its times within the recording it indexes."""

    start_ms = TimecodeField(label=_("start"))
    end_ms = TimecodeField(label=_("end"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recording"):
            for field, error in check_within_recording(
                    start_ms=cleaned.get("start_ms"), end_ms=cleaned.get("end_ms"),
                    length_ms=recording_length_ms(cleaned["recording"])).items():
                self.add_error(field, error)
        return cleaned

    class Meta:
        model = Segment
        fields = "__all__"
        widgets = {"recording": PickerSelect("recordings")}
