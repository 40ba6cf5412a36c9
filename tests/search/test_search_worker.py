"""Index tasks on real worker processes: the task the commit enqueues runs on the search queue's worker, and
workers running side by side take turns on the index instead of failing on its lock."""

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from archive.models import Item
from search.service import search_run
from search.upkeep import search_index_update
from tests.factories import make_consent, make_item
from tests.workers import wait_until

TITLE = "ရေလုပ်သားများ၏ ဘဝ"  # the lives of fishery workers

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def found(query="ရေလုပ်သား"):
    return [hit.object.pk for hit in search_run(q=query, filters={}).hits]


def test_a_committed_change_is_indexed_by_the_search_worker(task_worker):
    with transaction.atomic():
        item = make_item(title_my=TITLE)
    assert found() == []  # enqueued for the worker, not run here
    task_worker.run_until_idle(["search"])
    assert found() == [item.pk]

    with transaction.atomic():
        make_consent(item, withdrawn_on=timezone.localdate())
    task_worker.run_until_idle(["search"])
    assert found() == []


def test_workers_side_by_side_take_turns_on_the_index(task_worker):
    items = Item.objects.bulk_create([
        Item(kind="photograph", accession_number=f"W-{n:03d}", title=f"Photo {n}", title_my=TITLE,
             status="published", access="public") for n in range(24)])
    results = [search_index_update.enqueue({"archive.item": [item.pk]}) for item in items]

    def all_finished():
        for result in results:
            result.refresh()
        return all(result.is_finished for result in results)

    with task_worker.start(["search"]) as first, task_worker.start(["search"]) as second:
        wait_until(all_finished, timeout=120, message="both workers to run every index task")
        failures = [error.traceback for result in results for error in result.errors]
        assert failures == [], f"{failures}\n{first.output()}\n{second.output()}"
    assert all(result.status == TaskResultStatus.SUCCESSFUL for result in results)
    assert len(search_run(q="ရေလုပ်သား", filters={}, per_page=50).hits) == 24
