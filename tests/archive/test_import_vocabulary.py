"""Vocabulary on the way: unknown subjects and collections are reported once each, with every line naming them, and
a curator allowed to add them may create them in the same all-or-nothing import."""

import pytest
from django.core.management import CommandError, call_command

from archive.importing import items_import
from archive.models import ChangeRecord, Collection, Item, Subject
from tests.factories import admin_import_check, admin_import_confirm, grant, make_subject

from .test_spreadsheet import make_jpeg, write_csv

pytestmark = pytest.mark.django_db

HEADER = ["accession_number", "kind", "title", "title_th", "subjects", "collection", "media_files"]


def first_import(folder):
    """A first real import: the same unknown terms on many rows, in any case, in Thai and Burmese."""
    return write_csv(folder, [
        ["MLA-1", "photograph", "Nets", "อวน", "Fishing; ประมง", "", ""],
        ["MLA-2", "photograph", "Pier", "ท่าเรือ", "fishing", "Mahachai port", ""],
        ["MLA-3", "photograph", "Boat", "เรือ", "Fishing; ငါးဖမ်းခြင်း", "mahachai port", ""],
        ["MLA-4", "photograph", "Market", "ตลาด", "markets", "", ""],
        ["MLA-5", "photograph", "Dock", "อู่", "FISHING", "Mahachai port", ""],
    ], header=HEADER)


@pytest.fixture(autouse=True)
def markets():
    return make_subject(slug="markets", title="Markets")


def test_repeated_unknown_terms_are_one_problem_each_with_all_their_lines(tmp_path):
    report = items_import(path=first_import(tmp_path))

    assert not report.ok
    assert [str(term) for term in report.unknown_terms] == [
        "subject “Fishing”: unknown, on lines 2, 3, 4, 6",
        "subject “ประมง”: unknown, on line 2",
        "subject “ငါးဖမ်းခြင်း”: unknown, on line 4",
        "collection “Mahachai port”: unknown, on lines 3, 4, 6",
    ]
    assert report.error_count == 4 and report.summary() == "4 problem(s); nothing was imported."
    assert [(error.line, error.column) for error in report.errors] == [(2, "subjects"), (2, "subjects"),
                                                                        (3, "collection"), (4, "subjects")]
    assert Item.objects.count() == 0 and Subject.objects.count() == 1


def test_create_missing_makes_the_terms_and_imports_in_one_go(tmp_path):
    checked = items_import(path=first_import(tmp_path), dry_run=True, create_missing=True)
    assert checked.ok and Subject.objects.count() == 1 and Collection.objects.count() == 0
    assert "4 new subject(s) and collection(s) would be created first" in checked.summary()

    report = items_import(path=first_import(tmp_path), create_missing=True)

    assert report.ok and report.created == 5
    fishing = Subject.objects.get(title="Fishing")
    assert fishing.slug == "fishing"
    assert Subject.objects.get(title="ประมง").slug == "ประมง"
    burmese = Subject.objects.get(title="ငါးဖမ်းခြင်း")
    assert burmese.slug.startswith("subject-")  # a slug would drop the Burmese vowel signs
    port = Collection.objects.get()
    assert (port.slug, port.title) == ("mahachai-port", "Mahachai port")
    assert set(Item.objects.get(accession_number="MLA-3").subjects.all()) == {fishing, burmese}
    assert Item.objects.filter(collection=port).count() == 3
    assert ChangeRecord.objects.get(model="archive.subject", object_id=str(fishing.pk)).source == "import"


def test_a_failure_after_the_terms_were_made_leaves_none_of_them(tmp_path):
    folder = tmp_path / "sheet"
    make_jpeg(folder / "nets.jpg")
    (folder / "ສະຖານີ.jpg").write_text("<html>not a photograph</html>", encoding="utf-8")
    path = write_csv(folder, [["MLA-1", "photograph", "Nets", "อวน", "Fishing", "Port", "nets.jpg"],
                              ["MLA-2", "photograph", "Station", "สถานี", "Fishing", "", "ສະຖານີ.jpg"]],
                     header=HEADER)

    report = items_import(path=path, create_missing=True)

    assert not report.ok and "was refused" in report.errors[0].reason
    assert (Subject.objects.count(), Collection.objects.count(), Item.objects.count()) == (1, 0, 0)


def test_creating_terms_needs_the_permission_to_add_them(tmp_path, django_user_model):
    cataloguer = grant(django_user_model.objects.create_user("cataloguer", is_staff=True),
                       "archive.add_item", "archive.change_item", "archive.add_subject")

    report = items_import(path=first_import(tmp_path), by=cataloguer, create_missing=True)

    assert not report.ok
    assert [problem.kind for problem in report.permission_problems] == ["collection"]
    assert "archive.add_collection" in str(report.permission_problems[0])
    assert Subject.objects.count() == 1


def test_the_command_line_creates_missing_terms_only_when_asked(tmp_path, capsys):
    path = first_import(tmp_path)
    with pytest.raises(CommandError, match="4 problem"):
        call_command("import_items", str(path))
    assert "subject “Fishing”: unknown, on lines 2, 3, 4, 6" in capsys.readouterr().err

    call_command("import_items", str(path), "--create-missing")
    assert "were created first" in capsys.readouterr().out
    assert Subject.objects.count() == 4 and Item.objects.count() == 5


def upload(client, folder):
    return admin_import_check(client, first_import(folder).read_bytes())


def test_the_admin_lists_the_terms_then_creates_them_when_the_curator_confirms(curator, tmp_path):
    page = upload(curator, tmp_path)
    html = page.content.decode()
    assert page.context["offer_create"] and page.context["token"]
    assert "subject “Fishing”: unknown, on lines 2, 3, 4, 6" in html and 'name="create_missing"' in html
    assert Subject.objects.count() == 1  # listed for confirmation first

    done = admin_import_confirm(curator, page.context["token"], create_missing="1")

    assert "5 item(s) were created" in done.content.decode()
    assert Subject.objects.count() == 4 and Collection.objects.count() == 1


def test_the_admin_does_not_offer_what_the_curator_may_not_create(client, tmp_path, django_user_model):
    cataloguer = grant(django_user_model.objects.create_user("cataloguer", is_staff=True),
                       "archive.add_item", "archive.change_item", "archive.view_item")
    client.force_login(cataloguer)
    page = upload(client, tmp_path)
    assert not page.context["offer_create"] and page.context["token"] == ""
    assert 'name="create_missing"' not in page.content.decode()
