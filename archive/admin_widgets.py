"""Form widgets of the curator admin: tags completed from the existing ones, private files shown without a link,
several files in one input, and text fields marked with their language so each script is shaped correctly."""

from django import forms
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget
from taggit.models import Tag

SUGGESTED_TAGS = 300


class TagCompleteInput(TagWidget):
    """Comma-separated tags with the most used ones offered in a datalist (no JavaScript needed); a small
    same-origin script completes the last tag typed from the admin's autocomplete endpoint."""

    class Media:
        js = ["js/admin-tags.js"]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id', name)}_suggestions"
        endpoint = reverse("admin:autocomplete") + "?app_label=archive&model_name=item&field_name=tags"
        attrs.update({"list": list_id, "autocomplete": "off", "data-tag-complete": endpoint})
        names = (Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses", "name")
                 .values_list("name", flat=True)[:SUGGESTED_TAGS])
        options = format_html_join("", '<option value="{}">', ((tag,) for tag in names))
        return format_html('{}<datalist id="{}">{}</datalist>', super().render(name, value, attrs, renderer),
                           list_id, options)


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private storage: shows the stored name, never a link (private files have no URL)."""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def render(self, name, value, attrs=None, renderer=None):
        upload = forms.FileInput().render(name, None, attrs, renderer)
        if not self.is_initial(value):
            return upload
        clear = ""
        if not self.is_required:
            checkbox = self.clear_checkbox_name(name)
            clear = format_html(' <label><input type="checkbox" name="{}" id="{}"> {}</label>',
                                checkbox, self.clear_checkbox_id(checkbox), _("Remove"))
        return format_html('<p class="file-upload">{} <code>{}</code> <span class="staff-only">{}</span>{}<br>'
                           '{} {}</p>', _("Stored:"), value.name, _("(private, staff only)"), clear,
                           _("Replace:"), upload)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]
