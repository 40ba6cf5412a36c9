"""Keeping transcript lines and segments in the search index equal to what the access policy makes public.

This follows the archive's one mechanism (search.upkeep): changes are marked, gathered until the
transaction commits, and handed to one `search_index_update` task, while documents the policy no longer shows
leave the index at once. This module tells that mechanism about transcripts and segments:

- expanders: a marked item reaches its transcript lines and segments (consent withdrawn, access changed: the
  lines go with the item), and a marked place or subject reaches the segments that name it;
- receivers: a transcript, line or segment saved, updated in bulk (`records_updated`) or deleted (directly or
  with its recording or item), and a segment's places and subjects changed, are marked; a transcript's marks
  reach its lines;
- `search_enqueue_texts` for the oral-history services and admin actions that change many lines at once.

The daily `search_sync` reconciles these documents too, so an embargo that lifts brings an interview's lines
into search by itself.
"""

from django.apps import apps
from django.db.models import signals

from search.upkeep import search_mark, search_register_expander

CUE = "oral_histories.cue"
SEGMENT = "oral_histories.segment"


def _models():
    return apps.get_model("oral_histories", "Cue"), apps.get_model("oral_histories", "Segment")


def search_enqueue_texts(*, cue_ids=(), segment_ids=()):
    """After commit, refresh these transcript lines and segments (ids of deleted ones are removed)."""
    search_mark(CUE, list(cue_ids))
    search_mark(SEGMENT, list(segment_ids))


def texts_of_items(item_ids):
    Cue, Segment = _models()
    return {CUE: list(Cue.objects.filter(transcript__recording__item_id__in=item_ids).values_list("pk", flat=True)),
            SEGMENT: list(Segment.objects.filter(recording__item_id__in=item_ids).values_list("pk", flat=True))}


def segments_naming(relation):
    def expand(ids):
        _Cue, Segment = _models()
        return {SEGMENT: list(Segment.objects.filter(**{f"{relation}__in": ids}).values_list("pk", flat=True)
                              .distinct())}
    return expand


def lines_of_transcripts(transcript_ids):
    Cue, _Segment = _models()
    return {CUE: list(Cue.objects.filter(transcript_id__in=transcript_ids).values_list("pk", flat=True))}


def text_changed(sender, instance, **kwargs):
    search_mark(sender._meta.label_lower, [instance.pk])


def segment_terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "pre_clear") and not reverse:
        search_mark(SEGMENT, [instance.pk])
    elif action in ("post_add", "post_remove") and reverse:
        search_mark(SEGMENT, pk_set or [])
    elif action == "pre_clear" and reverse:
        search_mark(SEGMENT, list(instance.segments.values_list("pk", flat=True)))


def connect():
    search_register_expander("archive.item", texts_of_items)
    search_register_expander("archive.place", segments_naming("places"))
    search_register_expander("archive.subject", segments_naming("subjects"))
    search_register_expander("oral_histories.transcript", lines_of_transcripts)
    Cue, Segment = _models()
    Transcript = apps.get_model("oral_histories", "Transcript")
    for model in (Transcript, Cue, Segment):
        signals.post_save.connect(text_changed, sender=model, dispatch_uid=f"oral_histories.saved.{model.__name__}")
    for model in (Cue, Segment):
        signals.post_delete.connect(text_changed, sender=model, dispatch_uid=f"oral_histories.{model.__name__}")
    for relation in (Segment.places, Segment.subjects):
        signals.m2m_changed.connect(segment_terms_changed, sender=relation.through,
                                    dispatch_uid=f"oral_histories.{relation.field.name}")
