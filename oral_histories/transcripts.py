"""Reading and writing transcripts: WebVTT, SRT and plain text with [HH:MM:SS] markers.

The format is recognised from the content, never the file name. Files are UTF-8 with or without a byte order
mark, with any line endings. Every problem is reported with the line it is on, before anything is saved.
"""

import html
import re
from dataclasses import dataclass

from archive.normalise import normalise

from .timecodes import format_vtt


class TranscriptError(ValueError):
    """A transcript file that cannot be read, with a message a curator can act on."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class ParsedCue:
    start_ms: int
    end_ms: int
    text: str
    speaker: str = ""
    line: int = 0


@dataclass(frozen=True)
class ParsedTranscript:
    format: str  # "webvtt", "srt" or "text"
    cues: list


# A text line that is only a last cue has no end: it lasts this long (or to the end of the recording).
LAST_CUE_MS = 5000

_VTT_TIME = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_SRT_TIME = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$")
_MARKER_TIME = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)(?:[.,](\d{1,3}))?$")
_MARKER = re.compile(r"\[(\d[\d:.,]*)\]")
_TAG = re.compile(r"<[^>\n]*>")
_SRT_POSITION = re.compile(r"\{\\[^}]*\}")
_VOICE = re.compile(r"^<v(?:\.[^\s>]*)?\s+([^>]+)>")
_SPEAKER = re.compile(r"^([^\s:：\[\]][^:：\n\[\]]{0,29}?)\s*[:：]\s+(?=\S)")


def decode_text(data):
    """The text of an uploaded file: UTF-8, with or without a byte order mark, any line endings."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise TranscriptError("the file is UTF-16 text; save it as UTF-8")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise TranscriptError(
                f"the file is not UTF-8 text (unreadable byte at position {error.start}); save it as UTF-8"
            ) from None
    if "\x00" in text:
        raise TranscriptError("the file is not a text file")
    text = normalise(text).text  # the archive's normal form: Zawgyi converted, sara am composed (archive/normalise.py)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(text):
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        raise TranscriptError("the file is empty")
    first = lines[0]
    if first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t")):
        return "webvtt"
    if "-->" in first or (first.isdigit() and len(lines) > 1 and "-->" in lines[1]):
        return "srt"
    if _MARKER.search(text):
        return "text"
    raise TranscriptError(
        "the format is not recognised: expected WebVTT (first line WEBVTT), SRT (numbered cues with "
        "00:00:01,000 --> 00:00:04,000) or text with [HH:MM:SS] time markers"
    )


def parse_transcript(data):
    """A ParsedTranscript from the bytes or text of a WebVTT, SRT or [HH:MM:SS] text file."""
    text = decode_text(data)
    kind = detect_format(text)
    cues = {"webvtt": _parse_webvtt, "srt": _parse_srt, "text": _parse_marked_text}[kind](text)
    if not cues:
        raise TranscriptError("the file has no cues with text")
    check_cue_order(cues)
    return ParsedTranscript(format=kind, cues=cues)


def check_cue_order(cues):
    """Cues must end after they start, come in time order and not overlap."""
    previous = None
    for cue in cues:
        if cue.end_ms <= cue.start_ms:
            raise TranscriptError(
                f"the cue ends ({format_vtt(cue.end_ms)}) before it starts ({format_vtt(cue.start_ms)})", cue.line
            )
        if previous is not None:
            if cue.start_ms < previous.start_ms:
                raise TranscriptError(
                    f"the cue starts at {format_vtt(cue.start_ms)}, before the cue above it "
                    f"({format_vtt(previous.start_ms)}); cues must be in time order", cue.line
                )
            if cue.start_ms < previous.end_ms:
                raise TranscriptError(
                    f"the cue starting at {format_vtt(cue.start_ms)} overlaps the cue above it, which ends at "
                    f"{format_vtt(previous.end_ms)}", cue.line
                )
        previous = cue


def _blocks(text):
    """(line number of the block's first line, its lines) for each block between blank lines."""
    block, start = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line.rstrip())
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _time(value, pattern, line, example):
    match = pattern.match(value.strip())
    if not match:
        raise TranscriptError(f"bad timestamp “{value.strip()}” (expected a time such as {example})", line)
    hours, minutes, seconds, fraction = match.groups()
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int((fraction or "0").ljust(3, "0"))


