"""Spreadsheet cells are read in the archive's normal form; Zawgyi Burmese is converted with a note to the curator."""

import csv
import io

import pytest
from django.core.management import call_command

from archive.importing import items_import
from archive.models import Item, Place
from archive.spreadsheet import normalisation_notes
from search.service import search_run
from search.upkeep import search_index_sync
from tests.factories import admin_import_check, admin_import_confirm

pytestmark = pytest.mark.django_db

# Zawgyi for ရေလုပ်သား (a fishing-boat worker).
ZAWGYI_FISHER = "\u1031\u101b\u101c\u102f\u1015\u1039\u101e\u102c\u1038"
# Zawgyi for ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ် (I work on a fishing boat).
ZAWGYI_SENTENCE = ("\u1000\u107d\u103c\u1014\u1039\u1031\u1010\u102c\u1039 \u1004\u102b\u1038\u1016\u1019\u1039\u1038"
                   "\u1031\u101c\u103d\u1019\u103d\u102c \u1021\u101c\u102f\u1015\u1039\u101c\u102f\u1015\u1039"
                   "\u1010\u101a\u1039")
HEADER = ["accession_number", "kind", "status", "title", "title_th", "title_my", "description_my", "places",
          "access"]


def write_csv(folder, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row.get(column, "") for column in HEADER])
    path = folder / "items.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def row(accession, **cells):
    return {"accession_number": accession, "kind": "photograph", "status": "published", "title": "Fishing boat",
            "access": "public", **cells}


def test_a_zawgyi_cell_is_imported_as_unicode_with_a_note_and_found_by_search(tmp_path, capsys):
    path = write_csv(tmp_path, [
        row("MLA-1", title_th="พ่อท\u0e4dางานในเรือประมง"),  # father works on a fishing boat, decomposed sara am
        row("MLA-2", title_my=ZAWGYI_FISHER, description_my=f"Ko Min\n{ZAWGYI_SENTENCE}",
            places="Thailand > สมุทรสาคร"),
        row("MLA-3", title_my="ရေလုပ်သားများ၏ ဘဝ"),  # already Unicode: nothing to say
    ])
    call_command("import_items", str(path))
    out = capsys.readouterr().out
    assert "line 3, column title_my: Burmese converted from Zawgyi" in out
    assert "line 3, column description_my: Burmese converted from Zawgyi" in out
    assert "line 2" not in out and "line 4" not in out
    assert "3 item(s) were created" in out

    converted = Item.objects.get(accession_number="MLA-2")
    assert converted.title_my == "ရေလုပ်သား"
    assert converted.description_my == "Ko Min\nကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ်"
    assert Item.objects.get(accession_number="MLA-1").title_th == "พ่อทำงานในเรือประมง"
    assert Item.objects.get(accession_number="MLA-3").title_my == "ရေလုပ်သားများ၏ ဘဝ"
    assert Place.objects.filter(name="สมุทรสาคร").exists()

    search_index_sync()
    hits = search_run(q="ငါးဖမ်းလှေ", filters={}).hits
    assert [hit.object.accession_number for hit in hits] == ["MLA-2"]
    assert "<mark>ငါးဖမ်းလှေ</mark>" in hits[0].snippet
    assert {hit.object.accession_number for hit in search_run(q="ရေလုပ်သား", filters={}).hits} == {"MLA-2", "MLA-3"}


def test_burmese_that_may_be_zawgyi_is_left_as_typed_and_the_curator_told(tmp_path):
    # Vowel sign e (U+1031) standing alone before a space: not well formed, but too little to tell.
    path = write_csv(tmp_path, [row("MLA-9", title_my="\u1031 x")])
    report = items_import(path=path)
    assert report.ok
    assert Item.objects.get(accession_number="MLA-9").title_my == "\u1031 x"
    assert [str(note) for note in normalisation_notes(path)] == [
        "line 2, column title_my: this may be Burmese typed in Zawgyi; it was left as typed, please check it"]


def test_the_admin_check_tells_the_curator_what_was_converted(client, staff_user):
    client.force_login(staff_user)
    sheet = f"accession_number,kind,title,title_my\nX-1,film,Boat,{ZAWGYI_FISHER}\n"
    page = admin_import_check(client, sheet)
    html = page.content.decode()
    assert "1 item(s) would be created" in html
    assert "Line 2, column title_my: Burmese converted from Zawgyi" in html  # the admin capitalises messages
    admin_import_confirm(client, page.context["token"])  # the import runs as a task (immediate backend here)
    assert Item.objects.get().title_my == "ရေလုပ်သား"
