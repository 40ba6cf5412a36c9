"""One way to keep the index in step: the marks of a transaction are handed to one task after it commits."""

import pytest
from django.db import transaction
from django_tasks.signals import task_enqueued

from archive.importing import items_import
from archive.models import Item
from search.service import search_run
from search.upkeep import search_stop_tracking, search_track_changes
from tests.archive.test_spreadsheet import good_row, write_csv
from tests.factories import make_item, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    """The names of the tasks enqueued while the test runs."""
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record, weak=False, dispatch_uid="test-enqueued")
    yield names
    task_enqueued.disconnect(dispatch_uid="test-enqueued")


def found(query):
    return sorted(hit.object.pk for hit in search_run(q=query, filters={}, per_page=100).hits)


def test_fifty_items_saved_in_one_transaction_enqueue_one_task(django_capture_on_commit_callbacks, enqueued):
    place = make_place("มหาชัย")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            items = [make_item(title_th=f"เรือประมงลำที่ {n}") for n in range(50)]
            for item in items:
                item.places.add(place)
            Item.objects.filter(pk__in=[item.pk for item in items[:10]]).update(title="ဖမ်းဆီးရေး")
    assert enqueued == ["search_index_update"]
    assert found("ประมง") == sorted(item.pk for item in items)
    assert found("มหาชัย") == sorted(item.pk for item in items)


def test_a_transaction_that_rolls_back_enqueues_nothing_and_its_rows_are_not_found(
        django_capture_on_commit_callbacks, enqueued):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            make_item(title_th="เรือที่จม")
            raise RuntimeError("rolled back")
        with transaction.atomic():
            kept = make_item(title_th="เรือประมงที่กลับมา")
    assert enqueued == ["search_index_update"]
    assert found("เรือ") == [kept.pk]


def test_without_tracking_nothing_is_marked(django_capture_on_commit_callbacks, enqueued):
    search_stop_tracking()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            make_item(title_th="เรือประมง")
    finally:
        search_track_changes()
    assert enqueued == []
    assert found("ประมง") == []


def test_the_marks_of_a_transaction_wait_in_one_callback_however_many_saves_make_them(
        django_capture_on_commit_callbacks, enqueued):
    place = make_place("มหาชัย")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            connection = transaction.get_connection()
            make_item(title_th="เรือประมงลำแรก").places.add(place)
            after_one = len(connection.run_on_commit)
            items = [make_item(title_th=f"เรือประมงลำที่ {n}") for n in range(60)]
            for item in items:
                item.places.add(place)
            assert len(connection.run_on_commit) == after_one <= 2, "Django holds a fixed number of callbacks"
    assert enqueued == ["search_index_update"]
    assert len(found("มหาชัย")) == 61


def test_a_savepoint_rolled_back_after_the_first_mark_loses_no_later_mark(
        django_capture_on_commit_callbacks, enqueued):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            with pytest.raises(RuntimeError), transaction.atomic():
                make_item(title_th="เรือที่จม")  # the first mark, made in the savepoint that rolls back
                raise RuntimeError("rolled back")
            kept = make_item(title_th="เรือประมงที่กลับมา")
            with transaction.atomic():
                also = make_item(title_th="เรือประมงลำที่สอง")
    assert enqueued == ["search_index_update"]
    assert found("เรือ") == sorted([kept.pk, also.pk])


def test_imported_items_are_searchable_after_the_import(tmp_path, django_capture_on_commit_callbacks, enqueued):
    rows = [good_row(accession_number=f"IMP-{n}", kind="photograph", title=f"Net mender {n}",
                     title_th=f"ช่างซ่อมอวน {n}", places="Thailand > มหาชัย", tags="nets") for n in range(30)]
    rows.append(good_row(accession_number="IMP-STAFF", kind="photograph", title="Net mender, staff only",
                         access="staff"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = items_import(path=write_csv(tmp_path, rows))
    assert report.ok and report.created == 31 and report.hidden_count == 1
    assert enqueued == ["search_index_update"], "one task for the whole import"
    assert len(callbacks) <= 2, "one callback for the search index (and one for OAI-PMH), not one per row"
    public = sorted(Item.objects.exclude(accession_number="IMP-STAFF").values_list("pk", flat=True))
    assert found("ซ่อมอวน") == public
    assert found("มหาชัย") == public
    assert found("mender") == public, "the staff-only item stays out of the index"
