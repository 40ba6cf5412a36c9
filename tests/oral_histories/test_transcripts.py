"""Reading transcripts: every format recognised from its content, and every bad input refused with its line."""

import pytest

from oral_histories.timecodes import TimecodeError, format_clock, format_vtt, parse_deep_link, parse_timecode
from oral_histories.transcripts import TranscriptError, parse_transcript, write_webvtt

VTT = """WEBVTT
Kind: captions
Language: th

NOTE recorded in Mahachai, 2019

intro
00:00:01.000 --> 00:00:04.500 align:start
<v Ma Hnin>ผมมาทำงาน<b>ที่มหาชัย</b></v>

00:00:04.500 --> 00:00:09.000
ก่อนหน้านั้นอยู่ที่เมียวดี
สองปี &amp; สามเดือน

01:02:03.250 --> 01:02:05.000
<c.yellow>ငါးဖမ်းလှေ</c>
"""

SRT = """1
00:00:01,000 --> 00:00:04,500
<i>I came to Mahachai</i> in 2009.

2
00:00:05,000 --> 00:00:09,000
{\\an8}We worked on the boats.
"""

MARKED = """[00:00:00] INTERVIEWER: Where did you grow up?
[00:00:07] ကျွန်တော် မော်လမြိုင်မှာ ကြီးခဲ့တယ်။
It was a small town.

[00:12:34] สมชาย: ผมทำงานบนเรือประมง [laughs]
"""


def test_webvtt_with_header_note_identifier_settings_voice_and_entities():
    parsed = parse_transcript(VTT.encode())
    assert parsed.format == "webvtt"
    assert [(c.start_ms, c.end_ms) for c in parsed.cues] == [(1000, 4500), (4500, 9000), (3723250, 3725000)]
    assert parsed.cues[0].speaker == "Ma Hnin"
    assert parsed.cues[0].text == "ผมมาทำงานที่มหาชัย"
    assert parsed.cues[1].text == "ก่อนหน้านั้นอยู่ที่เมียวดี\nสองปี & สามเดือน"
    assert parsed.cues[2].text == "ငါးဖမ်းလှေ"


def test_webvtt_without_hours_and_with_bom_and_crlf():
    data = "\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nសួស្តី\r\n\r\n00:02.000 --> 00:03.000\r\nສະບາຍດີ\r\n"
    parsed = parse_transcript(data.encode("utf-8"))
    assert parsed.format == "webvtt"
    assert [(c.start_ms, c.end_ms, c.text) for c in parsed.cues] == [(1000, 2000, "សួស្តី"), (2000, 3000, "ສະບາຍດີ")]


def test_srt_with_tags_and_positions_stripped():
    parsed = parse_transcript(SRT.replace("\n", "\r\n").encode("utf-8-sig"))
    assert parsed.format == "srt"
    assert [(c.start_ms, c.end_ms, c.text) for c in parsed.cues] == [
        (1000, 4500, "I came to Mahachai in 2009."),
        (5000, 9000, "We worked on the boats."),
    ]


def test_text_with_markers_speakers_and_following_lines():
    parsed = parse_transcript(MARKED)
    assert parsed.format == "text"
    cues = parsed.cues
    assert [(c.start_ms, c.end_ms) for c in cues] == [(0, 7000), (7000, 754000), (754000, 759000)]
    assert (cues[0].speaker, cues[0].text) == ("INTERVIEWER", "Where did you grow up?")
    assert cues[1].speaker == ""
    assert cues[1].text == "ကျွန်တော် မော်လမြိုင်မှာ ကြီးခဲ့တယ်။\nIt was a small town."
    assert (cues[2].speaker, cues[2].text) == ("สมชาย", "ผมทำงานบนเรือประมง [laughs]")


def test_text_markers_inside_one_paragraph():
    parsed = parse_transcript("[0:00:01] one. [0:00:05.5] two.")
    assert [(c.start_ms, c.text) for c in parsed.cues] == [(1000, "one."), (5500, "two.")]


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"   \r\n\n  ", "the file is empty"),
    ("\ufeff".encode(), "the file is empty"),
    (b"WEBVTT\n", "the file has no cues"),
    (b"Just a paragraph of text.", "the format is not recognised"),
    ("สวัสดี".encode("utf-16"), "UTF-16"),
    ("ผม".encode("utf-8")[:-1] + b" tail [00:00:01] x", "not UTF-8"),
    ("[00:00:01] x".encode("cp874") + "ผม".encode("cp874"), "not UTF-8"),
    (b"[00:00:01] a\x00b", "not a text file"),
])
def test_unreadable_files(data, message):
    with pytest.raises(TranscriptError, match=message):
        parse_transcript(data)


