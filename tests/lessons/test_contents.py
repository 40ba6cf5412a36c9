"""The classroom rule: a kit shows a source only when anyone may see it for classroom use."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Asset, Item
from exhibits.models import Exhibit
from lessons.contents import kit_contents
from lessons.models import Kit, KitSource
from tests.factories import grant, make_consent, make_item, make_kit, make_oral_history, make_recording

pytestmark = pytest.mark.django_db


def shown(kit):
    contents = kit_contents(kit)
    return [source.item or source.exhibit for source in contents.sources], contents.removed


def test_a_source_whose_consent_leaves_out_the_classroom_drops_out_and_is_counted():
    kept, refused = make_item(title="Nets"), make_item(title="Harbour")
    make_consent(refused, classroom=False)
    assert shown(make_kit(kept, refused)) == ([kept], 1)


def test_withdrawn_consent_hidden_items_and_unpublished_items_drop_out():
    withdrawn, staff_only, draft = make_item(), make_item(access="staff"), make_item(status=Item.Status.DRAFT)
    make_consent(withdrawn, withdrawn_on=date(2025, 1, 1))
    assert shown(make_kit(withdrawn, staff_only, draft)) == ([], 3)


def test_an_item_hidden_after_the_kit_was_made_drops_out():
    item = make_item()
    kit = make_kit(item)
    assert shown(kit) == ([item], 0)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)
    assert shown(kit) == ([], 1)


def test_a_curator_gets_the_kit_the_class_gets(django_user_model):
    curator = grant(django_user_model.objects.create_user("curator"), "archive.view_item")
    hidden = make_item(access="staff")
    assert Item.objects.visible_to(curator).filter(pk=hidden.pk).exists()
    assert shown(make_kit(hidden)) == ([], 1)


def test_a_clip_needs_a_recording_the_public_may_play():
    interview = make_oral_history()
    recording = make_recording(interview, kind=Asset.Kind.AUDIO)
    silent = make_oral_history()
    kit = make_kit((interview, Decimal("3"), Decimal("9.5")), (silent, Decimal("0"), Decimal("4")))
    assert shown(kit) == ([interview], 1)
    assert kit_contents(kit).sources[0].fragment == "#t=3,9.5"
    Asset.objects.filter(pk=recording.pk).update(withheld=True)
    assert shown(kit) == ([], 2)


def test_exhibits_show_when_public():
    now = timezone.now()
    public = Exhibit.objects.create(slug="boats", title="Boats", status=Exhibit.Status.PUBLISHED, published_at=now)
    draft = Exhibit.objects.create(slug="draft", title="Draft")
    assert shown(make_kit(public, draft)) == ([public], 1)


def test_contents_take_a_fixed_number_of_queries():
    few = make_kit(make_item(), make_oral_history())
    many = make_kit(*[make_item() for _ in range(8)], make_oral_history())
    counts = []
    for kit in (few, many):
        kit = Kit.objects.get(pk=kit.pk)
        with CaptureQueriesContext(connection) as queries:
            kit_contents(kit)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_clip_must_end_after_it_starts():
    item = make_item(kind=Item.Kind.FILM)
    kit = make_kit()
    source = KitSource(kit=kit, kind=KitSource.Kind.CLIP, item=item, clip_start=Decimal("10"),
                       clip_end=Decimal("4"))
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "clip_end" in error.value.message_dict


def test_a_kit_needs_a_title_in_some_language_and_knows_its_languages():
    kit = Kit(slug="k", age_band=Kit.AgeBand.ADULT, subject_area=Kit.Subject.HISTORY)
    with pytest.raises(ValidationError):
        kit.full_clean()
    kit = make_kit(title="", title_th="แรงงานประมง", title_my="ငါးဖမ်းလုပ်သား")
    assert kit.languages() == ["th", "my"]
    assert list(Kit.objects.written_in("my")) == [kit] and not Kit.objects.written_in("en").exists()


def test_only_published_kits_of_the_archive_are_public(django_user_model):
    teacher = django_user_model.objects.create_user("teacher")
    published = make_kit()
    make_kit(status=Kit.Status.DRAFT)
    make_kit(owner=teacher)
    make_kit(published_at=timezone.now() + timedelta(days=2))
    assert list(Kit.objects.public()) == [published]
    assert [kit for kit in Kit.objects.all() if kit.is_public()] == [published]


def test_the_archives_kits_need_an_age_band_and_subject_and_a_teachers_may_wait(django_user_model):
    archive_kit = Kit(slug="k", title="Nets", age_band="", subject_area="")
    with pytest.raises(ValidationError) as error:
        archive_kit.full_clean()
    assert set(error.value.message_dict) == {"age_band", "subject_area"}
    teachers = Kit(slug="t", title="Nets", owner=django_user_model.objects.create_user("teacher"))
    teachers.full_clean()


@pytest.mark.parametrize("slug", ["mine", "shared"])
def test_a_kit_cannot_take_the_address_of_a_lesson_page(slug):
    kit = Kit(slug=slug, title="Nets", age_band=Kit.AgeBand.ADULT, subject_area=Kit.Subject.HISTORY)
    with pytest.raises(ValidationError) as error:
        kit.full_clean()
    assert "slug" in error.value.message_dict
