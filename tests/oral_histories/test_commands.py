"""The import and export commands, run as curators run them, on files named and written in Thai and Burmese."""

import pytest
from django.core.management import CommandError, call_command

from archive.models import Asset
from oral_histories.models import Cue, Segment, Transcript
from tests.factories import make_oral_history, make_place, make_recording, make_subject

pytestmark = pytest.mark.django_db

THAI_SRT = ("1\r\n00:00:01,000 --> 00:00:04,000\r\nผมมาจากพม่า\r\n\r\n"
            "2\r\n00:00:04,000 --> 00:00:09,000\r\nทำงานที่มหาชัย\r\n")


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_transcript_attaches_to_the_first_recording(oral_history, tmp_path):
    path = tmp_path / "บทสัมภาษณ์.srt"
    path.write_bytes(THAI_SRT.encode("utf-8-sig"))
    output = run("import_transcript", oral_history.accession_number, str(path), "--language", "tha")
    transcript = Transcript.objects.get()
    assert transcript.recording == oral_history.assets.get()
    assert transcript.language.code == "tha" and transcript.source_format == "srt" and not transcript.staff_only
    assert list(transcript.cues.values_list("start_ms", "end_ms", "text")) == [
        (1000, 4000, "ผมมาจากพม่า"), (4000, 9000, "ทำงานที่มหาชัย")]
    assert "2 lines in Thai (SRT)" in output


def test_import_again_replaces_the_lines_and_recording_option_picks_another(oral_history, tmp_path):
    second = make_recording(oral_history, kind=Asset.Kind.VIDEO, position=5)
    path = tmp_path / "ကျွန်တော်.txt"
    path.write_text("[00:00:00] ပထမ\n[00:00:10] ဒုတိယ\n", encoding="utf-8")
    run("import_transcript", oral_history.accession_number, str(path), "--language", "MYA", "--recording", "2")
    path.write_text("[00:00:00] တစ်\n", encoding="utf-8")
    run("import_transcript", oral_history.accession_number, str(path), "--language", "mya", "--recording", "2",
        "--staff-only")
    transcript = Transcript.objects.get()
    assert transcript.recording == second and transcript.staff_only and transcript.source_format == "text"
    assert list(transcript.cues.values_list("text", flat=True)) == ["တစ်"]


@pytest.mark.parametrize("args, message", [
    (["NOPE", "{file}", "--language", "tha"], "no item with accession number NOPE"),
    (["{item}", "{missing}", "--language", "tha"], "no such file"),
    (["{item}", "{file}", "--language", "xx1"], "“xx1” is not an ISO 639-3 language code"),
    (["{item}", "{file}", "--language", "qqq"], "“qqq” is not an ISO 639-3 language code"),
    (["{item}", "{file}", "--language", "tha", "--recording", "2"], "has no recording 2: it has 1"),
    (["{item}", "{file}", "--language", "tha", "--recording", "0"], "has no recording 0"),
    (["{item}", "{bad}", "--language", "tha"], "line 2: bad timestamp"),
])
def test_import_transcript_refusals_leave_nothing_behind(oral_history, tmp_path, args, message):
    good, bad = tmp_path / "good.vtt", tmp_path / "bad.vtt"
    good.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n", encoding="utf-8")
    bad.write_text("1\n00:00:01,000 --> 00:00:0x,000\nhello\n", encoding="utf-8")
    values = {"item": oral_history.accession_number, "file": str(good), "bad": str(bad),
              "missing": str(tmp_path / "missing.vtt")}
    with pytest.raises(CommandError, match=message):
        run("import_transcript", *[arg.format(**values) for arg in args])
    assert not Transcript.objects.exists() and not Cue.objects.exists()


def test_item_without_recordings_is_refused(tmp_path):
    item = make_oral_history()
    path = tmp_path / "t.txt"
    path.write_text("[00:00:01] x", encoding="utf-8")
    with pytest.raises(CommandError, match="has no audio or video recording"):
        run("import_transcript", item.accession_number, str(path), "--language", "tha")


SEGMENTS_CSV = """start,end,title,title_th,title_my,synopsis_th,keywords,keywords_th,subjects,places,staff_only
0:00,2:10,Leaving home,ออกจากบ้าน,အိမ်မှ ထွက်ခွာခြင်း,เล่าเรื่องการเดินทาง,"border, broker",นายหน้า,border-crossing,Thailand > Tak,no
2:10,754,On the boats,บนเรือประมง,,"ชีวิตบนเรือ
สิบปี",fishing,,,Thailand > Samut Sakhon; Thailand > Tak,yes
"""


def test_segments_import_csv_then_export_vtt_and_csv_round_trip(oral_history, tmp_path):
    make_subject(slug="border-crossing", title="Border crossing")
    make_place("Thailand > Tak")
    make_place("Thailand > Samut Sakhon")
    path = tmp_path / "ดัชนี.csv"
    path.write_text(SEGMENTS_CSV, encoding="utf-8-sig")
    assert "2 segments" in run("import_segments", oral_history.accession_number, str(path))
    first, second = Segment.objects.order_by("start_ms")
    assert (first.start_ms, first.end_ms, first.title_th, first.title_my) == (0, 130000, "ออกจากบ้าน",
                                                                             "အိမ်မှ ထွက်ခွာခြင်း")
    assert first.display_keywords("en") == ["border", "broker"]
    assert [s.slug for s in first.subjects.all()] == ["border-crossing"]
    assert [p.path() for p in first.places.all()] == ["Thailand > Tak"]
    assert (second.end_ms, second.synopsis_th, second.staff_only) == (754000, "ชีวิตบนเรือ\nสิบปี", True)
    assert sorted(p.name for p in second.places.all()) == ["Samut Sakhon", "Tak"]

    vtt_path, csv_path = tmp_path / "out.vtt", tmp_path / "out.csv"
    run("export_segments", oral_history.accession_number, "--output", str(vtt_path))
    run("export_segments", oral_history.accession_number, "--output", str(csv_path))
    vtt = vtt_path.read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:02:10.000\ntitle: Leaving home\ntitle_th: ออกจากบ้าน")
    assert "places: Thailand > Samut Sakhon; Thailand > Tak" in vtt
    before = _snapshot()
    for exported in (vtt_path, csv_path):
        run("import_segments", oral_history.accession_number, str(exported))
        assert _snapshot() == before
    assert run("export_segments", oral_history.accession_number, "--format", "csv") == csv_path.read_text(
        encoding="utf-8")


