"""Timed text: captions, transcripts and segment indexes in WebVTT, SRT, or text with [HH:MM:SS] markers.

The one place the archive decodes, parses and writes them:

- `decode_text` reads the encodings Thai, Burmese, Khmer and Lao files really come in and says which it used;
- `parse_timed_text` recognises the format from the content, never the file name, and reports every problem
  with the line it is on, before anything is saved;
- `format_timestamp` writes a time as WebVTT does (00:01:02.500), and only ever a valid one;
- `write_webvtt` writes the WebVTT files: captions, transcripts' caption tracks, segment indexes, scrub sprites.
"""

import codecs
import html
import re
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from archive.normalise import normalise


class TimedTextError(ValueError):
    """A file that cannot be read as timed text, with a message a curator can act on."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


# Decoding ----------------------------------------------------------------------------------------------------

# A byte order mark decides the encoding outright. Without one, UTF-8 is tried, then Thai TIS-620 in its
# Windows form (cp874, a superset of TIS-620 and ISO 8859-11), which Thai subtitle and transcript files made on
# Windows still use. Burmese, Khmer and Lao have no such code page: their files are Unicode or unreadable.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
THAI_CODEPAGE = "cp874"
# What cp874 makes of a file that is not Thai (Latin-1 French, Chinese...) gives itself away:
_THAI = "\u0e01-\u0e5b"
_THAI_LETTER = "\u0e01-\u0e2e"
_THAI_MARK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # vowel and tone marks: they sit on a letter, never alone
_CP874_PUNCTUATION = "\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac"
_NOT_THAI = re.compile(
    rf"(?:^|[^{_THAI}])[{_THAI_MARK}]"  # a mark on nothing, or on a Latin letter
    rf"|[A-Za-z][{_THAI}][A-Za-z]"  # one "Thai" character inside a Latin word: é, ñ, ï read wrongly
    rf"|[\u0e40-\u0e44](?![{_THAI_LETTER}])"  # a vowel written before its letter, with no letter after it
    rf"|[^\x00-\x7f{_THAI}{_CP874_PUNCTUATION}]"
)


@dataclass(frozen=True)
class Decoded:
    text: str  # with "\n" line endings and no byte order mark
    encoding: str  # "utf-8", "utf-8-sig", "utf-16" or "cp874"; "str" when given text


def decode_text(data: bytes | str) -> Decoded:
    """The text of an uploaded timed-text file, and the encoding it was read in."""
    if isinstance(data, str):
        text, encoding = data, "str"
    else:
        encoding = _encoding_of(data)
        text = data.decode(encoding)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise TimedTextError("the file is not a text file (UTF-16 text needs its byte order mark)")
    text = normalise(text).text  # the archive's normal form: Zawgyi converted, sara am composed (archive/normalise.py)
    return Decoded(text=text, encoding=encoding)


def _encoding_of(data: bytes) -> str:
    """The encoding `data` decodes in without error, by the policy above; TimedTextError when there is none."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                data.decode(encoding)
            except UnicodeDecodeError as error:
                raise TimedTextError(f"the file starts as {encoding.upper().removesuffix('-SIG')} text but is damaged "
                                     f"at byte {error.start}; save it again as UTF-8") from None
            return encoding
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        unreadable = error.start
    try:
        if not _NOT_THAI.search(data.decode(THAI_CODEPAGE)):
            return THAI_CODEPAGE
    except UnicodeDecodeError:
        pass
    raise TimedTextError("the file is not UTF-8 text, nor Thai TIS-620, nor UTF-16 with a byte order mark; save it "
                         "as UTF-8", data.count(b"\n", 0, unreadable) + 1)


# Times -------------------------------------------------------------------------------------------------------

def format_timestamp(ms: int) -> str:
    """A time in milliseconds as WebVTT writes it: 00:01:02.500 (hours grow past two digits if they must)."""
    ms = int(ms)
    if ms < 0:
        raise ValueError(f"a time cannot be negative ({ms} ms)")
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


_VTT_TIME = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_SRT_TIME = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$")
_MARKER_TIME = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)(?:[.,](\d{1,3}))?$")


def _time(value: str, pattern: re.Pattern, line: int, example: str) -> int:
    match = pattern.match(value.strip())
    if not match:
        raise TimedTextError(f"bad timestamp “{value.strip()}” (expected a time such as {example})", line)
    hours, minutes, seconds, fraction = match.groups()
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int((fraction or "0").ljust(3, "0"))


# Parsing -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimedCue:
    start_ms: int
    end_ms: int
    text: str  # plain text: markup removed, entities decoded
    speaker: str = ""
    line: int = 0  # of the timing line (or marker) in the file
    payload: str = ""  # the text as WebVTT cue text: escaped, keeping only WebVTT's own inline tags
    settings: str = ""  # WebVTT cue settings such as "align:start"


@dataclass(frozen=True)
class TimedText:
    format: str  # "webvtt", "srt" or "text"
    encoding: str
    cues: list[TimedCue]


