"""Keeping transcript lines and segments in the search index equal to what the access policy makes public.

This follows the archive's one mechanism (exhibits.search_tasks): once a transaction commits, the ids of the
documents concerned go to the `search_index_update` task, which asks the policy again (our indexes'
`index_queryset`) and writes or removes each. The daily `search_sync` reconciles these indexes too, so an
embargo that lifts brings an interview's lines into search by itself.

What enqueues:
- the oral-history services (import, replace, hide or show), with the ids before and after the change;
- catalogue changes that change whether an item's texts may be public: an item saved, a consent record saved
  or deleted; and deletions of items, recordings, transcripts and segments (ids taken before they go).
Receivers only enqueue; the decisions stay in the policy.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import signals

from exhibits.search_tasks import search_enqueue, search_index_update

CUE = "oral_histories.cue"
SEGMENT = "oral_histories.segment"


def _models():
    return apps.get_model("oral_histories", "Cue"), apps.get_model("oral_histories", "Segment")


def search_enqueue_texts(*, cue_ids=(), segment_ids=()):
    """After commit, refresh these transcript lines and segments (ids of deleted ones are removed)."""
    search_enqueue(CUE, list(cue_ids))
    search_enqueue(SEGMENT, list(segment_ids))


def search_enqueue_item_texts(item_ids):
    """After commit, refresh every transcript line and segment of these items, as the policy says then."""
    item_ids = sorted({pk for pk in item_ids if pk is not None})
    if not item_ids:
        return

    def enqueue():
        Cue, Segment = _models()
        cues = list(Cue.objects.filter(transcript__recording__item_id__in=item_ids).values_list("pk", flat=True))
        segments = list(Segment.objects.filter(recording__item_id__in=item_ids).values_list("pk", flat=True))
        if cues:
            search_index_update.enqueue(CUE, cues)
        if segments:
            search_index_update.enqueue(SEGMENT, segments)

    transaction.on_commit(enqueue)


def _ids(model, **filters):
    return list(model.objects.filter(**filters).values_list("pk", flat=True))


def item_changed(sender, instance, **kwargs):
    search_enqueue_item_texts([instance.pk])


def consent_changed(sender, instance, **kwargs):
    search_enqueue_item_texts([instance.item_id])


def item_deleting(sender, instance, **kwargs):
    Cue, Segment = _models()
    search_enqueue_texts(cue_ids=_ids(Cue, transcript__recording__item_id=instance.pk),
                         segment_ids=_ids(Segment, recording__item_id=instance.pk))


def recording_deleting(sender, instance, **kwargs):
    Cue, Segment = _models()
    search_enqueue_texts(cue_ids=_ids(Cue, transcript__recording_id=instance.pk),
                         segment_ids=_ids(Segment, recording_id=instance.pk))


def transcript_deleting(sender, instance, **kwargs):
    Cue, _Segment = _models()
    search_enqueue_texts(cue_ids=_ids(Cue, transcript_id=instance.pk))


def segment_deleting(sender, instance, **kwargs):
    search_enqueue_texts(segment_ids=[instance.pk])


RECEIVERS = (
    (signals.post_save, item_changed, "archive.Item"),
    (signals.post_save, consent_changed, "archive.ConsentRecord"),
    (signals.post_delete, consent_changed, "archive.ConsentRecord"),
    (signals.pre_delete, item_deleting, "archive.Item"),
    (signals.pre_delete, recording_deleting, "archive.Asset"),
    (signals.pre_delete, transcript_deleting, "oral_histories.Transcript"),
    (signals.pre_delete, segment_deleting, "oral_histories.Segment"),
)


def connect():
    for signal, receiver, model in RECEIVERS:
        signal.connect(receiver, sender=apps.get_model(model), dispatch_uid=f"oral_histories.{receiver.__name__}")
