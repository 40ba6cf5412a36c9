from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from archive.models import Item
from tests.factories import make_consent, make_item

pytestmark = pytest.mark.django_db


def visible(user, **today):
    return set(Item.objects.visible_to(user, **today).values_list("accession_number", flat=True))


def test_each_access_level_for_each_kind_of_visitor(staff_user, registered_user, reader, volunteer, item_viewer):
    make_item(accession_number="PUB", access="public")
    make_item(accession_number="REG", access="registered")
    make_item(accession_number="STAFF", access="staff")
    make_item(accession_number="EMB", access="embargoed", embargo_until=timezone.localdate() + timedelta(days=30))

    assert visible(AnonymousUser()) == {"PUB"}
    assert visible(None) == {"PUB"}
    assert visible(reader) == {"PUB"}  # an account anyone can make opens nothing
    assert visible(registered_user) == {"PUB", "REG"}
    assert visible(volunteer) == {"PUB"}  # staff status without permission to view items opens nothing
    assert visible(item_viewer) == {"PUB", "REG", "STAFF", "EMB"}
    assert visible(staff_user) == {"PUB", "REG", "STAFF", "EMB"}


def test_the_researchers_group_holds_the_registered_permission(django_user_model):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Researchers")
    assert [p.codename for p in group.permissions.all()] == ["view_registered_item"]
    user = django_user_model.objects.create_user("new-researcher")
    user.groups.add(group)
    make_item(accession_number="REG", access="registered")
    assert visible(django_user_model.objects.get(pk=user.pk)) == {"REG"}


def test_object_method_agrees_with_queryset(staff_user, registered_user):
    item = make_item(access="registered")
    assert not item.is_visible_to(AnonymousUser())
    assert item.is_visible_to(registered_user)
    assert item.is_visible_to(staff_user)
    assert not item.is_public()


def test_embargo_lifts_by_itself_on_its_date():
    item = make_item(access="embargoed", embargo_until=date(2030, 6, 1))
    assert not item.is_public(today=date(2030, 5, 31))
    assert item.is_public(today=date(2030, 6, 1))
    assert set(Item.objects.public(today=date(2030, 6, 2))) == {item}


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_unpublished_items_are_staff_only(status, staff_user, registered_user):
    item = make_item(status=status)
    assert not item.is_visible_to(AnonymousUser())
    assert not item.is_visible_to(registered_user)
    assert item.is_visible_to(staff_user)


def test_withdrawn_consent_hides_the_item_from_everyone_but_staff(staff_user, registered_user):
    item = make_item(kind="photograph")
    consent = make_consent(item)
    assert item.is_public()
    consent.withdrawn_on = timezone.localdate()
    consent.save()
    assert not item.is_public()
    assert not item.is_visible_to(registered_user)
    assert item.is_visible_to(staff_user)


def test_consent_that_leaves_out_a_use_hides_the_item_for_that_use():
    item = make_item()
    make_consent(item, public_web=True, classroom=False)
    assert Item.objects.public().filter(pk=item.pk).exists()
    assert not Item.objects.public(use="classroom").filter(pk=item.pk).exists()


def test_oral_history_needs_a_standing_consent_for_public_web():
    item = make_item(kind="oral_history")
    assert not item.is_public()
    make_consent(item, public_web=False)
    assert not item.is_public()
    other = make_item(kind="oral_history")
    make_consent(other, public_web=True)
    assert other.is_public()


def test_one_narrator_withdrawing_hides_an_item_others_consented_to():
    item = make_item(kind="oral_history")
    make_consent(item)
    make_consent(item, withdrawn_on=timezone.localdate())
    assert not item.is_public()


def test_unknown_consent_use_is_an_error():
    with pytest.raises(ValueError, match="unknown consent use"):
        Item.objects.public(use="advertising")


def test_inactive_user_is_treated_as_the_public(django_user_model):
    user = django_user_model.objects.create_user("gone", password="pw", is_staff=True, is_superuser=True,
                                                 is_active=False)
    make_item(access="registered")
    make_item(access="staff")
    make_item(accession_number="OPEN", access="public")
    assert visible(user) == {"OPEN"}


def test_files_follow_their_item_and_a_withheld_recording_is_staff_only(staff_user):
    from archive.models import Asset

    public_item = make_item(kind="film")
    hidden_item = make_item(kind="film", access="staff")
    shown = Asset.objects.create(item=public_item, kind="video")
    withheld = Asset.objects.create(item=public_item, kind="video", withheld=True)
    of_hidden = Asset.objects.create(item=hidden_item, kind="video")
    assert set(Asset.objects.public()) == {shown}
    assert not withheld.is_visible_to(AnonymousUser())
    assert not of_hidden.is_visible_to(AnonymousUser())
    assert set(Asset.objects.visible_to(staff_user)) == {shown, withheld, of_hidden}


def test_files_need_permission_to_view_items_not_staff_status(volunteer, item_viewer):
    from archive.models import Asset

    public_item = make_item(kind="film")
    shown = Asset.objects.create(item=public_item, kind="video")
    withheld = Asset.objects.create(item=public_item, kind="video", withheld=True)
    of_hidden = Asset.objects.create(item=make_item(kind="film", status="draft"), kind="video")
    assert set(Asset.objects.visible_to(volunteer)) == {shown}
    assert set(Asset.objects.visible_to(item_viewer)) == {shown, withheld, of_hidden}


def test_exhibit_use_on_the_site_also_needs_public_web_consent():
    item = make_item()
    make_consent(item, public_web=False, exhibits=True)
    assert not Item.objects.visible_to(None, use="exhibits").filter(pk=item.pk).exists()
    both = make_item()
    make_consent(both, public_web=True, exhibits=True)
    assert Item.objects.visible_to(None, use="exhibits").filter(pk=both.pk).exists()
