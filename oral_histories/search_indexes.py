"""Transcript lines and segments in the search index: only what the access policy makes public.

Each document is one transcript line (cue) or one segment, so a hit links to its moment
(`Cue.get_absolute_url`, `?t=754&rec=…#player`). Documents are loaded back through the same policy
(`read_queryset`), so one that has not yet left the index is never shown. A line's document starts with its
speaker as the public may read it (media_pipeline.speakers): a minor's full name typed as a speaker is indexed as
the child's public name, so searching the full name finds nothing. A change to the item's people (a person marked
a minor, renamed) marks the item, which reaches its lines.

`search_track_changes()` tells the archive's one upkeep mechanism (search.upkeep) what marks these documents: a
transcript, line or segment saved, updated in bulk or deleted (directly or with its recording or item), a
segment's places and subjects changed; a marked item reaches its lines and segments (consent withdrawn, access
changed: the lines go with the item), a marked place or subject the segments that name it, a marked transcript
its lines. The oral-history services and admin actions that write many lines at once without signals call
`search_enqueue_texts`. The daily `search_sync` reconciles these documents too, so an embargo that lifts brings
an interview's lines into search by itself.
"""

from django.db.models import Prefetch
from haystack import indexes

from archive.languages import texts_in_every_language
from media_pipeline.speakers import minor_names_of, minor_roles, minor_speaker_names, speaker_public
from search.analysis import MultilingualTextField
from search.upkeep import FingerprintedIndex, search_mark, search_register_expander, search_track, search_track_relation

from .models import Cue, Segment, Transcript

CUE = "oral_histories.cue"
SEGMENT = "oral_histories.segment"


class CueIndex(FingerprintedIndex, indexes.Indexable):
    text = MultilingualTextField(document=True)

    def get_model(self):
        return Cue

    def index_queryset(self, using=None):
        return (Cue.objects.public().select_related("transcript__recording__item")
                .prefetch_related(Prefetch("transcript__recording__item__item_agents", queryset=minor_roles(),
                                           to_attr="minor_roles")))

    def read_queryset(self, using=None):
        return Cue.objects.public().select_related("transcript__recording__item")

    def prepare_text(self, cue):
        """The line, after who says it as the public may read it (a minor by public name only)."""
        speaker = speaker_public(cue.speaker, names=_minor_names(cue.transcript.recording.item))
        return f"{speaker}: {cue.text}" if speaker else cue.text


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
            *texts_in_every_language(segment, "title"),
            *texts_in_every_language(segment, "synopsis"),
            *texts_in_every_language(segment, "keywords"),
            *(text for subject in segment.subjects.all() for text in texts_in_every_language(subject, "title")),
            *(text for place in segment.places.all() for text in texts_in_every_language(place, "name")),
        ]
        return "\n".join(part for part in parts if part)


def _minor_names(item):
    roles = getattr(item, "minor_roles", None)
    if roles is None:
        return minor_speaker_names(item_ids=[item.pk]).get(item.pk, {})
    return minor_names_of(roles)


def search_enqueue_texts(*, cue_ids=(), segment_ids=()):
    """After commit, refresh these transcript lines and segments (ids of deleted ones are removed)."""
    search_mark(CUE, list(cue_ids))
    search_mark(SEGMENT, list(segment_ids))


def search_track_changes():
    search_register_expander("archive.item", _texts_of_items)
    search_register_expander("archive.place", _segments_naming("places"))
    search_register_expander("archive.subject", _segments_naming("subjects"))
    search_register_expander("oral_histories.transcript", _lines_of_transcripts)
    for model in (Transcript, Cue, Segment):
        search_track(model)
    for relation in (Segment.places, Segment.subjects):
        search_track_relation(relation.through, label=SEGMENT)


def _texts_of_items(item_ids):
    return {CUE: list(Cue.objects.filter(transcript__recording__item_id__in=item_ids).values_list("pk", flat=True)),
            SEGMENT: list(Segment.objects.filter(recording__item_id__in=item_ids).values_list("pk", flat=True))}


def _segments_naming(relation):
    def expand(ids):
        return {SEGMENT: list(Segment.objects.filter(**{f"{relation}__in": ids}).values_list("pk", flat=True)
                              .distinct())}
    return expand


def _lines_of_transcripts(transcript_ids):
    return {CUE: list(Cue.objects.filter(transcript_id__in=transcript_ids).values_list("pk", flat=True))}
