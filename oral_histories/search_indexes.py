"""Transcript lines and segments in the search index: only what the access policy makes public.

Each document is one transcript line (cue) or one segment, so a hit links to its moment
(`Cue.get_absolute_url`, `?t=754&rec=…#player`). Documents are loaded back through the same policy
(`read_queryset`), so one that has not yet left the index is never shown. oral_histories.search_sync keeps
them current.
"""

from haystack import indexes

from archive.languages import TEXT_LANGUAGES, field_name
from search.analysis import MultilingualTextField
from search.upkeep import FingerprintedIndex

from .models import Cue, Segment


def _all_languages(record, base):
    return [getattr(record, field_name(base, code), "") for code in TEXT_LANGUAGES]


class CueIndex(FingerprintedIndex, indexes.Indexable):
    text = MultilingualTextField(document=True)

    def get_model(self):
        return Cue

    def index_queryset(self, using=None):
        return Cue.objects.public().select_related("transcript__recording__item")

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def prepare_text(self, cue):
        return cue.text


class SegmentIndex(FingerprintedIndex, indexes.Indexable):
    text = MultilingualTextField(document=True)

    def get_model(self):
        return Segment

    def index_queryset(self, using=None):
        return (Segment.objects.public().select_related("recording__item")
                .prefetch_related("subjects", "places"))

    def read_queryset(self, using=None):
        return Segment.objects.public().select_related("recording__item")

    def prepare_text(self, segment):
        parts = [
            *_all_languages(segment, "title"),
            *_all_languages(segment, "synopsis"),
            *_all_languages(segment, "keywords"),
            *(text for subject in segment.subjects.all() for text in _all_languages(subject, "title")),
            *(text for place in segment.places.all() for text in _all_languages(place, "name")),
        ]
        return "\n".join(part for part in parts if part)