# A text line that is only a last cue has no end: it lasts this long (or to the end of the recording).
LAST_CUE_MS = 5000

_MARKER = re.compile(r"\[(\d[\d:.,]*)\]")
_TAG = re.compile(r"<[^>\n]*>")
_KEPT_TAG = re.compile(r"<(/?)(b|i|u|c|v|lang|ruby|rt)((?:\.[\w-]+)*)(?:\s+([^>]*))?>", re.IGNORECASE)
_SRT_POSITION = re.compile(r"\{\\[^}]*\}")
_VOICE = re.compile(r"^<v(?:\.[^\s>]*)?\s+([^>]+)>")
_SPEAKER = re.compile(r"^([^\s:：\[\]][^:：\n\[\]]{0,29}?)\s*[:：]\s+(?=\S)")
_SETTING = re.compile(r"^(?:vertical|line|position|size|align|region):\S+$")


def parse_timed_text(data: bytes | str, *, overlaps: bool = False) -> TimedText:
    """The cues of a WebVTT, SRT or [HH:MM:SS] text file (bytes or text), checked.

    Every cue has text and ends after it starts, and the cues come in time order. A transcript's lines and a
    segment index may not overlap; captions may (`overlaps=True`: two people speaking at once).
    """
    decoded = decode_text(data)
    kind = detect_format(decoded.text)
    cues = {"webvtt": _parse_webvtt, "srt": _parse_srt, "text": _parse_marked_text}[kind](decoded.text)
    if not cues:
        raise TimedTextError("the file has no cues with text")
    check_cue_order(cues, overlaps=overlaps)
    return TimedText(format=kind, encoding=decoded.encoding, cues=cues)


def detect_format(text: str) -> str:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        raise TimedTextError("the file is empty")
    first = lines[0]
    if first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t")):
        return "webvtt"
    if "-->" in first or (first.isdigit() and len(lines) > 1 and "-->" in lines[1]):
        return "srt"
    if _MARKER.search(text):
        return "text"
    raise TimedTextError(
        "the format is not recognised: expected WebVTT (first line WEBVTT), SRT (numbered cues with "
        "00:00:01,000 --> 00:00:04,000) or text with [HH:MM:SS] time markers"
    )


def check_cue_order(cues: Iterable, *, overlaps: bool = False) -> None:
    """Cues (anything with start_ms, end_ms and line) end after they start and come in time order; with
    `overlaps` False, none starts before the one above it ends."""
    previous = None
    for cue in cues:
        if cue.end_ms <= cue.start_ms:
            raise TimedTextError(f"the cue ends ({format_timestamp(cue.end_ms)}) before it starts "
                                 f"({format_timestamp(cue.start_ms)})", cue.line)
        if previous is not None:
            if cue.start_ms < previous.start_ms:
                raise TimedTextError(
                    f"the cue starts at {format_timestamp(cue.start_ms)}, before the cue above it "
                    f"({format_timestamp(previous.start_ms)}); cues must be in time order", cue.line)
            if not overlaps and cue.start_ms < previous.end_ms:
                raise TimedTextError(
                    f"the cue starting at {format_timestamp(cue.start_ms)} overlaps the cue above it, which ends at "
                    f"{format_timestamp(previous.end_ms)}", cue.line)
        previous = cue


def _blocks(text: str):
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


def _timing(line_text: str, line: int, pattern: re.Pattern, example: str) -> tuple[int, int, str]:
    """Start, end and the WebVTT cue settings of a timing line."""
    left, _arrow, right = line_text.partition("-->")
    right_parts = right.split()
    if not right_parts:
        raise TimedTextError(f"the timing line has no end time (expected {example} --> {example})", line)
    settings = " ".join(part for part in right_parts[1:] if _SETTING.match(part))
    return _time(left, pattern, line, example), _time(right_parts[0], pattern, line, example), settings


def _parse_webvtt(text: str) -> list[TimedCue]:
    cues = []
    for number, block in _blocks(text):
        if block[0].lstrip().startswith("WEBVTT"):
            timing = next((i for i, line in enumerate(block) if "-->" in line), None)
            if timing is not None:
                raise TimedTextError("a blank line must separate the WEBVTT header from the first cue",
                                     number + timing)
            continue
        if "-->" not in block[0] and block[0].split(" ")[0] in {"NOTE", "STYLE", "REGION"}:
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            raise TimedTextError("expected a timing line such as 00:00:01.000 --> 00:00:04.000", number)
        line = number + timing_at
        start, end, settings = _timing(block[timing_at], line, _VTT_TIME, "00:01:02.500")
        cues.append(_cue(start, end, block[timing_at + 1:], line, settings))
    return cues


def _parse_srt(text: str) -> list[TimedCue]:
    cues = []
    for number, block in _blocks(text):
        timing_at = 1 if block[0].strip().isdigit() else 0
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            raise TimedTextError("expected a cue number and a timing line such as 00:00:01,000 --> 00:00:04,000",
                                 number)
        line = number + timing_at
        start, end, _settings = _timing(block[timing_at], line, _SRT_TIME, "00:01:02,500")
        cues.append(_cue(start, end, block[timing_at + 1:], line))
    return cues


