"""The spreadsheet's columns for artworks, music and performances: import, export, and their errors."""

import io

import pytest

from archive.exporting import items_export
from archive.importing import items_import
from archive.models import Item, Tradition
from tests.archive.test_spreadsheet import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["accession_number", "kind", "status", "title", "title_my", "date", "agents", "medium", "medium_th",
          "medium_my", "support", "support_my", "dimensions", "tradition", "occasion", "occasion_th"]


def row(**cells):
    return {"accession_number": "ART-0001", "kind": "artwork", "status": "published", "title": "Boats at Mahachai",
            "title_my": "မဟာချိုင်က လှေများ", "date": "2019", "agents": "artist: ကိုဇော်",
            "medium": "oil", "medium_th": "สีน้ำมัน", "medium_my": "ဆီဆေး", "support": "canvas",
            "support_my": "ပတ္တူ", "dimensions": "60 × 90 cm", **cells}


def test_an_artwork_and_a_performance_import_with_their_fields(tmp_path):
    performance = {"accession_number": "PERF-0001", "kind": "performance", "status": "published",
                   "title": "Don dance", "agents": "performing_group: Hsa Moo Troupe; dancer: နော် ဆာ",
                   "tradition": "ကရင်", "occasion": "Songkran", "occasion_th": "สงกรานต์"}
    report = items_import(path=write_csv(tmp_path, [row(), performance], header=HEADER), dry_run=False, by=None)
    assert report.ok, report.errors
    art = Item.objects.get(accession_number="ART-0001")
    assert (art.kind, art.medium_my, art.support, art.dimensions) == ("artwork", "ဆီဆေး", "canvas", "60 × 90 cm")
    assert list(art.item_agents.values_list("role", "agent__display_name")) == [("artist", "ကိုဇော်")]
    dance = Item.objects.get(accession_number="PERF-0001")
    assert dance.tradition.slug == "karen"  # named by its Burmese title
    assert dance.display_occasion("th") == "สงกรานต์"
    assert sorted(dance.item_agents.values_list("role", flat=True)) == ["dancer", "performing_group"]


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("tradition", "ลิเก", "unknown tradition “ลิเก”"),
    ("dimensions", "9" * 101, "longer than 100 characters"),
    ("medium_th", "ส" * 301, "longer than 300 characters"),
    ("kind", "sculpture", "kind"),
    ("agents", "painter: ကိုဇော်", "unknown role “painter”"),
])
def test_a_bad_work_cell_is_reported_and_nothing_is_written(tmp_path, column, value, reason):
    report = items_import(path=write_csv(tmp_path, [row(**{column: value})], header=HEADER), dry_run=False, by=None)
    assert [(error.line, error.column) for error in report.errors] == [(2, column)]
    assert reason in report.errors[0].reason
    assert not Item.objects.exists()


def test_export_writes_the_work_columns_and_imports_back(tmp_path):
    items_import(path=write_csv(tmp_path, [row(tradition="shan", occasion="ပွဲတော်")], header=HEADER),
                 dry_run=False, by=None)
    out = io.StringIO()
    items_export(out=out)
    text = out.getvalue()
    header = text.splitlines()[0].split(",")
    assert header[-len(["dimensions", "tradition"]):] == ["dimensions", "tradition"]
    assert "ဆီဆေး" in text and "60 × 90 cm" in text and ",shan" in text and "ပွဲတော်" in text
    Item.objects.all().delete()
    exported = tmp_path / "export.csv"
    exported.write_text(text, encoding="utf-8")
    assert items_import(path=exported, dry_run=False, by=None).ok
    art = Item.objects.get(accession_number="ART-0001")
    assert art.tradition == Tradition.objects.get(slug="shan") and art.medium_th == "สีน้ำมัน"
