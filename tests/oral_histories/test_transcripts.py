"""Transcripts: files in the encodings Thai curators really have, lines that may not overlap, and the times
curators type. Reading the formats themselves is tested with media_pipeline.timed_text."""

import pytest

from media_pipeline.timed_text import TimedTextError
from oral_histories.models import Transcript
from oral_histories.services import transcript_import
from oral_histories.timecodes import TimecodeError, format_clock, parse_deep_link, parse_timecode

THAI_SRT = ("1\r\n00:00:01,000 --> 00:00:04,000\r\nผมมาจากพม่า “ครับ”\r\n\r\n"
            "2\r\n00:00:04,000 --> 00:00:09,000\r\nทำงานที่มหาชัย\r\n")


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp874", "utf-16", "utf-8"])
def test_a_thai_transcript_is_read_in_the_encodings_thai_files_come_in(oral_history, encoding):
    transcript_import(item=oral_history, language="tha", text=THAI_SRT.encode(encoding))
    transcript = Transcript.objects.get()
    assert list(transcript.cues.values_list("start_ms", "end_ms", "text")) == [
        (1000, 4000, "ผมมาจากพม่า “ครับ”"), (4000, 9000, "ทำงานที่มหาชัย")]


@pytest.mark.django_db
def test_transcript_lines_may_not_overlap_and_a_refusal_saves_nothing(oral_history):
    overlapping = "1\n00:00:01,000 --> 00:00:04,000\nx\n\n2\n00:00:03,000 --> 00:00:05,000\ny\n"
    with pytest.raises(TimedTextError, match="line 6: the cue starting at 00:00:03.000 overlaps"):
        transcript_import(item=oral_history, language="tha", text=overlapping)
    assert not Transcript.objects.exists()


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


def test_clock_format():
    assert format_clock(754000) == "12:34"
    assert format_clock(3723250) == "1:02:03"
    assert parse_deep_link("12:34") == 754
