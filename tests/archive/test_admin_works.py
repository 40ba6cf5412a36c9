"""A curator catalogues a child's performance in the admin: kind, tradition, performers with parts, the minor's
details and the guardian's consent; and adds a tradition to the controlled list."""

import pytest

from archive.models import Agent, ChangeRecord, ConsentRecord, Item, Tradition
from tests.archive.admin_forms import form_data

pytestmark = pytest.mark.django_db


def test_a_performance_by_a_child_with_a_guardians_consent(curator):
    child = Agent.objects.create(display_name="Naw Paw Htoo", is_minor=True, birth_year=2015,
                                 minor_public_name="Naw Paw")
    page = curator.get("/admin/archive/item/add/")
    text = page.content.decode()
    assert "Music and performance: tradition and occasion" in text and 'name="medium_my"' in text
    data = form_data(page, "item_form")
    data.update({
        "accession_number": "PERF-2026-001", "kind": "performance", "status": "published",
        "original_language": "my", "title": "Don dance", "title_my": "ဒုံးအက", "rights": Item.Rights.NOT_EVALUATED,
        "access": "public", "date": "2026-04-13", "tradition": Tradition.objects.get(slug="karen").pk,
        "occasion": "Songkran", "occasion_my": "သင်္ကြန်",
        "item_agents-0-role": "dancer", "item_agents-0-agent": child.pk, "item_agents-0-part": "lead dancer",
        "item_agents-0-position": "0",
        "consents-TOTAL_FORMS": "1", "consents-0-agent": child.pk, "consents-0-public_web": "on",
        "consents-0-exhibits": "on", "consents-0-by_guardian": "on", "consents-0-given_on": "2026-04-13",
    })
    response = curator.post("/admin/archive/item/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    item = Item.objects.get(accession_number="PERF-2026-001")
    assert item.tradition.slug == "karen" and item.display_occasion("my") == "သင်္ကြန်"
    assert item.item_agents.get().part == "lead dancer"
    assert ConsentRecord.objects.get(item=item).by_guardian
    assert item.is_public()


def test_the_agent_form_keeps_a_minors_details_with_the_staff_only_ones(curator):
    child = Agent.objects.create(display_name="Naw Paw Htoo")
    page = curator.get(f"/admin/archive/agent/{child.pk}/change/")
    staff_only = page.content.decode().split("staff-only", 1)[1]
    assert 'name="birth_year"' in staff_only and 'name="is_minor"' in staff_only
    data = form_data(page, "agent_form")
    data.update({"is_minor": "on", "birth_year": "2015", "minor_public_name": "Naw Paw"})
    assert curator.post(f"/admin/archive/agent/{child.pk}/change/", data).status_code == 302
    child.refresh_from_db()
    assert child.is_minor and child.birth_year == 2015 and child.public_name() == "Naw Paw"


def test_the_foundation_extends_the_traditions(curator):
    page = curator.get("/admin/archive/tradition/add/")
    data = form_data(page, "tradition_form")
    data.update({"slug": "pa-o", "title": "Pa'O", "title_th": "ปะโอ", "title_my": "ပအိုဝ်း", "title_km": "ប៉ាអូ",
                 "title_lo": "ປະໂອ"})
    assert curator.post("/admin/archive/tradition/add/", data).status_code == 302
    assert Tradition.objects.get(slug="pa-o").display_title("my") == "ပအိုဝ်း"
    assert ChangeRecord.objects.filter(model="archive.tradition", action="create", source="admin").exists()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"birth_year": "14"}, "birth_year", "A year of birth between 1900 and"),
    ({"birth_year": "2999"}, "birth_year", "A year of birth between 1900 and"),
    ({"minor_public_name": "naw paw htoo"}, "minor_public_name", "This is the full display name"),
])
def test_a_minors_details_are_checked_with_a_clear_message(curator, changes, field, message):
    child = Agent.objects.create(display_name="Naw Paw Htoo")
    page = curator.get(f"/admin/archive/agent/{child.pk}/change/")
    data = {**form_data(page, "agent_form"), "is_minor": "on", **changes}
    response = curator.post(f"/admin/archive/agent/{child.pk}/change/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    child.refresh_from_db()
    assert not child.is_minor  # nothing saved


def test_only_a_guardians_consent_covers_pictures_in_lists():
    from django.core.exceptions import ValidationError

    from tests.factories import make_agent, make_item

    consent = ConsentRecord(item=make_item(), agent=make_agent(is_minor=True), public_web=True,
                            covers_pictures_in_lists=True)
    with pytest.raises(ValidationError, match="Only a consent given by a parent or guardian"):
        consent.full_clean()
    consent.by_guardian = True
    consent.full_clean()
