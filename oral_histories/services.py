"""Workflows on transcripts and segment indexes. Each parses and checks everything before it writes, writes in
one transaction, and brings the search index up to date after the commit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from archive.history import parts_replaced
from archive.models import Asset, Item, Language
from media_pipeline.timed_text import TimedText, WebVTTCue, parse_timed_text, speech_payload, write_webvtt

from .models import RECORDING_KINDS, Cue, Segment, Transcript
from .search_indexes import search_enqueue_texts
from .segment_files import parse_segments, write_segments_csv, write_segments_vtt
from media_pipeline.speakers import minor_speaker_names, speaker_public


class RecordingError(ValueError):
    pass


class LanguageError(ValueError):
    pass


def item_recordings(*, item: Item) -> QuerySet[Asset]:
    """The item's audio and video files, in their order on the item."""
    return Asset.objects.filter(item=item, kind__in=RECORDING_KINDS).order_by("position", "pk")


def recording_get(*, item: Item, recording_index: int = 1) -> Asset:
    """The item's Nth recording, counting from 1 as curators do."""
    recordings = list(item_recordings(item=item))
    if not recordings:
        raise RecordingError(f"{item.accession_number} has no audio or video recording")
    if not 1 <= recording_index <= len(recordings):
        raise RecordingError(
            f"{item.accession_number} has no recording {recording_index}: it has {len(recordings)} "
            f"(number them from 1)"
        )
    return recordings[recording_index - 1]


def language_get(*, code: str) -> Language:
    try:
        return Language.for_code(code)
    except ValidationError as error:
        raise LanguageError(" ".join(error.messages)) from None


def transcript_import(*, item: Item, language: str, text: bytes | str, recording_index: int = 1,
                      staff_only: bool | None = None) -> Transcript:
    """Attach the transcript in `text` (bytes or str: WebVTT, SRT or [HH:MM:SS] text; see
    media_pipeline.timed_text for the encodings it may be in) to a recording of `item`.

    Importing again in the same language replaces that transcript's lines, so re-running an import is harmless.
    `staff_only` None keeps the current setting (new transcripts are public unless told otherwise).
    """
    parsed = parse_timed_text(text)
    language = language_get(code=language)
    recording = recording_get(item=item, recording_index=recording_index)
    with transaction.atomic():
        transcript, _created = Transcript.objects.get_or_create(recording=recording, language=language)
        if staff_only is not None:
            transcript.staff_only = staff_only
        transcript_replace_lines(transcript=transcript, parsed=parsed)
    return transcript


def transcript_replace_lines(*, transcript: Transcript, parsed: TimedText) -> Transcript:
    """Replace all lines of a saved transcript with the cues of a parsed file (a TimedText)."""
    with transaction.atomic():
        transcript.source_format = parsed.format
        transcript.save()
        old = transcript_line_ids(transcript)
        with parts_replaced(transcript, "lines", _lines_text):
            transcript.cues.all().delete()
            Cue.objects.bulk_create(
                Cue(transcript=transcript, start_ms=cue.start_ms, end_ms=cue.end_ms, text=cue.text,
                    speaker=cue.speaker)
                for cue in parsed.cues
            )
        search_enqueue_texts(cue_ids=old + transcript_line_ids(transcript))
    return transcript


def _lines_text(transcript):
    """A transcript's lines as its history keeps them when they are replaced all at once."""
    return "\n".join(f"{cue.clock()} {cue.text}" for cue in transcript.cues.order_by("start_ms", "pk"))


def transcript_line_ids(transcript: Transcript) -> list[int]:
    return list(transcript.cues.values_list("pk", flat=True))


def transcript_set_staff_only(*, transcript: Transcript, staff_only: bool) -> Transcript:
    with transaction.atomic():
        Transcript.objects.filter(pk=transcript.pk).update(staff_only=staff_only)  # announced to search
        transcript.staff_only = staff_only
    return transcript


def transcript_webvtt(*, transcript: Transcript, labels_as_typed: bool = False) -> str:
    """The transcript as a WebVTT file: each line a cue, with its speaker as a voice span. A minor's name typed as a
    speaker is written as the child's public name (media_pipeline.speakers) unless `labels_as_typed`, which only a
    staff export may ask for."""
    item_id = transcript.recording.item_id
    names = {} if labels_as_typed else minor_speaker_names(item_ids=[item_id]).get(item_id, {})
    return write_webvtt(WebVTTCue(cue.start_ms, cue.end_ms, speech_payload(cue.text, speaker_public(cue.speaker,
                                                                                                  names=names)))
                        for cue in transcript.cues.order_by("start_ms", "pk"))


def transcript_delete(*, transcript: Transcript) -> None:
    """Delete a transcript; its lines leave search after the commit (oral_histories.search_indexes)."""
    transcript.delete()


def segments_import(*, item: Item, text: bytes | str, recording_index: int = 1) -> list[Segment]:
    """Replace the segment index of a recording of `item` with the segments in a WebVTT or CSV file."""
    parsed = parse_segments(text)
    recording = recording_get(item=item, recording_index=recording_index)
    with transaction.atomic():
        old = list(recording.segments.values_list("pk", flat=True))
        recording.segments.all().delete()
        created = []
        for entry in parsed:
            segment = Segment.objects.create(recording=recording, start_ms=entry.start_ms, end_ms=entry.end_ms,
                                             staff_only=entry.staff_only, **entry.texts)
            segment.subjects.set(entry.subjects)
            segment.places.set(entry.places)
            created.append(segment)
        search_enqueue_texts(segment_ids=old + [segment.pk for segment in created])
    return created


def segments_export(*, item: Item, recording_index: int = 1, file_format: str = "vtt") -> str:
    recording = recording_get(item=item, recording_index=recording_index)
    segments = recording.segments.prefetch_related("subjects", "places").order_by("start_ms", "pk")
    writers = {"vtt": write_segments_vtt, "csv": write_segments_csv}
    if file_format not in writers:
        raise ValueError(f"unknown segment file format {file_format!r} (vtt or csv)")
    return writers[file_format](segments)


def segment_set_staff_only(*, segment: Segment, staff_only: bool) -> Segment:
    with transaction.atomic():
        Segment.objects.filter(pk=segment.pk).update(staff_only=staff_only)  # announced to search
        segment.staff_only = staff_only
    return segment
