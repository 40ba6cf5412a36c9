"""The import tells the truth: the check lists every row whose item will not be public after the import, with the
access policy's reasons, and the item list shows the same reasons in a column."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.importing import items_import
from archive.models import Item
from tests.factories import admin_import_check, make_consent, make_item

from .test_spreadsheet import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["accession_number", "kind", "status", "title", "title_my", "access"]
FUTURE = (timezone.localdate() + timedelta(days=300)).isoformat()


def sheet(folder):
    return write_csv(folder, [
        ["OH-1", "oral_history", "published", "Net mending", "ပိုက်ကွန်ပြင်", "public"],
        ["PH-1", "photograph", "published", "Pier at dawn", "ဆိပ်ကမ်း", "public"],
        ["PH-2", "photograph", "draft", "Market", "ဈေး", "public"],
        ["PH-3", "photograph", "published", "Dormitory", "အိပ်ဆောင်", f"embargoed:{FUTURE}"],
        ["PH-4", "photograph", "published", "Payslip", "လစာစာရွက်", "registered"],
        ["OH-2", "oral_history", "published", "Crossing", "ဖြတ်ကူး", "public"],
    ], header=HEADER)


def test_the_check_lists_every_row_that_stays_hidden_and_why(tmp_path):
    make_consent(make_item(accession_number="OH-2", kind="oral_history", status="draft"))  # consent on file

    report = items_import(path=sheet(tmp_path), dry_run=True)

    assert report.ok
    reasons = {row.accession_number: (row.line, row.reasons) for row in report.hidden}
    assert reasons == {
        "OH-1": (2, ["an oral history needs a standing consent to public web use, and it has none"]),
        "PH-2": (4, ["workflow status is “draft”, not published"]),
        "PH-3": (5, [f"embargoed until {FUTURE}"]),
        "PH-4": (6, ["access is for registered researchers only"]),
    }
    assert report.hidden_count == 4
    assert "4 of them will not be on the public site" in report.summary()


def test_after_the_import_the_same_rows_are_the_ones_not_public(tmp_path):
    make_consent(make_item(accession_number="OH-2", kind="oral_history", status="draft"))
    checked = items_import(path=sheet(tmp_path), dry_run=True)
    imported = items_import(path=sheet(tmp_path))
    assert imported.ok
    public = set(Item.objects.public().values_list("accession_number", flat=True))
    assert public == {"PH-1", "OH-2"}
    assert {row.accession_number for row in checked.hidden} == set(Item.objects.values_list(
        "accession_number", flat=True)) - public


def test_the_command_line_prints_the_hidden_rows(tmp_path, capsys):
    call_command("import_items", str(sheet(tmp_path)), "--dry-run")
    out = capsys.readouterr().out
    assert "not public after the import: line 4, PH-2: workflow status is “draft”, not published" in out


def test_the_admin_check_shows_the_hidden_rows_in_the_curators_language(curator, settings):
    curator.cookies[settings.LANGUAGE_COOKIE_NAME] = "my"
    csv = "accession_number,kind,status,title\r\nOH-9,oral_history,published,ဇာတ်ကြောင်း\r\n"
    page = admin_import_check(curator, csv)
    html = page.content.decode()
    assert page.context["token"] and 'id="not-public"' in html and "OH-9" in html
    hidden = page.context["report"].hidden[0]
    assert hidden.reasons and "oral history" not in hidden.reasons[0]  # Burmese, not English


def test_the_item_list_says_why_each_item_is_not_public_in_a_fixed_number_of_queries(curator):
    make_item(accession_number="PUB-1")
    make_item(accession_number="STAFF-1", access="staff")
    withdrawn = make_item(accession_number="OH-1", kind="oral_history")
    make_consent(withdrawn, withdrawn_on=date(2026, 1, 5))
    page = curator.get("/admin/archive/item/")
    html = page.content.decode()
    assert "Not public because…" in html
    assert "access is staff only" in html and "withdrew consent on 2026-01-05" in html
    with CaptureQueriesContext(connection) as few:
        curator.get("/admin/archive/item/")
    for n in range(20):
        make_consent(make_item(accession_number=f"MORE-{n}", kind="oral_history", status="in_review"))
    with CaptureQueriesContext(connection) as many:
        html = curator.get("/admin/archive/item/").content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert html.count("workflow status is “in review”, not published") == 20
