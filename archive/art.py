"""Artworks, music and performances: the fields their items carry, and the traditions they belong to.

An artwork (painting, drawing, craft, sculpture, photographed as images of the work) has a medium, a support and
its dimensions; music and performances have a genre or tradition from a controlled list the foundation extends
in the admin (Burmese, Karen, Shan, Mon, Lao, Khmer, Thai...), and the occasion they were made for. The makers
and performers are the item's agents, each with a role and, for a performer, the part they played.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .history import RecordedQuerySet
from .languages import language_for_code, translated


def _text(language: str, label: str) -> models.CharField:
    return models.CharField(f"{label} ({language_for_code(language).english_name})", max_length=300, blank=True)


class Tradition(models.Model):
    """A genre or tradition of music and performance (Burmese classical, Karen don dance, Shan, Lao mor lam...),
    named in the five catalogue languages."""

    slug = models.SlugField(unique=True, allow_unicode=True, max_length=100)
    title = models.CharField("title (English)", max_length=200)
    title_th = models.CharField("title (Thai)", max_length=200, blank=True)
    title_my = models.CharField("title (Burmese)", max_length=200, blank=True)
    title_km = models.CharField("title (Khmer)", max_length=200, blank=True)
    title_lo = models.CharField("title (Lao)", max_length=200, blank=True)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("genre or tradition")
        verbose_name_plural = _("genres and traditions")

    def display_title(self, language=None):
        return translated(self, "title", language)

    def __str__(self):
        return self.display_title()


class WorkFields(models.Model):
    """What an artwork, a song or a performance says about itself beyond any item's fields."""

    medium = _text("en", "medium")
    medium_th = _text("th", "medium")
    medium_my = _text("my", "medium")
    medium_km = _text("km", "medium")
    medium_lo = _text("lo", "medium")
    support = _text("en", "support")
    support_th = _text("th", "support")
    support_my = _text("my", "support")
    support_km = _text("km", "support")
    support_lo = _text("lo", "support")
    dimensions = models.CharField(_("dimensions"), max_length=100, blank=True,
                                  help_text=_("Height × width (× depth) with the unit: 60 × 90 cm."))
    tradition = models.ForeignKey(Tradition, null=True, blank=True, on_delete=models.PROTECT, related_name="items",
                                  verbose_name=_("genre or tradition"))
    occasion = _text("en", "occasion")
    occasion_th = _text("th", "occasion")
    occasion_my = _text("my", "occasion")
    occasion_km = _text("km", "occasion")
    occasion_lo = _text("lo", "occasion")

    class Meta:
        abstract = True

    def display_medium(self, language=None):
        return translated(self, "medium", language, self.original_language)

    def display_support(self, language=None):
        return translated(self, "support", language, self.original_language)

    def display_occasion(self, language=None):
        return translated(self, "occasion", language, self.original_language)

