"""Timed text: files in the encodings they really come in, every format recognised from its content, every bad
input refused with its line, and only valid WebVTT written."""

import codecs

import pytest

from media_pipeline.timed_text import (TimedTextError, WebVTTCue, decode_text, format_timestamp, parse_timed_text,
                                       speech_payload, write_webvtt)

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

THAI_SRT = "1\r\n00:00:01,500 --> 00:00:03,000\r\nสวัสดีครับ “พี่”\r\n\r\n2\r\n00:01:02,05 --> 00:01:04,100\r\nทำงานที่ท่าเรือ\r\n"


def test_webvtt_with_header_note_identifier_settings_voice_and_entities():
    parsed = parse_timed_text(VTT.encode())
    assert (parsed.format, parsed.encoding) == ("webvtt", "utf-8")
    assert [(c.start_ms, c.end_ms) for c in parsed.cues] == [(1000, 4500), (4500, 9000), (3723250, 3725000)]
    assert [c.line for c in parsed.cues] == [8, 11, 15]
    assert parsed.cues[0].speaker == "Ma Hnin"
    assert parsed.cues[0].text == "ผมมาทำงานที่มหาชัย"
    assert parsed.cues[0].payload == "<v Ma Hnin>ผมมาทำงาน<b>ที่มหาชัย</b></v>"
    assert parsed.cues[0].settings == "align:start"
    assert parsed.cues[1].text == "ก่อนหน้านั้นอยู่ที่เมียวดี\nสองปี & สามเดือน"
    assert parsed.cues[1].payload == "ก่อนหน้านั้นอยู่ที่เมียวดี\nสองปี &amp; สามเดือน"
    assert parsed.cues[2].text == "ငါးဖမ်းလှေ"
    assert parsed.cues[2].payload == "<c.yellow>ငါးဖမ်းလှေ</c>"


def test_webvtt_without_hours_and_with_bom_and_crlf():
    data = "\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nសួស្តី\r\n\r\n00:02.000 --> 00:03.000\r\nສະບາຍດີ\r\n"
    parsed = parse_timed_text(data.encode("utf-8"))
    assert (parsed.format, parsed.encoding) == ("webvtt", "utf-8-sig")
    assert [(c.start_ms, c.end_ms, c.text) for c in parsed.cues] == [(1000, 2000, "សួស្តី"), (2000, 3000, "ສະບາຍດີ")]


def test_srt_with_tags_and_positions_stripped():
    parsed = parse_timed_text(SRT.replace("\n", "\r\n").encode("utf-8-sig"))
    assert (parsed.format, parsed.encoding) == ("srt", "utf-8-sig")
    assert [(c.start_ms, c.end_ms, c.text) for c in parsed.cues] == [
        (1000, 4500, "I came to Mahachai in 2009."),
        (5000, 9000, "We worked on the boats."),
    ]
    assert [c.payload for c in parsed.cues] == ["<i>I came to Mahachai</i> in 2009.", "We worked on the boats."]


def test_text_with_markers_speakers_and_following_lines():
    parsed = parse_timed_text(MARKED)
    assert parsed.format == "text"
    cues = parsed.cues
    assert [(c.start_ms, c.end_ms) for c in cues] == [(0, 7000), (7000, 754000), (754000, 759000)]
    assert (cues[0].speaker, cues[0].text) == ("INTERVIEWER", "Where did you grow up?")
    assert cues[1].speaker == ""
    assert cues[1].text == "ကျွန်တော် မော်လမြိုင်မှာ ကြီးခဲ့တယ်။\nIt was a small town."
    assert (cues[2].speaker, cues[2].text) == ("สมชาย", "ผมทำงานบนเรือประมง [laughs]")
    assert cues[2].payload == "<v สมชาย>ผมทำงานบนเรือประมง [laughs]"


def test_text_markers_inside_one_paragraph():
    parsed = parse_timed_text("[0:00:01] one. [0:00:05.5] two.")
    assert [(c.start_ms, c.text) for c in parsed.cues] == [(1000, "one."), (5500, "two.")]


@pytest.mark.parametrize("data, encoding", [
    (THAI_SRT.encode("utf-8"), "utf-8"),
    (THAI_SRT.encode("utf-8-sig"), "utf-8-sig"),
    (THAI_SRT.encode("utf-16"), "utf-16"),
    (codecs.BOM_UTF16_BE + THAI_SRT.encode("utf-16-be"), "utf-16"),
    (THAI_SRT.encode("cp874"), "cp874"),  # Thai Windows, and TIS-620 itself where no curly quotes are used
    (THAI_SRT.replace("“พี่”", "พี่").encode("tis-620"), "cp874"),
])
def test_the_encodings_thai_subtitles_come_in(data, encoding):
    parsed = parse_timed_text(data)
    assert parsed.encoding == encoding
    assert parsed.cues[0].text.startswith("สวัสดีครับ")
    assert [(c.start_ms, c.end_ms) for c in parsed.cues] == [(1500, 3000), (62050, 64100)]


