"""The forms of a teacher's own kits: adding a source from an item or exhibit page, the kit's texts in two
languages side by side, and one source's clip times and note."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive.languages import LANGUAGES, TEXT_LANGUAGES, field_name
from exhibits.clips import clip_clock

from .building import check_clip, clip_time
from .models import Kit

NEW_KIT = "new"
# The kit's texts in the order its page reads them; each is edited in two languages side by side.
TEXTS = ("title", "summary", "objectives", "questions_observe", "questions_reflect", "questions_question",
         "activities", "vocabulary", "advisories")
TIME_HELP = _("Minutes and seconds (1:15) or seconds (75).")


def language_pair(params, kit=None):
    """The two languages a teacher writes in side by side, from `?a=th&b=en`; by default the kit's own language
    and Thai or English beside it."""
    first = kit.original_language if kit is not None else "th"
    wanted = [params.get("a", first), params.get("b", "en" if first != "en" else "th")]
    wanted = [code if code in TEXT_LANGUAGES else None for code in wanted]
    a = wanted[0] or "th"
    b = wanted[1] if wanted[1] and wanted[1] != a else ("en" if a != "en" else "th")
    return a, b


class PairForm(forms.Form):
    """Which two languages to show side by side: a GET form, so the choice is part of the page's address."""

    a = forms.ChoiceField(label=_("Write in"), choices=[(lang.code, lang.name) for lang in LANGUAGES])
    b = forms.ChoiceField(label=_("beside"), choices=[(lang.code, lang.name) for lang in LANGUAGES])


class ClipTimesMixin:
    """A clip's start and end as a teacher types them, checked against the recording they cut."""

    clip_item = None

    def clean_start(self):
        return clip_time(self.cleaned_data.get("start"), label=_("start"))

    def clean_end(self):
        return clip_time(self.cleaned_data.get("end"), label=_("end"))

    def check_clip_times(self):
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if "start" in self.errors or "end" in self.errors or self.clip_item is None:
            return
        try:
            check_clip(self.clip_item, start, end)
        except ValidationError as error:
            self.add_error("end", error)


def time_field(label):
    return forms.CharField(label=label, required=False, max_length=40, help_text=TIME_HELP,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off",
                                                         "size": 8}))


class AddToKitForm(ClipTimesMixin, forms.Form):
    """Add an item (whole, or a clip of its film or recording) or an exhibit to one of the teacher's kits or to a
    new one."""

    kit = forms.ChoiceField(label=_("Add to"))
    title = forms.CharField(label=_("Title of the new kit"), required=False, max_length=500,
                            help_text=_("Only for a new kit. Left empty, the kit takes this page's title."))
    start = time_field(_("Clip start"))
    end = time_field(_("Clip end"))

    def __init__(self, *args, kits, item=None, exhibit=None, clips=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kits = {str(kit.pk): kit for kit in kits}
        self.fields["kit"].choices = [(NEW_KIT, _("A new kit")), *[(pk, str(kit)) for pk, kit in self.kits.items()]]
        self.fields["kit"].initial = next(iter(self.kits), NEW_KIT)
        self.item, self.exhibit = item, exhibit
        self.clip_item = item if clips else None
        if not clips:
            del self.fields["start"], self.fields["end"]

    def clean(self):
        cleaned = super().clean()
        if "start" in self.fields:
            self.check_clip_times()
        return cleaned

    def chosen_kit(self):
        """The teacher's kit chosen, or None for a new one."""
        return self.kits.get(self.cleaned_data["kit"])


def kit_form_class(pair):
    """A form for a kit's texts in the two languages of `pair`, with its age band, subject and duration."""
    names = ["age_band", "subject_area", "duration_minutes"]
    names += [field_name(base, code) for base in TEXTS for code in pair]

    class KitForm(forms.ModelForm):
        class Meta:
            model = Kit
            fields = names
            widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in names
                       if not name.startswith(("title", "age_band", "subject_area", "duration"))}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["age_band"].choices = [("", "—"), *Kit.AgeBand.choices]
            self.fields["subject_area"].choices = [("", "—"), *Kit.Subject.choices]
            for name in ("age_band", "subject_area"):  # a kit made from "add to kit" waits; the form asks
                self.fields[name].required = True
            for code in pair:
                for base in TEXTS:
                    self.fields[field_name(base, code)].widget.attrs["lang"] = code

        def _update_errors(self, errors):
            # The kit's own rule reports a missing title on the English one, which may not be in view here.
            if hasattr(errors, "error_dict") and "title" in errors.error_dict and "title" not in self.fields:
                errors.error_dict[field_name("title", pair[0])] = errors.error_dict.pop("title")
            super()._update_errors(errors)

        def rows(self):
            """(text, field in the first language, field in the second) for each text, to lay out side by side."""
            return [(base, self[field_name(base, pair[0])], self[field_name(base, pair[1])]) for base in TEXTS]

    return KitForm


class SourceForm(ClipTimesMixin, forms.Form):
    """One source's clip times (for a clip) and its note in the two languages shown."""

    start = time_field(_("Clip start"))
    end = time_field(_("Clip end"))

    def __init__(self, *args, source, pair, **kwargs):
        super().__init__(*args, prefix=f"source-{source.pk}", **kwargs)
        self.source, self.pair = source, pair
        if source.kind == source.Kind.CLIP:
            self.clip_item = source.item
            if not self.is_bound:
                self.initial.update(start=clip_clock(source.clip_start), end=clip_clock(source.clip_end))
        else:
            del self.fields["start"], self.fields["end"]
        for code in pair:
            name = field_name("note", code)
            label = source._meta.get_field(name).verbose_name
            self.fields[name] = forms.CharField(label=label, required=False, initial=getattr(source, name),
                                                widget=forms.Textarea(attrs={"rows": 2, "lang": code}))

    def clean(self):
        cleaned = super().clean()
        if "start" in self.fields:
            if cleaned.get("start") is None and cleaned.get("end") is None and not self.errors:
                self.add_error("end", _("A clip needs both a start and an end."))
            self.check_clip_times()
        return cleaned

    def note_fields(self):
        return [self[field_name("note", code)] for code in self.pair]

    def save(self):
        source = self.source
        if "start" in self.fields:
            source.clip_start, source.clip_end = self.cleaned_data["start"], self.cleaned_data["end"]
        for code in self.pair:
            name = field_name("note", code)
            setattr(source, name, self.cleaned_data[name])
        source.save()
        source.kit.save(update_fields=["updated_at"])
        return source
