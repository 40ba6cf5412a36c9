"""The template spreadsheet and the column guide come from the column definitions, in the curator's language, and
a template filled in as downloaded imports."""

import csv
import io

import pytest
from django.utils import translation

from archive.importing import items_import
from archive.models import Item
from archive.spreadsheet import COLUMNS
from archive.spreadsheet_guide import GUIDE, column_guide, header_aliases
from tests.factories import make_collection, make_subject

pytestmark = pytest.mark.django_db


def test_every_column_has_a_guide_entry_and_every_entry_a_column():
    guides = column_guide()
    assert [guide.name for guide in guides] == list(COLUMNS)
    assert all(guide.explanation and guide.example for guide in guides), [
        guide.name for guide in guides if not (guide.explanation and guide.example)]
    assert set(GUIDE) <= set(COLUMNS)
    with translation.override("th"):
        assert not {guide.name for guide in column_guide() if guide.label == guide.name}


@pytest.mark.parametrize("language", ["en", "th", "my", "km", "lo"])
def test_each_language_has_its_own_headers_and_each_names_one_column(language):
    with translation.override(language):
        labels = [guide.label for guide in column_guide()]
    assert len(set(labels)) == len(COLUMNS)
    assert all(header_aliases()[label.casefold()] == name for label, name in zip(labels, COLUMNS, strict=True))


def download(client, language):
    client.cookies["django_language"] = language
    response = client.get("/admin/archive/item/import/template.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return response.content


def test_the_template_downloads_in_the_curators_language_and_imports_as_it_is(curator, tmp_path):
    make_subject(slug="fishing", title="Fishing")
    make_collection(slug="fisheries", title="Fisheries")
    body = download(curator, "km")
    assert body.startswith("\ufeff".encode())
    header, example = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header[:3] == ["លេខចុះបញ្ជី", "ប្រភេទ", "ស្ថានភាពការងារ"]  # Khmer headers
    assert example[0] == "MLA-2024-0001"
    (tmp_path / "โกมิน.m4a").write_bytes(b"")  # the media file is left out below

    path = tmp_path / "items.csv"
    path.write_text(body.decode("utf-8-sig").replace("โกมิน.m4a", ""), encoding="utf-8")
    report = items_import(path=path)

    assert report.ok, report.errors
    item = Item.objects.get()
    assert (item.title_km, item.title_lo, item.access) == ("ជីវិតលើទូកនេសាទ", "ຊີວິດເທິງເຮືອຫາປາ", "public")
    assert item.consents.get().uses() == ["public_web", "exhibits", "classroom"] and item.is_public()
    assert item.places.get().latitude is not None


def test_the_column_guide_and_the_format_reference_are_in_the_admin(curator, settings):
    curator.cookies[settings.LANGUAGE_COOKIE_NAME] = "lo"
    page = curator.get("/admin/archive/item/import/columns/")
    html = page.content.decode()
    assert page.status_code == 200
    for name in COLUMNS:
        assert f'id="column-{name}"' in html
    with translation.override("lo"):
        lao = str(GUIDE["access"][1])
    with translation.override("en"):
        english = str(GUIDE["access"][1])
    assert lao in html and lao != english
    assert "<h2>All or nothing</h2>" in html and "<table>" in html  # docs/csv.md, rendered
    importing = curator.get("/admin/archive/item/import/").content.decode()
    assert 'href="/admin/archive/item/import/template.csv"' in importing
    assert 'href="/admin/archive/item/import/columns/"' in importing


def test_the_template_and_guide_need_the_import_permission(client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", is_staff=True)
    client.force_login(nobody)
    assert client.get("/admin/archive/item/import/template.csv").status_code == 403
    assert client.get("/admin/archive/item/import/columns/").status_code == 403
