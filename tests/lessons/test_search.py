"""Lesson kits in search: public kits are found by a word inside unspaced Thai; drafts and teachers' kits never."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lessons.models import Kit
from search.service import search_run
from search.upkeep import search_index_sync
from tests.factories import make_item, make_kit
from tests.search.conftest import engine  # noqa: F401 (a fixture: the test runs on Whoosh and on Xapian)

pytestmark = pytest.mark.django_db

TITLE = "แรงงานข้ามชาติบนเรือประมง"  # migrant workers on fishing boats, written as Thai is: without spaces


def found(q, **kwargs):
    return {hit.object.slug for hit in search_run(q=q, **kwargs).hits if isinstance(hit.object, Kit)}


@pytest.mark.usefixtures("engine")
def test_a_thai_word_inside_an_unspaced_kit_title_finds_the_kit(client):
    make_kit(make_item(), title="Fishing crews", title_th=TITLE, slug="crews",
                   vocabulary_th="ลูกเรือ — คนที่ทำงานบนเรือ")
    search_index_sync()
    assert found("ประมง") == {"crews"} and found("ลูกเรือ") == {"crews"}
    html = client.get("/th/search/", {"q": "ประมง"}).content.decode()
    assert 'href="/th/lessons/crews/"' in html and "<mark>ประมง</mark>" in html and "hit-kit" in html


@pytest.mark.usefixtures("engine")
def test_drafts_teachers_kits_and_kits_published_for_later_are_not_found(django_user_model):
    teacher = django_user_model.objects.create_user("kru")
    make_kit(title_th=TITLE, slug="draft", status=Kit.Status.DRAFT)
    make_kit(title_th=TITLE, slug="teachers", owner=teacher, status=Kit.Status.DRAFT)
    make_kit(title_th=TITLE, slug="teachers-published", owner=teacher)
    make_kit(title_th=TITLE, slug="later", published_at=timezone.now() + timedelta(days=1))
    make_kit(title_th=TITLE, slug="public")
    search_index_sync()
    assert found("ประมง") == {"public"}


def test_a_saved_kit_reaches_the_index_and_leaves_it_when_it_goes_back_to_draft(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kit = make_kit(title_th=TITLE, slug="crews")
    results = search_run(q="ประมง", filters={"kind": ["kit"]})
    assert [hit.object for hit in results.hits] == [kit]
    kinds = {value.value: value.label for facet in results.facets if facet.name == "kind" for value in facet.values}
    assert kinds == {"kit": "lesson kit"}
    kit.status = Kit.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        kit.save()
    assert found("ประมง") == set()