def _cue(start: int, end: int, lines: list[str], line: int, settings: str = "") -> TimedCue:
    lines = [_SRT_POSITION.sub("", part) for part in lines]
    voice = _VOICE.match(lines[0].strip()) if lines else None
    speaker = html.unescape(voice.group(1)).strip() if voice else ""
    text = "\n".join(html.unescape(_TAG.sub("", part)).strip() for part in lines).strip()
    if not text:
        raise TimedTextError("the cue has no text", line)
    payload = "\n".join(filter(None, (_markup(part) for part in lines)))
    return TimedCue(start_ms=start, end_ms=end, text=text, speaker=speaker, line=line, payload=payload,
                    settings=settings)


def _markup(line: str) -> str:
    """A line of cue text with its text escaped and only WebVTT's own tags kept (SRT's <font> goes)."""
    out, position = [], 0
    for tag in _TAG.finditer(line):
        out.append(escape_cue_text(html.unescape(line[position:tag.start()])))
        out.append(_kept_tag(tag.group()))
        position = tag.end()
    out.append(escape_cue_text(html.unescape(line[position:])))
    return "".join(out).strip()


def _kept_tag(tag: str) -> str:
    match = _KEPT_TAG.fullmatch(tag)
    if not match:
        return ""
    closing, name, classes, annotation = match.groups()
    name = name.lower()
    if closing:
        return f"</{name}>"
    if name in ("v", "lang") and annotation and annotation.strip():
        return f"<{name}{classes} {_escape_annotation(html.unescape(annotation.strip()))}>"
    return f"<{name}{classes}>"


def _parse_marked_text(text: str) -> list[TimedCue]:
    markers = list(_MARKER.finditer(text))
    before = text[:markers[0].start()].strip()
    if before:
        raise TimedTextError("there is text before the first [HH:MM:SS] marker; start the file with [00:00:00]", 1)
    pieces = []
    for index, marker in enumerate(markers):
        line = text.count("\n", 0, marker.start()) + 1
        start = _time(marker.group(1), _MARKER_TIME, line, "[00:12:34]")
        end_of_text = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        body = text[marker.end():end_of_text].strip()
        if not body:
            raise TimedTextError(f"the marker [{marker.group(1)}] has no text after it", line)
        if pieces and start <= pieces[-1][0]:
            raise TimedTextError(
                f"the marker [{marker.group(1)}] is not later than the marker above it (line {pieces[-1][3]}); "
                "markers must be in time order", line)
        speaker = ""
        match = _SPEAKER.match(body)
        if match and len(match.group(1).split()) <= 3:
            speaker, body = match.group(1).strip(), body[match.end():]
        pieces.append((start, speaker, "\n".join(part.strip() for part in body.split("\n")).strip(), line))
    cues = []
    for index, (start, speaker, body, line) in enumerate(pieces):
        end = pieces[index + 1][0] if index + 1 < len(pieces) else start + LAST_CUE_MS
        cues.append(TimedCue(start_ms=start, end_ms=end, text=body, speaker=speaker, line=line,
                             payload=speech_payload(body, speaker)))
    return cues


# Writing -----------------------------------------------------------------------------------------------------

class WebVTTCue(NamedTuple):
    start_ms: int
    end_ms: int
    payload: str  # cue text as it is written: escaped text and WebVTT tags, or lines of metadata
    settings: str = ""


def escape_cue_text(text: str) -> str:
    """Text as WebVTT cue text: & and < escaped (> may stay, so "Thailand > Tak" reads as it is written)."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _escape_annotation(text: str) -> str:
    """A voice or language tag's annotation, where > would end the tag."""
    return escape_cue_text(text).replace(">", "&gt;")


def speech_payload(text: str, speaker: str = "") -> str:
    """Plain text (and who says it) as WebVTT cue text: escaped, the speaker as a voice tag."""
    lines = [escape_cue_text(line.strip()) for line in text.split("\n") if line.strip()] or [""]
    if speaker:
        lines[0] = f"<v {_escape_annotation(speaker)}>{lines[0]}"
    return "\n".join(lines)


def write_webvtt(cues: Iterable[WebVTTCue]) -> str:
    """A WebVTT file of the cues, UTF-8 text with "\\n" line endings.

    Every timestamp is valid whatever the cue says, and a payload can neither end its cue early (a blank line)
    nor start another (an arrow)."""
    out = ["WEBVTT", ""]
    for cue in cues:
        timing = f"{format_timestamp(cue.start_ms)} --> {format_timestamp(cue.end_ms)}"
        out.append(f"{timing} {cue.settings}" if cue.settings else timing)
        out.extend(line.replace("-->", "--&gt;") for line in cue.payload.split("\n") if line.strip())
        out.append("")
    return "\n".join(out)