def _timing(line_text, line, pattern, example):
    left, _arrow, right = line_text.partition("-->")
    right_parts = right.split()
    if not right_parts:
        raise TranscriptError(f"the timing line has no end time (expected {example} --> {example})", line)
    return _time(left, pattern, line, example), _time(right_parts[0], pattern, line, example)


def _clean_payload(lines):
    speaker = ""
    first = lines[0].strip()
    voice = _VOICE.match(first)
    if voice:
        speaker = html.unescape(voice.group(1)).strip()
    text = "\n".join(html.unescape(_TAG.sub("", _SRT_POSITION.sub("", line))).strip() for line in lines)
    return speaker, text.strip()


def _parse_webvtt(text):
    cues = []
    for number, block in _blocks(text):
        if block[0].lstrip().startswith("WEBVTT"):
            timing = next((i for i, line in enumerate(block) if "-->" in line), None)
            if timing is not None:
                raise TranscriptError("a blank line must separate the WEBVTT header from the first cue",
                                      number + timing)
            continue
        if "-->" not in block[0] and block[0].split(" ")[0] in {"NOTE", "STYLE", "REGION"}:
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            raise TranscriptError("expected a cue timing line such as 00:00:01.000 --> 00:00:04.000", number)
        line = number + timing_at
        start, end = _timing(block[timing_at], line, _VTT_TIME, "00:01:02.500")
        payload = block[timing_at + 1:]
        cues.append(_cue(start, end, payload, line))
    return cues


def _parse_srt(text):
    cues = []
    for number, block in _blocks(text):
        timing_at = 1 if block[0].strip().isdigit() else 0
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            raise TranscriptError("expected a cue number and a timing line such as 00:00:01,000 --> 00:00:04,000",
                                  number)
        line = number + timing_at
        start, end = _timing(block[timing_at], line, _SRT_TIME, "00:01:02,500")
        cues.append(_cue(start, end, block[timing_at + 1:], line))
    return cues


def _cue(start, end, payload, line):
    if not payload:
        raise TranscriptError("the cue has no text", line)
    speaker, body = _clean_payload(payload)
    if not body:
        raise TranscriptError("the cue has no text", line)
    return ParsedCue(start_ms=start, end_ms=end, text=body, speaker=speaker, line=line)


def _parse_marked_text(text):
    markers = list(_MARKER.finditer(text))
    before = text[:markers[0].start()].strip()
    if before:
        raise TranscriptError("there is text before the first [HH:MM:SS] marker; start the file with [00:00:00]", 1)
    pieces = []
    for index, marker in enumerate(markers):
        line = text.count("\n", 0, marker.start()) + 1
        start = _time(marker.group(1), _MARKER_TIME, line, "[00:12:34]")
        end_of_text = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        body = text[marker.end():end_of_text].strip()
        if not body:
            raise TranscriptError(f"the marker [{marker.group(1)}] has no text after it", line)
        if pieces and start <= pieces[-1][0]:
            raise TranscriptError(
                f"the marker [{marker.group(1)}] is not later than the marker above it (line {pieces[-1][3]}); "
                "markers must be in time order", line
            )
        speaker = ""
        match = _SPEAKER.match(body)
        if match and len(match.group(1).split()) <= 3:
            speaker, body = match.group(1).strip(), body[match.end():]
        pieces.append((start, speaker, "\n".join(part.strip() for part in body.split("\n")).strip(), line))
    cues = []
    for index, (start, speaker, body, line) in enumerate(pieces):
        end = pieces[index + 1][0] if index + 1 < len(pieces) else start + LAST_CUE_MS
        cues.append(ParsedCue(start_ms=start, end_ms=end, text=body, speaker=speaker, line=line))
    return cues


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_webvtt(cues, *, kind="captions"):
    """WebVTT for cues with start_ms, end_ms, text and speaker (a transcript's captions)."""
    out = ["WEBVTT", ""]
    for cue in cues:
        out.append(f"{format_vtt(cue.start_ms)} --> {format_vtt(cue.end_ms)}")
        lines = [_escape(line) for line in cue.text.split("\n") if line.strip()] or [""]
        if cue.speaker:
            lines[0] = f"<v {_escape(cue.speaker)}>{lines[0]}"
        out.extend(lines)
        out.append("")
    return "\n".join(out)
