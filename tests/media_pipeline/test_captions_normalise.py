"""Subtitle files become WebVTT in the archive's normal form: a Zawgyi SRT is a correct Unicode track."""

from media_pipeline import captions

# Zawgyi for ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ် (I work on a fishing boat).
ZAWGYI_SENTENCE = ("\u1000\u107d\u103c\u1014\u1039\u1031\u1010\u102c\u1039 \u1004\u102b\u1038\u1016\u1019\u1039\u1038"
                   "\u1031\u101c\u103d\u1019\u103d\u102c \u1021\u101c\u102f\u1015\u1039\u101c\u102f\u1015\u1039"
                   "\u1010\u101a\u1039")
# Zawgyi for မြန်မာ (Myanmar).
ZAWGYI_MYANMAR = "\u103b\u1019\u1014\u1039\u1019\u102c"


def track_of(tmp_path, name, content: bytes) -> str:
    """The WebVTT track the pipeline writes for a subtitle file with this name and content."""
    source = tmp_path / name
    source.write_bytes(content)
    captions.captions_vtt(source, tmp_path)
    return (tmp_path / "captions.vtt").read_text(encoding="utf-8")


def test_a_zawgyi_srt_becomes_a_unicode_webvtt_track(tmp_path):
    zawgyi_srt = (f"1\r\n00:00:01,000 --> 00:00:04,000\r\n{ZAWGYI_SENTENCE}\r\n\r\n"
                  f"2\r\n00:00:05,000 --> 00:00:06,500\r\n<i>{ZAWGYI_MYANMAR}</i> - Ko Min\r\n")
    assert track_of(tmp_path, "ဇာတ်ကြောင်း.srt", zawgyi_srt.encode()) == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ်\n\n"
        "00:00:05.000 --> 00:00:06.500\n<i>မြန်မာ</i> - Ko Min\n")


def test_thai_and_khmer_subtitles_are_written_in_the_normal_form(tmp_path):
    typed = ("WEBVTT\n\n00:01.000 --> 00:02.000\nผมท\u0e4dางานที่ท่าเรือ\n\n"
             "00:03.000 --> 00:04.000\nកម្មករស្រ្តី\n")
    assert track_of(tmp_path, "subs.vtt", typed.encode()) == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nผมทำงานที่ท่าเรือ\n\n00:00:03.000 --> 00:00:04.000\nកម្មករស្ត្រី\n")
