"""What an item page shows of its recordings' transcripts and indexes, in a fixed number of queries.

Transcripts and segments follow the item and their staff-only flags (oral_histories.access); whether a time can
be played follows the recording (Asset.objects.visible_to), so the transcript of a withheld recording is still
read, with its times as plain text. Speaker labels are shown as the public may see them (media_pipeline.speakers).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from archive.languages import language_for_iso639_3
from archive.models import Asset

from .models import RECORDING_KINDS, Cue, Segment, Transcript
from .moments import moment_query
from media_pipeline.speakers import cues_with_public_speakers, minor_speaker_names


@dataclass
class RecordingTexts:
    recording: Asset
    number: int
    playable: bool
    main: bool  # the page's main player ([data-player]) plays it
    transcripts: list = field(default_factory=list)
    segments: list = field(default_factory=list)

    def href(self, start_ms):
        if not self.playable:
            return ""
        return moment_query(start_ms, recording_id=None if self.main else self.recording.pk)


@dataclass
class ItemTexts:
    recordings: list

    @property
    def several(self):
        return len(self.recordings) > 1

    def __bool__(self):
        return any(entry.transcripts or entry.segments for entry in self.recordings)

    def for_recording(self, recording_id):
        return next((entry for entry in self.recordings if entry.recording.pk == recording_id), None)


def language_label(transcript: Transcript) -> str:
    """How a transcript's language is named to readers: in itself for the archive's five languages."""
    archive_language = language_for_iso639_3(transcript.language_id)
    return archive_language.own_name if archive_language else transcript.language.name


def item_texts_for(item_id, user):
    recordings = list(Asset.objects.filter(item_id=item_id, kind__in=RECORDING_KINDS).order_by("position", "pk"))
    if not recordings:
        return ItemTexts(recordings=[])
    playable = set(Asset.objects.visible_to(user).filter(item_id=item_id).values_list("pk", flat=True))
    cues = Prefetch("cues", queryset=Cue.objects.order_by("start_ms", "pk"), to_attr="lines")
    transcripts = (Transcript.objects.visible_to(user).filter(recording__item_id=item_id)
                   .select_related("language").prefetch_related(cues).order_by("recording", "language_id"))
    segments = (Segment.objects.visible_to(user).filter(recording__item_id=item_id)
                .prefetch_related("subjects", "places").order_by("start_ms", "pk"))
    main = next((recording.pk for recording in recordings if recording.pk in playable), None)
    entries = {recording.pk: RecordingTexts(recording=recording, number=number, playable=recording.pk in playable,
                                            main=recording.pk == main)
               for number, recording in enumerate(recordings, start=1)}
    names = minor_speaker_names(item_ids=[item_id]).get(item_id, {})
    for transcript in transcripts:
        transcript.label = language_label(transcript)
        transcript.lines = cues_with_public_speakers(transcript.lines, names=names)
        entries[transcript.recording_id].transcripts.append(transcript)
    for segment in segments:
        entries[segment.recording_id].segments.append(segment)
    for entry in entries.values():
        for timed in [*entry.segments, *(line for t in entry.transcripts for line in t.lines)]:
            timed.href = entry.href(timed.start_ms)
    return ItemTexts(recordings=[entry for entry in entries.values() if entry.transcripts or entry.segments])


def item_texts_cached(request, item_id):
    """The item's texts for this request: the section and each player's tracks share one computation."""
    user = getattr(request, "user", None)
    cache = getattr(request, "_oral_history_texts", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._oral_history_texts = cache
    if item_id not in cache:
        cache[item_id] = item_texts_for(item_id, user)
    return cache[item_id]
