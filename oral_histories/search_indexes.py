"""Transcript lines and segments in the search index: only what the access policy makes public.

Each document is one transcript line (cue) or one segment, so a hit lands on its moment. The fields a result
needs (accession number, recording, start time, the item's titles) are stored with the document, and the link to
the moment is built when the result is shown (`oh_moment_url`), in the visitor's language. Field names carry an `oh_` prefix so they never collide with the
catalogue's facet fields.
"""

from haystack import indexes

from archive.languages import TEXT_LANGUAGES, field_name

from exhibits.analysis import MultilingualTextField

from .models import Cue, Segment


def _all_languages(record, base):
    return [getattr(record, field_name(base, code), "") for code in TEXT_LANGUAGES]


class RecordingTextIndex(indexes.SearchIndex):
    text = MultilingualTextField(document=True)
    oh_item = indexes.IntegerField()
    oh_start = indexes.IntegerField(indexed=False)
    oh_clock = indexes.CharField(indexed=False)
    oh_accession = indexes.CharField(indexed=False)
    oh_recording = indexes.IntegerField(indexed=False)
    oh_item_titles = indexes.MultiValueField(indexed=False)

    def recording(self, obj):
        raise NotImplementedError

    def prepare_oh_item(self, obj):
        return self.recording(obj).item_id

    def prepare_oh_start(self, obj):
        return obj.start_ms

    def prepare_oh_clock(self, obj):
        return obj.clock()

    def prepare_oh_accession(self, obj):
        return self.recording(obj).item.accession_number

    def prepare_oh_recording(self, obj):
        return self.recording(obj).pk

    def prepare_oh_item_titles(self, obj):
        """The item's title in en, th, my, km, lo order ("" where it has none)."""
        return _all_languages(self.recording(obj).item, "title")


class CueIndex(RecordingTextIndex, indexes.Indexable):
    oh_speaker = indexes.CharField(indexed=False)
    oh_language = indexes.CharField(indexed=False)

    def get_model(self):
        return Cue

    def index_queryset(self, using=None):
        return Cue.objects.public().select_related("transcript__recording__item")

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def recording(self, cue):
        return cue.transcript.recording

    def prepare_text(self, cue):
        return cue.text

    def prepare_oh_speaker(self, cue):
        return cue.speaker

    def prepare_oh_language(self, cue):
        return cue.transcript.html_lang()


class SegmentIndex(RecordingTextIndex, indexes.Indexable):
    oh_titles = indexes.MultiValueField(indexed=False)

    def get_model(self):
        return Segment

    def index_queryset(self, using=None):
        return (Segment.objects.public().select_related("recording__item")
                .prefetch_related("subjects", "places"))

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def recording(self, segment):
        return segment.recording

    def prepare_text(self, segment):
        parts = [
            *_all_languages(segment, "title"),
            *_all_languages(segment, "synopsis"),
            *_all_languages(segment, "keywords"),
            *(text for subject in segment.subjects.all() for text in _all_languages(subject, "title")),
            *(text for place in segment.places.all() for text in _all_languages(place, "name")),
        ]
        return "\n".join(part for part in parts if part)

    def prepare_oh_titles(self, segment):
        return _all_languages(segment, "title")
