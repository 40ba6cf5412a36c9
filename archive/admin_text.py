"""What curators type in the admin is saved in the archive's normal form (archive/normalise.py).

`NormalisedTextForm` is the model form base: every text input (CharField, TextField) is normalised when the form
is cleaned, and what the curator should hear about (Burmese converted from Zawgyi, or left as typed because it
may be Zawgyi) is kept in `form.normalisation_notes`. `NormalisedTextAdmin` is the ModelAdmin mixin that uses it
for the admin's own form and for every inline without a form of its own, and tells the curator the notes once
the record is saved.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext

from .normalise import ZAWGYI, ZAWGYI_UNSURE, normalise


def converted_note():
    return gettext("Burmese converted from Zawgyi")


def unsure_note():
    return gettext("this may be Burmese typed in Zawgyi; it was left as typed, please check it")


def text_notes(where, result):
    """Notes for the curator about one normalised text (a Normalised), each starting with `where`."""
    notes = []
    if ZAWGYI in result.changes:
        notes.append(f"{where}: {converted_note()}")
    if ZAWGYI_UNSURE in result.changes:
        notes.append(f"{where}: {unsure_note()}")
    return notes


def upload_notes(data):
    """Notes, line by line, about an uploaded text file (bytes) whose decoded text is normalised on reading."""
    text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
    result = normalise(text)
    return ([f"line {line}: {converted_note()}" for line in result.zawgyi_lines]
            + [f"line {line}: {unsure_note()}" for line in result.unsure_lines])


class NormalisedTextForm(forms.ModelForm):
    """A model form whose typed text is cleaned into the normal form; notes in `normalisation_notes`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.normalisation_notes = []

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            field = self.fields.get(name)
            if not isinstance(value, str) or not isinstance(field, forms.CharField):
                continue
            result = normalise(value)
            cleaned[name] = result.text
            self.normalisation_notes += text_notes(field.label or name, result)
        return cleaned


class NormalisedTextAdmin:
    """ModelAdmin mixin (before admin.ModelAdmin in the bases): normalised typed text in the form and inlines."""

    form = NormalisedTextForm

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            if inline.form is forms.ModelForm:
                inline.form = NormalisedTextForm
        return inlines

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for each in (form, *(inline for formset in formsets for inline in formset.forms)):
            for note in getattr(each, "normalisation_notes", ()):
                self.message_user(request, note, messages.WARNING)