@pytest.mark.parametrize("text, line, message", [
    ("WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nx\n", 3, "bad timestamp “00:00:61.000”"),
    ("WEBVTT\n\n00:00:01,000 --> 00:00:02.000\nx\n", 3, "bad timestamp “00:00:01,000”"),
    ("WEBVTT\n\n1:2 --> 00:00:02.000\nx\n", 3, "bad timestamp “1:2”"),
    ("WEBVTT\n\n00:00:01.000 -->\nx\n", 3, "no end time"),
    ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nx\n", 3, "ends \\(00:00:02.000\\) before it starts"),
    ("WEBVTT\n\n00:00:05.000 --> 00:00:05.000\nx\n", 3, "before it starts"),
    ("WEBVTT\n\n00:00:05.000 --> 00:00:09.000\nx\n\n00:00:01.000 --> 00:00:02.000\ny\n", 6,
     "before the cue above it"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:09.000\nx\n\n00:00:05.000 --> 00:00:10.000\ny\n", 6,
     "overlaps the cue above it, which ends at 00:00:09.000"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", 3, "the cue has no text"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b></b>\n", 3, "the cue has no text"),
    ("WEBVTT\n\njust words\nno timing\n", 3, "expected a cue timing line"),
    ("WEBVTT\n00:00:01.000 --> 00:00:02.000\nx\n", 2, "blank line must separate"),
    ("1\n00:00:01,000 --> 00:00:99,000\nx\n", 2, "bad timestamp “00:00:99,000”"),
    ("1\n00:00:01,000 --> 00:00:04,000\nx\n\n2\n00:00:03,000 --> 00:00:05,000\ny\n", 6, "overlaps"),
    ("1\n00:00:01,000 --> 00:00:04,000\nx\n\n2\nno timing here\n", 5, "expected a cue number and a timing line"),
    ("1\n00:00:01,000 --> 00:00:04,000\n", 2, "the cue has no text"),
    ("[00:00:05] a\n[00:00:02] b\n", 2, "not later than the marker above it \\(line 1\\)"),
    ("[00:00:05] a\n[00:00:05] b\n", 2, "not later than"),
    ("[00:00:05] a\n[00:61:00] b\n", 2, "bad timestamp “00:61:00”"),
    ("[00:00:05] a\n[12] b\n", 2, "bad timestamp “12”"),
    ("[00:00:05] a\n[00:00:09]\n", 2, "has no text after it"),
    ("Interview with Ma Hnin\n[00:00:05] a\n", 1, "text before the first"),
])
def test_bad_content_is_refused_with_its_line(text, line, message):
    with pytest.raises(TranscriptError, match=message) as caught:
        parse_transcript(text.encode())
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")


def test_webvtt_written_back_reads_the_same():
    parsed = parse_transcript(VTT)
    again = parse_transcript(write_webvtt(parsed.cues))
    assert [(c.start_ms, c.end_ms, c.text, c.speaker) for c in again.cues] == [
        (c.start_ms, c.end_ms, c.text, c.speaker) for c in parsed.cues]
    assert "&amp;" in write_webvtt(parsed.cues)


@pytest.mark.parametrize("value, ms", [
    ("754", 754000), ("754.5", 754500), ("12:34", 754000), ("1:02:03", 3723000), ("01:02:03.250", 3723250),
    ("0:00:01,5", 1500), (" 90 ", 90000),
])
def test_timecodes(value, ms):
    assert parse_timecode(value) == ms


@pytest.mark.parametrize("value", ["", "abc", "12:61", "1:2:3:4", "-5", "12:34pm"])
def test_bad_timecodes(value):
    with pytest.raises(TimecodeError, match="is not a time"):
        parse_timecode(value)
    assert parse_deep_link(value) is None


def test_clock_and_vtt_formats():
    assert format_clock(754000) == "12:34"
    assert format_clock(3723250) == "1:02:03"
    assert format_vtt(3723250) == "01:02:03.250"
    assert parse_deep_link("12:34") == 754
