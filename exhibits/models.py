"""Exhibits: curated stories told with items of the collection, as an ordered list of blocks."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.access import may_view
from archive.history import RecordedQuerySet, track
from archive.languages import TEXT_LANGUAGES, field_names
from archive.models import Asset, Item, MultilingualTitle, long_text_in, text_in, translated

_LANGUAGE_SUFFIX = re.compile(f"_({'|'.join(code for code in TEXT_LANGUAGES if code != 'en')})$")


def validate_script_slug(value):
    """Letters, digits, hyphens and underscores in any script. Django's Unicode slug check refuses the vowel and
    tone marks of Thai, Lao, Khmer and Burmese (they are not word characters to Python), so "ชีวิตชาวประมง"
    would be refused although it is one word."""
    if not value or any(not (char.isalnum() or char in "-_" or unicodedata.category(char) in ("Mn", "Mc"))
                        for char in value):
        raise ValidationError(_("Use letters of any script, digits, hyphens or underscores, with no spaces."))

class ExhibitQuerySet(RecordedQuerySet):
    def published(self):
        return self.filter(status=Exhibit.Status.PUBLISHED)

    def public(self, *, now=None):
        """Exhibits anyone may read: published, with a publication time already reached."""
        return self.published().filter(published_at__lte=now or timezone.now())

    def visible_to(self, user, *, now=None):
        """People the admin lets view exhibits (`exhibits.view_exhibit` or `change_exhibit`) also see drafts and
        scheduled exhibits (the preview); everyone else sees public exhibits. The items inside follow the item
        policy."""
        if may_view(user, "exhibits.exhibit"):
            return self.all()
        return self.public(now=now)

    def featured(self):
        return self.filter(featured=True)


class Exhibit(MultilingualTitle):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    slug = models.CharField(_("slug"), unique=True, max_length=200, validators=[validate_script_slug],
                            help_text=_("The exhibit's address: letters of any script, digits and hyphens."))
    summary = long_text_in("en", "summary")
    summary_th = long_text_in("th", "summary")
    summary_my = long_text_in("my", "summary")
    summary_km = long_text_in("km", "summary")
    summary_lo = long_text_in("lo", "summary")
    credits = long_text_in("en", "credits")
    credits_th = long_text_in("th", "credits")
    credits_my = long_text_in("my", "credits")
    credits_km = long_text_in("km", "credits")
    credits_lo = long_text_in("lo", "credits")
    cover = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("cover image"),
                              help_text=_("An image file of an item. Shown only to visitors who may see that item."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        help_text=_("The exhibit becomes public at this time."))
    featured = models.BooleanField(_("featured on the home page"), default=False)
    original_language = models.CharField(_("language the texts were written in"), max_length=2, default="en",
                                         choices=[(c, c) for c in TEXT_LANGUAGES])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExhibitQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "slug"]
        verbose_name = _("exhibit")

    def clean(self):
        super().clean()
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()

    def get_absolute_url(self):
        return reverse("exhibit_detail", kwargs={"slug": self.slug})

    def display_summary(self, language=None):
        return translated(self, "summary", language, self.original_language)

    def display_credits(self, language=None):
        return translated(self, "credits", language, self.original_language)

    def is_public(self, *, now=None):
        return type(self).objects.filter(pk=self.pk).public(now=now).exists()


class Block(models.Model):
    """One block of an exhibit. Which fields matter depends on the kind; items come in BlockItem rows."""

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        ITEM = "item", _("item with caption")
        GALLERY = "gallery", _("gallery")
        CLIP = "clip", _("media clip")
        QUOTE = "quote", _("quote")
        TIMELINE = "timeline", _("timeline")
        MAP = "map", _("map")
        DATA = "data", _("data story")
        ART_GALLERY = "art_gallery", _("art gallery: works shown large with their labels")
        PERFORMANCE = "performance", _("performance: a recording with its programme")

    # The fields each kind uses besides its position, kind and heading ("items": it shows items of the collection).
    # The admin shows a block only these fields, and validation empties the others. A new kind is one line here.
    FIELDS = {
        Kind.TEXT: ("body",),
        Kind.ITEM: ("items",),
        Kind.GALLERY: ("items",),
        Kind.CLIP: ("items", "clip_start", "clip_end"),
        Kind.QUOTE: ("body", "attribution"),
        Kind.TIMELINE: ("items",),
        Kind.MAP: ("items",),
        Kind.DATA: ("data_csv", "chart", "data_source"),
        Kind.ART_GALLERY: ("items",),
        Kind.PERFORMANCE: ("items",),
    }
    COMMON_FIELDS = ("position", "kind", "heading")
    ITEM_KINDS = tuple(kind for kind, used in FIELDS.items() if "items" in used)

    class Chart(models.TextChoices):
        BAR = "bar", _("bar chart")
        LINE = "line", _("line chart")

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    heading = text_in("en", "heading")
    heading_th = text_in("th", "heading")
    heading_my = text_in("my", "heading")
    heading_km = text_in("km", "heading")
    heading_lo = text_in("lo", "heading")
    body = long_text_in("en", "text (Markdown) or quote")
    body_th = long_text_in("th", "text (Markdown) or quote")
    body_my = long_text_in("my", "text (Markdown) or quote")
    body_km = long_text_in("km", "text (Markdown) or quote")
    body_lo = long_text_in("lo", "text (Markdown) or quote")
    attribution = models.CharField(_("quote attribution"), max_length=300, blank=True)
    clip_start = models.DecimalField(_("clip start (seconds)"), max_digits=9, decimal_places=2, null=True,
                                     blank=True)
    clip_end = models.DecimalField(_("clip end (seconds)"), max_digits=9, decimal_places=2, null=True, blank=True)
    data_csv = models.TextField(_("data (CSV)"), blank=True,
                                help_text=_("First row: column names. First column: labels; second: numbers."))
    chart = models.CharField(_("chart"), max_length=10, choices=Chart.choices, default=Chart.BAR)
    data_source = models.CharField(_("data source"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self):
        return f"{self.position}. {self.get_kind_display()}"

    @classmethod
    def kind_fields(cls):
        """Every field some kind uses and others do not, by its base name (body, not body_th)."""
        return sorted({name for used in cls.FIELDS.values() for name in used})

    def uses(self, name):
        """Whether this block's kind uses a field, named as in the form (body_th is body)."""
        base = _LANGUAGE_SUFFIX.sub("", name)
        return base in self.COMMON_FIELDS or base in self.FIELDS.get(self.kind, ()) or base not in self.kind_fields()

    def clean(self):
        super().clean()
        from .charts import ChartError, parse_chart_csv

        if self.kind in self.FIELDS:  # a value a block does not show stays nowhere, hidden from its curator
            for model_field in self._meta.concrete_fields:
                if not self.uses(model_field.name):
                    setattr(self, model_field.attname, model_field.get_default())
        errors = {}
        if self.kind in (self.Kind.TEXT, self.Kind.QUOTE) and not any(
                getattr(self, name) for name in field_names("body")):
            errors["body"] = _("A text or quote block needs its text in at least one language.")
        if self.kind == self.Kind.DATA:
            try:
                parse_chart_csv(self.data_csv)
            except ChartError as error:
                errors["data_csv"] = str(error)
        if self.kind == self.Kind.CLIP and self.clip_start is not None and self.clip_end is not None:
            if self.clip_end <= self.clip_start:
                errors["clip_end"] = _("The clip must end after it starts.")
        if errors:
            raise ValidationError(errors)

    def display_heading(self, language=None):
        return translated(self, "heading", language, self.exhibit.original_language if self.exhibit_id else None)

    def display_body(self, language=None):
        return translated(self, "body", language, None)


class BlockItem(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="block_items")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    position = models.PositiveIntegerField(_("position"), default=0)
    caption = text_in("en", "caption")
    caption_th = text_in("th", "caption")
    caption_my = text_in("my", "caption")
    caption_km = text_in("km", "caption")
    caption_lo = text_in("lo", "caption")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("item of a block")
        verbose_name_plural = _("items of blocks")

    def __str__(self):
        return str(self.item)

    def display_caption(self, language=None):
        return translated(self, "caption", language, None)


def visible_block_items(user):
    """BlockItem rows whose item the visitor may see under the exhibits consent use."""
    items = Item.objects.visible_to(user, use="exhibits")
    long_texts = [f"item__{name}" for name in (*field_names("description"), "provenance")]
    return BlockItem.objects.filter(item__in=items).select_related("item").defer(*long_texts)


track(Exhibit)
track(Block, part_of="exhibit", as_field="blocks")
track(BlockItem, part_of="block", as_field="items")
