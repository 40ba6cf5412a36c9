"""Lesson kits in the search index: the archive's public kits, nothing else, drawn from `Kit.objects.public()`
for indexing and for loading results. A teacher's kit, shared by link only, and a draft never reach it.

The document holds the kit's own texts in every language it is written in; its sources have documents of their
own. The language facet lists the languages the kit is written in, by the ISO 639-3 codes items use.
"""

from haystack import indexes
from haystack.fields import FacetMultiValueField

from archive.languages import language_for_code, texts_in_every_language
from search.analysis import MultilingualTextField, document_text
from search.upkeep import FingerprintedIndex, search_track

from .models import Kit

TEXTS = ("title", "summary", "objectives", "questions_observe", "questions_reflect", "questions_question",
         "activities", "vocabulary", "advisories")


class KitIndex(FingerprintedIndex, indexes.Indexable):
    text = MultilingualTextField(document=True)
    kind = indexes.FacetCharField()
    language = FacetMultiValueField()

    def get_model(self):
        return Kit

    def index_queryset(self, using=None):
        return Kit.objects.public()

    def read_queryset(self, using=None):
        return Kit.objects.public()

    def prepare_text(self, kit):
        return document_text(*(texts_in_every_language(kit, base) for base in TEXTS))

    def prepare_kind(self, kit):
        return "kit"

    def prepare_language(self, kit):
        return sorted(language_for_code(code).iso639_3 for code in kit.languages())


def search_track_changes():
    """A kit's document changes with the kit itself (its texts, its status and publication time)."""
    search_track(Kit)