@pytest.mark.parametrize("text", ["ငါးဖမ်းလှေ ပေါ်မှာ", "ខ្ញុំធ្វើការនៅកំពង់ផែ", "ເຮັດວຽກຢູ່ໂຮງງານ"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_burmese_khmer_and_lao_in_unicode_encodings(text, encoding):
    decoded = decode_text(f"[00:00:01] {text}\r\n".encode(encoding))
    assert decoded.text == f"[00:00:01] {text}\n"
    assert decoded.encoding == encoding


@pytest.mark.parametrize("data, message, line", [
    (b"", "the file is empty", None),
    (b"   \r\n\n  ", "the file is empty", None),
    ("\ufeff".encode(), "the file is empty", None),
    (b"WEBVTT\n", "the file has no cues", None),
    (b"Just a paragraph of text.", "the format is not recognised", None),
    ("[00:00:01] สวัสดี".encode("utf-16"), None, None),
    ("ผม".encode("utf-8")[:-1] + b" tail [00:00:01] x", "not UTF-8 text, nor Thai TIS-620", 1),
    ("[00:00:01] x\n[00:00:02] café au lait\n".encode("latin-1"), "save it as UTF-8", 2),
    ("[00:00:01] x\n\n[00:00:02] voilà\n".encode("latin-1"), "save it as UTF-8", 3),
    ("[00:00:01] 中文字幕".encode("gbk"), "not UTF-8 text", 1),
    (b"[00:00:01] a\x00b", "not a text file", None),
    (codecs.BOM_UTF16_LE + "[00:00:01] ok".encode("utf-16-le")[:-1], "damaged", None),
])
def test_unreadable_files_are_refused_readably(data, message, line):
    if message is None:  # UTF-16 with its byte order mark is read like any other text
        assert parse_timed_text(data).cues[0].text == "สวัสดี"
        return
    with pytest.raises(TimedTextError, match=message) as caught:
        parse_timed_text(data)
    assert caught.value.line == line


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
    ("WEBVTT\n\njust words\nno timing\n", 3, "expected a timing line"),
    ("WEBVTT\n00:00:01.000 --> 00:00:02.000\nx\n", 2, "blank line must separate"),
    ("1\n00:00:01,000 --> 00:00:99,000\nx\n", 2, "bad timestamp “00:00:99,000”"),
    ("1\n00:00:01,000 --> 00:00:61,000\nx\n", 2, "bad timestamp “00:00:61,000”"),
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
    with pytest.raises(TimedTextError, match=message) as caught:
        parse_timed_text(text.encode())
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")


def test_captions_may_overlap_but_never_run_backwards():
    two_voices = "1\n00:00:01,000 --> 00:00:04,000\nx\n\n2\n00:00:03,000 --> 00:00:05,000\ny\n"
    assert len(parse_timed_text(two_voices, overlaps=True).cues) == 2
    backwards = "1\n00:00:05,000 --> 00:00:06,000\nx\n\n2\n00:00:01,000 --> 00:00:02,000\ny\n"
    with pytest.raises(TimedTextError, match="line 6: .*cues must be in time order"):
        parse_timed_text(backwards, overlaps=True)


@pytest.mark.parametrize("ms, written", [
    (0, "00:00:00.000"), (61_000, "00:01:01.000"), (3_723_250, "01:02:03.250"), (59_999, "00:00:59.999"),
    (3_600_000 * 100 + 1, "100:00:00.001"),
])
def test_timestamps_are_always_valid_webvtt(ms, written):
    assert format_timestamp(ms) == written
    assert parse_timed_text(f"WEBVTT\n\n{written} --> 999:00:00.000\nx\n").cues[0].start_ms == ms


def test_a_negative_time_is_a_bug_not_a_timestamp():
    with pytest.raises(ValueError, match="cannot be negative"):
        format_timestamp(-1)


def test_webvtt_written_back_reads_the_same():
    parsed = parse_timed_text(VTT)
    written = write_webvtt(WebVTTCue(c.start_ms, c.end_ms, speech_payload(c.text, c.speaker)) for c in parsed.cues)
    again = parse_timed_text(written)
    assert [(c.start_ms, c.end_ms, c.text, c.speaker) for c in again.cues] == [
        (c.start_ms, c.end_ms, c.text, c.speaker) for c in parsed.cues]
    assert "สองปี &amp; สามเดือน" in written


def test_the_writer_keeps_every_cue_whole():
    written = write_webvtt([
        WebVTTCue(1500, 61_000, "first line\n\n   \nafter a blank line", "align:start"),
        WebVTTCue(61_000, 62_000, "an arrow --> inside"),
    ])
    assert written == ("WEBVTT\n\n"
                       "00:00:01.500 --> 00:01:01.000 align:start\nfirst line\nafter a blank line\n\n"
                       "00:01:01.000 --> 00:01:02.000\nan arrow --&gt; inside\n")
    assert [c.text for c in parse_timed_text(written).cues] == ["first line\nafter a blank line",
                                                                "an arrow --> inside"]
    assert write_webvtt([]) == "WEBVTT\n"


def test_speech_is_escaped_and_voiced():
    assert speech_payload("a <b> & c\n\nd", "Ma <Hnin>") == "<v Ma &lt;Hnin&gt;>a &lt;b> &amp; c\nd"
    assert speech_payload("") == ""
