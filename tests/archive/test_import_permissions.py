"""A spreadsheet import creates only the kinds of record the importing user may add, and changes only items they
may change: it reports, grouped by permission, every row needing one they lack, and imports nothing."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from taggit.models import Tag

from archive.models import Agent, Asset, ChangeRecord, Item, Language, Place
from archive.importing import items_import
from tests.factories import admin_import_check, make_agent, make_item, make_place

from .test_spreadsheet import make_jpeg, write_csv

pytestmark = pytest.mark.django_db

HEADER = ["accession_number", "kind", "title", "title_th", "access", "places", "agents", "tags", "languages"]


def grant(user, *codenames):
    for codename in codenames:
        app_label, codename = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    # Permissions are cached on the user object.
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def item_curator(django_user_model):
    """Staff with permission to add, change and view items, and nothing else."""
    user = django_user_model.objects.create_user("item-curator", password="pw", is_staff=True)
    return grant(user, "archive.add_item", "archive.change_item", "archive.view_item")


@pytest.fixture
def catalogue():
    make_place("Thailand > Samut Sakhon")
    make_agent(display_name="Ko Min")
    Tag.objects.create(name="เรือ")
    Language.for_code("tha")
    return make_item(accession_number="OLD-1", title="Old")


def sheet(folder):
    return write_csv(folder, [
        ["NEW-1", "oral_history", "Boat", "เรือ", "public", "Thailand > Samut Sakhon > Mahachai", "narrator: Ko Min",
         "เรือ", "tha"],
        ["NEW-2", "photograph", "Pier", "ท่าเรือ", "public", "Thailand > Samut Sakhon",
         "photographer: မမြင့်; narrator: Ko Min", "", ""],
        ["OLD-1", "photograph", "Old, retitled", "", "public", "", "", "ປາ", "mya"],
        ["NEW-3", "film", "Nets", "อวน", "public", "Cambodia > Battambang", "filmmaker: ស្រីពៅ", "", "tha"],
    ], header=HEADER)


def test_a_curator_with_only_item_permissions_creates_no_agents_places_tags_or_languages(tmp_path, catalogue,
                                                                                         item_curator):
    counts = (Item.objects.count(), Agent.objects.count(), Place.objects.count(), Tag.objects.count(),
              Language.objects.count(), ChangeRecord.objects.count())

    report = items_import(path=sheet(tmp_path), dry_run=False, by=item_curator)

    assert not report.ok and report.errors == []
    assert [(p.permission, p.lines, p.examples) for p in report.permission_problems] == [
        ("archive.add_place", [2, 5], ["Thailand > Samut Sakhon > Mahachai", "Cambodia > Battambang"]),
        ("archive.add_agent", [3, 5], ["မမြင့်", "ស្រីពៅ"]),
        ("archive.add_language", [4], ["mya"]),
        ("taggit.add_tag", [4], ["ປາ"]),
    ]
    assert str(report.permission_problems[0]) == (
        "you do not have the permission archive.add_place to create places, which 2 row(s) need: line(s) 2, 5 "
        "(“Thailand > Samut Sakhon > Mahachai”, “Cambodia > Battambang”)")
    assert report.summary() == "4 problem(s); nothing was imported."
    assert (Item.objects.count(), Agent.objects.count(), Place.objects.count(), Tag.objects.count(),
            Language.objects.count(), ChangeRecord.objects.count()) == counts
    assert Item.objects.get(accession_number="OLD-1").title == "Old"

    # The dry run reports the same; with the permissions granted the same file imports.
    assert len(items_import(path=sheet(tmp_path), dry_run=True, by=item_curator).permission_problems) == 4
    curator = grant(item_curator, "archive.add_place", "archive.add_agent", "taggit.add_tag", "archive.add_language")
    report = items_import(path=sheet(tmp_path), dry_run=False, by=curator)
    assert report.ok, report.permission_problems
    assert (report.created, report.updated) == (3, 1)
    assert Agent.objects.filter(display_name__in=["မမြင့်", "ស្រីពៅ"]).count() == 2


def test_items_need_add_to_be_created_and_change_to_be_updated(tmp_path, catalogue, django_user_model):
    editor = grant(django_user_model.objects.create_user("editor", is_staff=True), "archive.change_item")
    rows = [["OLD-1", "photograph", "Old, retitled", "", "public", "", "", "", ""],
            ["NEW-1", "photograph", "New", "", "public", "", "", "", ""]]
    report = items_import(path=write_csv(tmp_path, rows, header=HEADER), dry_run=False, by=editor)
    assert [(p.permission, p.lines) for p in report.permission_problems] == [("archive.add_item", [3])]
    assert not Item.objects.filter(accession_number="NEW-1").exists()

    adder = grant(django_user_model.objects.create_user("adder", is_staff=True), "archive.add_item")
    report = items_import(path=write_csv(tmp_path, rows, header=HEADER), dry_run=False, by=adder)
    assert [(p.permission, p.lines) for p in report.permission_problems] == [("archive.change_item", [2])]
    assert Item.objects.get(accession_number="OLD-1").title == "Old"


def test_media_files_need_permission_to_add_files(tmp_path, item_curator):
    make_jpeg(tmp_path / "ภาพ.jpg")
    path = write_csv(tmp_path, [["P-1", "photograph", "Photo", "public", "ภาพ.jpg"]],
                     header=["accession_number", "kind", "title", "access", "media_files"])
    report = items_import(path=path, dry_run=False, by=item_curator)
    assert [(p.permission, p.lines, p.examples) for p in report.permission_problems] == [
        ("archive.add_asset", [2], ["ภาพ.jpg"])]
    assert (Item.objects.count(), Asset.objects.count()) == (0, 0)
    assert items_import(path=path, dry_run=False, by=grant(item_curator, "archive.add_asset")).ok


def test_the_admin_page_lists_the_missing_permissions_and_imports_nothing(client, tmp_path, catalogue,
                                                                          item_curator):
    client.force_login(item_curator)
    page = admin_import_check(client, sheet(tmp_path).read_bytes())

    assert page.status_code == 200 and not page.context["token"]
    html = page.content.decode()
    assert "Permissions you do not have" in html
    assert "You do not have the permission archive.add_agent to create people and organisations (agents), which " \
           "2 row(s) need: line(s) 3, 5" in html
    assert 'name="token"' not in html
    assert not Item.objects.filter(accession_number__startswith="NEW").exists()


def test_the_command_acts_as_a_named_user_or_as_the_system(tmp_path, catalogue, item_curator, capsys):
    path = sheet(tmp_path)
    with pytest.raises(CommandError, match="4 problem"):
        call_command("import_items", str(path), "--user", "item-curator")
    err = capsys.readouterr().err
    assert "item-curator: you do not have the permission archive.add_place" in err
    assert "taggit.add_tag to create tags, which 1 row(s) need: line(s) 4 (“ປາ”)" in err
    assert Item.objects.count() == 1
    with pytest.raises(CommandError, match="no user called “nobody”"):
        call_command("import_items", str(path), "--user", "nobody")

    call_command("import_items", str(path))

    assert "3 item(s) were created, 1 were updated" in capsys.readouterr().out
    assert set(ChangeRecord.objects.filter(model="archive.item", source="import").values_list("user", flat=True)) == {
        None}
