import pytest
from django.core.exceptions import ValidationError

from archive.history import acting_as
from archive.models import ChangeRecord, Item, Language
from tests.factories import make_item, make_place

pytestmark = pytest.mark.django_db


def test_title_falls_back_to_original_language_then_english():
    item = make_item(title="Boat", title_th="เรือ", title_my="လှေ", original_language="th")
    assert item.display_title("th") == "เรือ"
    assert item.display_title("my") == "လှေ"
    assert item.display_title("km") == "เรือ"  # no Khmer title: the original Thai
    item.original_language = "en"
    assert item.display_title("lo") == "Boat"


def test_title_falls_back_to_any_language_when_english_is_missing():
    item = make_item(title="", title_km="ទូក", original_language="km")
    assert item.display_title("en") == "ទូក"


def test_date_bounds_are_stored_on_save():
    item = make_item(date="199X")
    item.refresh_from_db()
    assert (item.date_lower.isoformat(), item.date_upper.isoformat()) == ("1990-01-01", "1999-12-31")
    item.date = ""
    item.save()
    item.refresh_from_db()
    assert item.date_lower is None


def test_clean_reports_bad_date_and_embargo_without_date():
    item = Item(kind="film", accession_number="X-1", title="t", date="1995-13", access="embargoed")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert set(error.value.message_dict) == {"date", "embargo_until"}


def test_languages_accept_iso_639_3_and_refuse_unknown_codes():
    assert Language.for_code("SHN").name == "Shan"
    assert Language.for_code("kar").name == "Karen languages"
    with pytest.raises(ValidationError):
        Language.for_code("xx1")
    with pytest.raises(ValidationError):
        Language.for_code("zzz")


def test_place_path():
    place = make_place("Thailand > Samut Sakhon > Mueang Samut Sakhon")
    assert place.path() == "Thailand > Samut Sakhon > Mueang Samut Sakhon"


def test_every_change_is_kept_with_who_and_the_earlier_value(staff_user):
    with acting_as(staff_user, "admin"):
        item = make_item(title="Old title", access="public")
        item = Item.objects.get(pk=item.pk)
        item.title = "ชื่อใหม่"
        item.access = "staff"
        item.save()
    records = {r.field: r for r in ChangeRecord.objects.filter(object_id=str(item.pk), action="update")}
    assert set(records) == {"title", "access"}
    assert (records["title"].old_value, records["title"].new_value) == ("Old title", "ชื่อใหม่")
    assert records["access"].user == staff_user
    assert ChangeRecord.objects.filter(object_id=str(item.pk), action="create").count() == 1


def test_saving_without_changes_records_nothing():
    item = make_item()
    before = ChangeRecord.objects.count()
    Item.objects.get(pk=item.pk).save()
    assert ChangeRecord.objects.count() == before


def test_deletion_is_recorded():
    item = make_item()
    pk = item.pk
    item.delete()
    assert ChangeRecord.objects.filter(object_id=str(pk), action="delete").exists()
