"""The exhibit builder's blocks: each kind shows its own fields, and a block's items are edited inside it."""

from django import forms
from django.contrib import admin
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from archive.admin_picker import PickerSelect, chosen_labels
from archive.admin_text import NormalisedTextForm
from archive.languages import field_names
from archive.models import Item

from .models import Block, BlockItem


def in_rows_of_two(base):
    """The English field on its own row, the four others two by two: ("title", ("title_th", "title_my"), ...)."""
    english, *others = field_names(base)
    return (english, *(tuple(others[i:i + 2]) for i in range(0, len(others), 2)))


class BlockItemForm(NormalisedTextForm):
    def __init__(self, *args, viewer=None, known=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].widget.viewer = viewer
        self.fields["item"].widget.known = known

    class Meta:
        model = BlockItem
        fields = ("item", "position", *field_names("caption"))
        widgets = {"position": forms.NumberInput(attrs={"class": "vSmallField"}),
                   "item": PickerSelect("items")}


BlockItemFormSet = inlineformset_factory(Block, BlockItem, form=BlockItemForm, extra=2, can_delete=True)


class BlockForm(NormalisedTextForm):
    """A block, with the list of its items as a formset of its own (prefix `blocks-0-items`).

    The item list is checked and saved only for kinds that show items, and only when the page sent it."""

    viewer = None  # the signed-in curator, and the labels of the exhibit's items: set by BlockInline.get_formset
    known = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = BlockItemFormSet(self.data if self.is_bound else None, instance=self.instance,
                                      prefix=f"{self.prefix}-items",
                                      form_kwargs={"viewer": self.viewer, "known": self.known})

    @property
    def media(self):
        return super().media + self.items.media

    def items_sent(self):
        return self.is_bound and f"{self.items.prefix}-TOTAL_FORMS" in self.data

    def shows_items(self):
        kind = self.cleaned_data.get("kind") if hasattr(self, "cleaned_data") else None
        return kind in Block.ITEM_KINDS and not self.cleaned_data.get("DELETE") and self.items_sent()

    def has_changed(self):
        return super().has_changed() or (self.items_sent() and self.items.has_changed())

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors is not None and self.shows_items() and not self.items.is_valid():
            self.add_error(None, _("Check the items of this block."))


class BlockInline(admin.StackedInline):
    model = Block
    form = BlockForm
    extra = 0
    ordering = ["position", "pk"]
    template = "admin/exhibits/block_inline.html"
    fields = ("position", "kind", tuple(field_names("heading")), tuple(field_names("body")), "attribution",
              ("clip_start", "clip_end"), ("chart", "data_source"), "data_csv")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        items = Item.objects.filter(pk__in=BlockItem.objects.filter(block__exhibit=obj).values("item")) if obj else None
        known = chosen_labels(items, viewer=request.user) if obj else None  # for all the item pickers at once
        formset.form = type(formset.form.__name__, (formset.form,), {"viewer": request.user, "known": known})
        return formset

    class Media:
        js = ["admin/js/jquery.init.js", "js/exhibit-builder.js"]
        css = {"all": ["css/exhibit-builder.css"]}


def block_items_save(*, blocks):
    """Save the item lists of the blocks of a saved block formset (the blocks are saved first)."""
    for form in blocks.forms:
        if form.instance.pk and form not in blocks.deleted_forms and form.shows_items():
            form.items.instance = form.instance
            form.items.save()
