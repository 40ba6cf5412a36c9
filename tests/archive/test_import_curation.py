"""The curation columns: consent (creating consent records), place coordinates (private to the admin, rounded on
public maps) and a staff note; the export writes them back."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from archive.exporting import items_export
from archive.importing import items_import
from archive.models import Agent, ConsentRecord, Item, Place
from exhibits.maps import public_pins
from tests.factories import grant, make_consent, make_item, make_place

from .test_spreadsheet import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["accession_number", "kind", "status", "title", "title_my", "access", "places", "consent", "staff_note"]
NOTE = "ถามลูกสาวของผู้เล่าก่อนเผยแพร่ / ask the narrator's daughter before publishing"


def row(accession="OH-1", *, places="", consent="", note="", kind="oral_history"):
    return [accession, kind, "published", "Crossing the river", "မြစ်ကူးခြင်း", "public", places, consent, note]


def test_consent_cells_become_consent_records_and_the_item_is_public(tmp_path):
    path = write_csv(tmp_path, [
        row(consent="နော်ဝါ: public web, exhibits, classroom (2024-03-01)", note=NOTE),
        row("OH-2", consent="ນາງ ແກ້ວ: public_web (2024-05-05, withdrawn 2025-01-01); Somchai: research (2023-01-10)"),
    ], header=HEADER)

    checked = items_import(path=path, dry_run=True)
    assert checked.ok
    assert [(hidden.accession_number, hidden.reasons) for hidden in checked.hidden] == [("OH-2", [
        "ນາງ ແກ້ວ withdrew consent on 2025-01-01",
        "the consent of Somchai leaves out the public website",
        "an oral history needs a standing consent to public web use, and it has none"])]

    assert items_import(path=path).ok
    item = Item.objects.get(accession_number="OH-1")
    narrator = item.consents.get(agent__display_name="နော်ဝါ")
    assert narrator.uses() == ["public_web", "exhibits", "classroom"] and narrator.given_on == date(2024, 3, 1)
    withdrawn = ConsentRecord.objects.get(agent__display_name="ນາງ ແກ້ວ")
    assert withdrawn.uses() == ["public_web"] and withdrawn.withdrawn_on == date(2025, 1, 1)
    assert ConsentRecord.objects.get(agent__display_name="Somchai").uses() == ["research"]
    assert item.staff_note == NOTE
    assert set(Item.objects.public().values_list("accession_number", flat=True)) == {"OH-1"}


def test_an_import_updates_uses_but_never_takes_back_a_withdrawal(tmp_path):
    item = make_item(accession_number="OH-1", kind="oral_history")
    narrator = Agent.objects.create(display_name="နော်ဝါ")
    make_consent(item, agent=narrator, given_on=date(2024, 3, 1), withdrawn_on=date(2025, 6, 1))
    path = write_csv(tmp_path, [row(consent="နော်ဝါ: public web, research (2024-03-01)")], header=HEADER)

    report = items_import(path=path)

    assert report.ok and report.hidden[0].reasons[0] == "နော်ဝါ withdrew consent on 2025-06-01"
    record = ConsentRecord.objects.get()
    assert record.uses() == ["public_web", "research"] and record.withdrawn_on == date(2025, 6, 1)
    assert not item.is_public()


@pytest.mark.parametrize("cell, reason", [
    ("Ko Min public web (2024-03-01)", "is not “Name: uses (YYYY-MM-DD)”"),
    ("Ko Min: radio (2024-03-01)", "unknown use “radio”"),
    ("Ko Min: (2024-03-01)", "names no use"),
    ("Ko Min: research (1/3/2024)", "is not a day written YYYY-MM-DD"),
    ("Ko Min: research (2024-02-30)", "is not a day of the calendar"),
    ("Ko Min: research (2024-03-01, withdrawn 2023-01-01)", "withdrawn before it was given"),
    ("Ko Min: research (2024-03-01, revoked 2025-01-01)", "write only “withdrawn YYYY-MM-DD”"),
])
def test_each_bad_consent_cell_is_reported(tmp_path, cell, reason):
    report = items_import(path=write_csv(tmp_path, [row(consent=cell)], header=HEADER))
    assert not report.ok and [(error.line, error.column) for error in report.errors] == [(2, "consent")]
    assert reason in report.errors[0].reason
    assert Item.objects.count() == 0 and ConsentRecord.objects.count() == 0


def test_coordinates_go_on_the_place_and_public_maps_round_them(tmp_path, settings):
    settings.ARCHIVE_MAP_PRECISION = 1
    path = write_csv(tmp_path, [row(places="Thailand > Samut Sakhon > Mahachai > ท่าเรือ @13.547512,100.274388; "
                                           "Myanmar", consent="နော်ဝါ: public web (2024-03-01)")], header=HEADER)

    assert items_import(path=path).ok

    pier = Place.objects.get(name="ท่าเรือ")
    assert (pier.latitude, pier.longitude) == (Decimal("13.547512"), Decimal("100.274388"))
    assert not pier.show_precisely and Place.objects.get(name="Myanmar").latitude is None
    make_place("Thailand > Samut Sakhon > Mahachai")  # the district, without a position of its own
    pins = public_pins([pier])
    assert [(pin.latitude, pin.longitude) for pin in pins] == [(13.5, 100.3)]


@pytest.mark.parametrize("cell, reason", [
    ("Thailand @95,100", "latitude is between -90 and 90"),
    ("Thailand @13.5", "write coordinates as @latitude,longitude"),
    ("Thailand @north,east", "write coordinates as @latitude,longitude"),
    ("Thailand @13.12345678,100", "at most six decimal places"),
    ("Thailand @nan,100", "write coordinates as @latitude,longitude"),
])
def test_each_bad_position_is_reported(tmp_path, cell, reason):
    report = items_import(path=write_csv(tmp_path, [row(places=cell)], header=HEADER))
    assert not report.ok and reason in report.errors[0].reason and report.errors[0].column == "places"
    assert Place.objects.count() == 0


def test_moving_a_place_that_exists_needs_the_permission_to_change_places(tmp_path, django_user_model):
    make_place("Thailand > Tak")
    cataloguer = grant(django_user_model.objects.create_user("cataloguer", is_staff=True),
                       "archive.add_item", "archive.add_place", "archive.add_agent", "archive.add_consentrecord")
    path = write_csv(tmp_path, [row(places="Thailand > Tak @16.88,99.12", consent="Ko Min: research (2024-01-01)"),
                                row("OH-2", places="Thailand > Tak > Mae Sot @16.71,98.57")], header=HEADER)

    report = items_import(path=path, by=cataloguer)

    assert [(problem.kind, problem.lines) for problem in report.permission_problems] == [("place_change", [2])]
    assert Item.objects.count() == 0 and ConsentRecord.objects.count() == 0
    cataloguer = grant(cataloguer, "archive.change_place")
    assert items_import(path=path, by=cataloguer).ok
    assert Place.objects.get(name="Mae Sot").latitude == Decimal("16.71")


def test_recording_consent_needs_its_permission(tmp_path, django_user_model):
    cataloguer = grant(django_user_model.objects.create_user("cataloguer", is_staff=True),
                       "archive.add_item", "archive.add_agent")
    report = items_import(path=write_csv(tmp_path, [row(consent="Ko Min: research (2024-01-01)")], header=HEADER),
                          by=cataloguer)
    assert [problem.kind for problem in report.permission_problems] == ["consent"]
    assert "archive.add_consentrecord" in str(report.permission_problems[0])


def test_export_writes_the_curation_columns_back_and_the_round_trip_is_exact(tmp_path):
    item = make_item(accession_number="RT-1", kind="oral_history", staff_note=NOTE)
    item.places.add(Place.objects.create(name="ສະຫວັນນະເຂດ", latitude=Decimal("16.55"), longitude=Decimal("104.75")))
    make_consent(item, agent=Agent.objects.create(display_name="នារី"), classroom=False, given_on=date(2024, 3, 1))
    make_consent(item, agent=Agent.objects.create(display_name="Ko Min"), exhibits=False, research=False,
                 classroom=False, given_on=date(2022, 1, 1), withdrawn_on=date(2023, 1, 1))
    first = tmp_path / "first.csv"
    items_export(out=first)
    text = first.read_text(encoding="utf-8-sig")
    assert "ສະຫວັນນະເຂດ @16.55,104.75" in text and NOTE in text
    assert "Ko Min: public web (2022-01-01, withdrawn 2023-01-01); នារី: public web, exhibits, research (2024-03-01)" \
        in text

    assert items_import(path=first).unchanged == 1
    Item.objects.all().delete()
    Place.objects.all().delete()
    assert items_import(path=first).created == 1
    second = tmp_path / "second.csv"
    items_export(out=second)
    assert second.read_bytes() == first.read_bytes()


def test_the_staff_note_stays_off_public_pages(tmp_path, client):
    make_consent(make_item(accession_number="OH-1", kind="oral_history", staff_note=NOTE))
    call_command("rebuild_index", interactive=False, verbosity=0)
    for url in ("/items/OH-1/", "/th/items/OH-1/", "/api/items/OH-1/", "/oai/?verb=ListRecords&metadataPrefix=oai_dc"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "OH-1" in response.content.decode() and "ลูกสาว" not in response.content.decode(), url
    assert "/items/OH-1/" not in client.get("/search/?q=ลูกสาว").content.decode()


def test_a_bad_cell_is_explained_in_the_curators_language(tmp_path):
    from django.utils import translation

    path = write_csv(tmp_path, [row(consent="Ko Min: radio (2024-03-01)"), row("OH-1", places="Laos @91,100")],
                     header=HEADER)
    with translation.override("lo"):
        report = items_import(path=path)
        summary = report.summary()
    assert [error.reason for error in report.errors] == [
        "ການຍິນຍອມ “Ko Min: radio (2024-03-01)”: ບໍ່ຮູ້ຈັກການໃຊ້ “radio”; ການໃຊ້ແມ່ນ public web, exhibits, "
        "classroom, research",
        "ສະຖານທີ່ “Laos @91,100”: ລະຕິຈູດຢູ່ລະຫວ່າງ -90 ຫາ 90, ລອງຈິຈູດລະຫວ່າງ -180 ຫາ 180",
        "ເລກທະບຽນຊ້ຳ “OH-1”: ມີຢູ່ແຖວ 2 ນຳ",
    ]
    assert summary == "3 ບັນຫາ; ບໍ່ມີຫຍັງຖືກນຳເຂົ້າ."


@pytest.mark.parametrize("language, expected", [
    ("my", "စာကြောင်း 2၊ ကော်လံ access: မသိသော ဝင်ရောက်ခွင့် “secret”"),
    ("km", "បន្ទាត់ 2 ជួរឈរ access: មិនស្គាល់ការចូលប្រើ “secret” ទេ"),
    ("lo", "ແຖວ 2, ຖັນ access: ບໍ່ຮູ້ຈັກການເຂົ້າເຖິງ “secret”"),
])
def test_a_bad_cell_of_the_older_columns_is_explained_in_the_curators_language(tmp_path, language, expected):
    sheet = tmp_path / "items.csv"
    sheet.write_text("accession_number,kind,title,access,date\nL-1,photograph,Rice,secret,2019-13-45\n",
                     encoding="utf-8")
    with translation.override(language):
        report = items_import(path=sheet, dry_run=True)
        problems = [str(error) for error in report.errors]
    assert any(problem.startswith(expected) for problem in problems), problems
    assert not any("unknown access" in problem or "invalid date" in problem for problem in problems), problems
