"""Children's work: a minor's item is public only with a guardian's consent, and only a first name goes out."""

import pytest
from django.contrib.auth.models import AnonymousUser

from archive.models import Asset, Item
from tests.factories import add_agent, make_agent, make_child_artwork, make_consent, make_item

pytestmark = pytest.mark.django_db


def public():
    return set(Item.objects.public().values_list("accession_number", flat=True))


def test_a_minors_item_needs_a_standing_guardian_consent_to_be_public(item_viewer):
    consented = make_child_artwork(accession_number="ART-OK")
    make_child_artwork(accession_number="ART-NONE", guardian_consent=False)
    own = make_child_artwork(accession_number="ART-SELF", guardian_consent=False)
    make_consent(own, agent=own.agents.get(), by_guardian=False)  # a child cannot consent for themselves
    withdrawn = make_child_artwork(accession_number="ART-WITHDRAWN", guardian_consent=False)
    make_consent(withdrawn, agent=withdrawn.agents.get(), by_guardian=True, withdrawn_on="2025-01-01")
    assert public() == {"ART-OK"}
    assert set(Item.objects.visible_to(AnonymousUser()).values_list("accession_number", flat=True)) == {"ART-OK"}
    assert Item.objects.visible_to(item_viewer).count() == 4  # curators see what the admin shows them
    assert consented.is_public()


def test_a_guardian_consent_for_one_child_does_not_open_the_item_for_another():
    item = make_child_artwork(accession_number="DUET")
    add_agent(item, make_agent(display_name="နန်း ခမ်း Lao", is_minor=True), role="singer")
    assert public() == set()
    make_consent(item, agent=item.agents.get(display_name="နန်း ခမ်း Lao"), by_guardian=True)
    assert public() == {"DUET"}


def test_a_guardian_consent_must_cover_the_use_asked_for():
    item = make_child_artwork(accession_number="WEB-ONLY", guardian_consent=False)
    make_consent(item, agent=item.agents.get(), by_guardian=True, exhibits=False)
    assert public() == {"WEB-ONLY"}
    assert not Item.objects.public(use="exhibits").exists()


def test_adults_need_no_guardian():
    item = make_item(kind=Item.Kind.MUSIC, accession_number="SONG")
    add_agent(item, make_agent(display_name="ນາງ ແສງ"), role="singer")
    assert public() == {"SONG"}


def test_a_minor_is_named_publicly_by_first_name_or_pseudonym_only():
    child = make_agent(display_name="Mg Aung Ko Ko", is_minor=True, birth_year=2013)
    assert child.public_name() == "Mg"
    child.minor_public_name = "อ่อง"
    assert child.public_name() == "อ่อง"
    pseudonymous = make_agent(display_name="ดาวน้อย", is_minor=True, is_pseudonym=True)
    assert pseudonymous.public_name() == "ดาวน้อย"
    adult = make_agent(display_name="ນາງ ແສງ ດາວ")
    assert adult.public_name() == "ນາງ ແສງ ດາວ"


def test_pictures_of_a_minors_item_leave_its_page_only_when_the_consent_covers_them(item_viewer):
    make_child_artwork(accession_number="COVERED", covers_pictures=True)
    make_child_artwork(accession_number="NOT-COVERED")
    make_item(accession_number="ADULT")
    in_lists = Asset.objects.public().shown_in_lists(None)
    assert set(in_lists.values_list("item__accession_number", flat=True)) == {"COVERED"}
    assert Asset.objects.public().count() == 2  # the item page still shows the work itself
    assert Asset.objects.shown_in_lists(item_viewer).count() == 2
    flags = dict(Item.objects.public().with_list_pictures().values_list("accession_number", "pictures_in_lists"))
    assert flags == {"COVERED": True, "NOT-COVERED": False, "ADULT": True}
