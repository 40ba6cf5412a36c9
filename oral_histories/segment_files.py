"""A recording's segment index as a file: WebVTT (one cue per segment, `key: value` lines) or CSV.

WebVTT:

    00:02:10.000 --> 00:05:00.000
    title: Leaving Mawlamyine
    title_my: မော်လမြိုင်မှ ထွက်ခွာခြင်း
    synopsis: Crossing at Myawaddy with a broker.
    keywords: broker, border
    subjects: border-crossing; brokers
    places: Thailand > Tak
    staff_only: no

A cue whose first line has no key is read as chapters are: the first line is the title, the rest the synopsis.
CSV has a header row with the same names, plus `start` and `end` (00:02:10, 130 or 2:10).
"""

import csv
import io
from dataclasses import dataclass, field

from archive.languages import field_names
from archive.models import Place, Subject
from archive.spreadsheet import neutralise, restore
from media_pipeline.timed_text import (TimedTextError, WebVTTCue, check_cue_order, decode_text, escape_cue_text,
                                       format_timestamp, parse_timed_text, write_webvtt)

from .timecodes import TimecodeError, parse_timecode

TEXT_KEYS = (*field_names("title"), *field_names("synopsis"), *field_names("keywords"))
LIST_KEYS = ("subjects", "places")
CSV_COLUMNS = ("start", "end", *TEXT_KEYS, *LIST_KEYS, "staff_only")
_TRUE = {"yes", "true", "1", "y", "staff", "x"}
_FALSE = {"no", "false", "0", "n", ""}


class SegmentFileError(TimedTextError):
    pass


@dataclass
class ParsedSegment:
    start_ms: int
    end_ms: int
    line: int
    texts: dict = field(default_factory=dict)
    subjects: list = field(default_factory=list)
    places: list = field(default_factory=list)
    staff_only: bool = False


def parse_segments(data):
    """ParsedSegments from a WebVTT or CSV file, each with its subjects and places looked up."""
    text = decode_text(data).text
    stripped = text.lstrip()
    if not stripped:
        raise SegmentFileError("the file is empty")
    if stripped.startswith("WEBVTT"):
        segments = _parse_vtt(text)
    elif stripped.split("\n", 1)[0].lower().startswith("start"):
        segments = _parse_csv(text)
    else:
        raise SegmentFileError("the format is not recognised: expected WebVTT (first line WEBVTT) or CSV with a "
                               "header row starting with start,end")
    if not segments:
        raise SegmentFileError("the file has no segments")
    check_cue_order(segments)
    return segments


def _flag(value, line):
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SegmentFileError(f"staff_only must be yes or no, not “{value}”", line)


def _finish(segment, values, line):
    for key, value in values.items():
        if key in TEXT_KEYS:
            segment.texts[key] = value.strip()
        elif key == "subjects":
            segment.subjects = [_subject(name, line) for name in _split(value)]
        elif key == "places":
            segment.places = [_place(path, line) for path in _split(value)]
        elif key == "staff_only":
            segment.staff_only = _flag(value, line)
    if not any(segment.texts.get(name) for name in field_names("title")):
        raise SegmentFileError("the segment has no title (give title, title_th, title_my, title_km or title_lo)",
                               line)
    return segment


def _split(value):
    return [part.strip() for part in value.replace("|", ";").split(";") if part.strip()]


def _subject(name, line):
    subject = Subject.objects.filter(slug=name).first() or Subject.objects.filter(title=name).first()
    if subject is None:
        raise SegmentFileError(f"no subject “{name}” in the vocabulary (give its slug or English title)", line)
    return subject


def _place(path, line):
    place = None
    for name in [part.strip() for part in path.split(">")]:
        place = Place.objects.filter(parent=place, name=name).first()
        if place is None:
            raise SegmentFileError(f"no place “{path}” (write it as a path such as Thailand > Samut Sakhon)", line)
    return place


def _parse_vtt(text):
    segments = []
    for cue in parse_timed_text(text).cues:
        values, current = {}, None
        for index, payload in enumerate(cue.text.split("\n")):
            key, sep, value = payload.partition(":")
            key = key.strip().lower()
            if sep and key in (*TEXT_KEYS, *LIST_KEYS, "staff_only"):
                current, values[key] = key, value.strip()
            elif index == 0:
                current, values["title"] = None, payload.strip()
            else:
                current = current or "synopsis"
                values[current] = "\n".join(filter(None, [values.get(current, ""), payload.strip()]))
        segment = ParsedSegment(start_ms=cue.start_ms, end_ms=cue.end_ms, line=cue.line)
        segments.append(_finish(segment, values, cue.line))
    return segments


def _parse_csv(text):
    reader = csv.DictReader(io.StringIO(text))
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    unknown = [name for name in columns if name not in CSV_COLUMNS]
    if unknown:
        raise SegmentFileError(f"unknown column “{unknown[0]}” (known columns: {', '.join(CSV_COLUMNS)})", 1)
    if "end" not in columns:
        raise SegmentFileError("the header needs start and end columns", 1)
    reader.fieldnames = columns
    segments = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise SegmentFileError("the row has more cells than the header", line)
        if not any((value or "").strip() for value in row.values()):
            continue
        try:
            start, end = parse_timecode(row["start"] or ""), parse_timecode(row["end"] or "")
        except TimecodeError as error:
            raise SegmentFileError(f"bad timestamp: {error}", line) from None
        values = {key: restore(value or "") for key, value in row.items() if key not in ("start", "end")}
        segments.append(_finish(ParsedSegment(start_ms=start, end_ms=end, line=line), values, line))
    return segments


def _list_values(segment):
    return {
        "subjects": "; ".join(subject.slug for subject in segment.subjects.all()),
        "places": "; ".join(place.path() for place in segment.places.all()),
    }


def write_segments_vtt(segments):
    return write_webvtt(WebVTTCue(segment.start_ms, segment.end_ms, _vtt_payload(segment)) for segment in segments)


def _vtt_payload(segment):
    """The segment as `key: value` lines of cue text (escaped, as WebVTT wants; the reader unescapes)."""
    lines = []
    for key in TEXT_KEYS:
        value = getattr(segment, key)
        if value:
            # A synopsis keeps its line breaks as continuation lines (write_webvtt drops blank ones).
            lines.append(f"{key}: {escape_cue_text(value)}")
    lines.extend(f"{key}: {escape_cue_text(value)}" for key, value in _list_values(segment).items() if value)
    lines.append(f"staff_only: {'yes' if segment.staff_only else 'no'}")
    return "\n".join(lines)


def write_segments_csv(segments):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for segment in segments:
        lists = _list_values(segment)
        # Cells are guarded against spreadsheets running them as formulas, as the catalogue export does.
        writer.writerow(neutralise(cell) for cell in [
            format_timestamp(segment.start_ms), format_timestamp(segment.end_ms),
            *(getattr(segment, key) for key in TEXT_KEYS), lists["subjects"], lists["places"],
            "yes" if segment.staff_only else "no"])
    return buffer.getvalue()
