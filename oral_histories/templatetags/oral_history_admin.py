"""The item's admin page lists each recording's transcripts and index, with the pages that edit them beside a
player."""

from django import template
from django.db.models import Count

from oral_histories.models import RECORDING_KINDS, Transcript

register = template.Library()


@register.inclusion_tag("admin/oral_histories/recording_texts.html")
def recording_texts(item):
    recordings = list(item.assets.filter(kind__in=RECORDING_KINDS).annotate(segment_count=Count("segments"))
                      .order_by("position", "pk"))
    transcripts = Transcript.objects.filter(recording__in=recordings).annotate(line_count=Count("cues"))
    by_recording = {}
    for transcript in transcripts.order_by("language_id"):
        by_recording.setdefault(transcript.recording_id, []).append(transcript)
    return {"rows": [(recording, by_recording.get(recording.pk, [])) for recording in recordings]}