def _snapshot():
    return [
        (s.start_ms, s.end_ms, s.title, s.title_th, s.title_my, s.synopsis_th, s.keywords, s.keywords_th,
         s.staff_only, sorted(x.slug for x in s.subjects.all()), sorted(p.path() for p in s.places.all()))
        for s in Segment.objects.order_by("start_ms")
    ]


def test_segments_from_a_chapters_file(oral_history, tmp_path):
    path = tmp_path / "chapters.vtt"
    path.write_text("WEBVTT\n\n00:00:00.000 --> 00:01:00.000\nวัยเด็ก\nเกิดที่ทวาย\nโตที่ย่างกุ้ง\n", encoding="utf-8")
    run("import_segments", oral_history.accession_number, str(path))
    segment = Segment.objects.get()
    assert (segment.title, segment.synopsis) == ("วัยเด็ก", "เกิดที่ทวาย\nโตที่ย่างกุ้ง")


@pytest.mark.parametrize("content, message", [
    ("", "the file is empty"),
    ("hello", "format is not recognised"),
    ("start,end,title\n", "the file has no segments"),
    ("start,end,title,colour\n0,1,a,red\n", "unknown column “colour”"),
    ("start,title\n0,a\n", "needs start and end"),
    ("start,end,title\n0,1:61,a\n", "line 2: bad timestamp"),
    ("start,end,title\n0,10,a,extra\n", "line 2: the row has more cells"),
    ("start,end,title\n10,5,a\n", "line 2: the cue ends"),
    ("start,end,title\n0,10,a\n5,20,b\n", "line 3: .*overlaps"),
    ("start,end,title,synopsis\n0,10,,no title\n", "line 2: the segment has no title"),
    ("start,end,title,subjects\n0,10,a,no-such-subject\n", "no subject “no-such-subject”"),
    ("start,end,title,places\n0,10,a,Atlantis > Nowhere\n", "no place “Atlantis > Nowhere”"),
    ("start,end,title,staff_only\n0,10,a,maybe\n", "staff_only must be yes or no"),
    ("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nsynopsis: no title\n", "line 3: the segment has no title"),
    ("WEBVTT\n\nno timing\n", "line 3: expected a timing line"),
])
def test_bad_segment_files_change_nothing(oral_history, tmp_path, content, message):
    Segment.objects.create(recording=oral_history.assets.get(), start_ms=0, end_ms=5000, title="kept")
    path = tmp_path / "segments.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("import_segments", oral_history.accession_number, str(path))
    assert list(Segment.objects.values_list("title", flat=True)) == ["kept"]


def test_export_of_an_item_without_recordings_is_refused():
    item = make_oral_history()
    with pytest.raises(CommandError, match="has no audio or video recording"):
        run("export_segments", item.accession_number)


def test_segment_titles_with_markup_characters_survive_a_webvtt_round_trip(oral_history, tmp_path):
    path = tmp_path / "ดัชนี.csv"
    path.write_bytes("start,end,title_th,synopsis\n0:00,1:00,ค่าจ้าง < 300 บาท & ค่าที่พัก,"
                     "\"<b>not markup</b> --> here\"\n".encode("cp874"))
    run("import_segments", oral_history.accession_number, str(path))
    vtt_path = tmp_path / "out.vtt"
    run("export_segments", oral_history.accession_number, "--output", str(vtt_path))
    vtt = vtt_path.read_text(encoding="utf-8")
    assert "title_th: ค่าจ้าง &lt; 300 บาท &amp; ค่าที่พัก\nsynopsis: &lt;b>not markup&lt;/b> --&gt; here\n" in vtt
    before = _snapshot()
    run("import_segments", oral_history.accession_number, str(vtt_path))
    assert _snapshot() == before
    assert Segment.objects.get().synopsis == "<b>not markup</b> --> here"


def test_exported_segment_cells_cannot_run_as_formulas_and_come_back_as_written(oral_history, tmp_path):
    recording = oral_history.assets.get()
    Segment.objects.create(recording=recording, start_ms=0, end_ms=5000, title='=HYPERLINK("http://x.example","ดู")',
                           synopsis="@SUM(1+1)", title_th="-ลบ", keywords="'quoted")
    csv_path = tmp_path / "out.csv"
    run("export_segments", oral_history.accession_number, "--output", str(csv_path))
    import csv

    rows = list(csv.reader(csv_path.open(encoding="utf-8-sig")))
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    before = _snapshot()
    run("import_segments", oral_history.accession_number, str(csv_path))
    assert _snapshot() == before
    segment = Segment.objects.get()
    assert (segment.title, segment.synopsis, segment.title_th, segment.keywords) == (
        '=HYPERLINK("http://x.example","ดู")', "@SUM(1+1)", "-ลบ", "'quoted")
