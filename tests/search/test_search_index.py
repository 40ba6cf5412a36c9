"""The index holds exactly what the access policy makes public, and follows every change as it commits."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.utils import timezone
from haystack import connections
from whoosh.index import LockError

from archive.models import Item, Language
from exhibits.models import Exhibit
from search.service import search_run
from search.upkeep import search_index_sync, search_indexed
from tests.factories import add_agent, make_agent, make_consent, make_item, make_place, make_subject

WORD = "ประมง"
TITLE = "แรงงานข้ามชาติบนเรือประมง"

pytestmark = pytest.mark.django_db


def found(query=WORD):
    return [hit.object.pk for hit in search_run(q=query, filters={}).hits]


def indexed(model=Item):
    return {int(pk) for pk in search_indexed(model)}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit index tasks of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def public_item(commit):
    with commit():
        item = make_item(title_th=TITLE)
    assert found() == [item.pk]
    return item


def test_rebuild_index_holds_only_public_items():
    today = timezone.localdate()
    public = make_item(title_th=TITLE)
    lifted = make_item(title_th=TITLE, access="embargoed", embargo_until=today)
    hidden = [
        make_item(title_th=TITLE, status=Item.Status.DRAFT),
        make_item(title_th=TITLE, status=Item.Status.IN_REVIEW),
        make_item(title_th=TITLE, status=Item.Status.WITHDRAWN),
        make_item(title_th=TITLE, access="staff"),
        make_item(title_th=TITLE, access="registered"),
        make_item(title_th=TITLE, access="embargoed", embargo_until=today + datetime.timedelta(days=1)),
        make_item(title_th=TITLE, kind=Item.Kind.ORAL_HISTORY),  # a narrator's voice needs consent
    ]
    withdrawn = make_item(title_th=TITLE)
    make_consent(withdrawn, withdrawn_on=today)
    hidden.append(withdrawn)

    call_command("rebuild_index", interactive=False, verbosity=0)

    assert indexed() == {public.pk, lifted.pk}
    assert sorted(found()) == sorted([public.pk, lifted.pk])


def test_rebuild_index_replaces_a_stale_index(commit):
    with commit():
        item = make_item(title_th=TITLE)
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)  # no signal: the index is now stale
    assert indexed() == {item.pk}
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert indexed() == set()


def test_a_new_public_item_is_indexed_on_commit(commit):
    with commit() as callbacks:
        item = make_item(title_th=TITLE)
        assert found() == []  # not before the transaction commits
    assert callbacks
    assert found() == [item.pk]


def test_withdrawing_consent_removes_the_item_at_once(public_item, commit):
    with commit():
        consent = make_consent(public_item)
    assert found() == [public_item.pk]
    consent.withdrawn_on = timezone.localdate()
    with commit():
        consent.save()
    assert found() == []
    assert indexed() == set()


def test_consent_that_leaves_out_public_web_removes_the_item(public_item, commit):
    with commit():
        make_consent(public_item, public_web=False)
    assert found() == []


@pytest.mark.parametrize("change", [
    {"access": "staff"},
    {"access": "registered"},
    {"access": "embargoed", "embargo_until": datetime.date(2099, 1, 1)},
    {"status": Item.Status.WITHDRAWN},
    {"status": Item.Status.DRAFT},
])
def test_restricting_embargoing_or_withdrawing_removes_the_item_at_once(public_item, commit, change):
    for name, value in change.items():
        setattr(public_item, name, value)
    with commit():
        public_item.save()
    assert found() == []
    assert indexed() == set()


def test_deleting_an_item_removes_it(public_item, commit):
    with commit():
        public_item.delete()
    assert indexed() == set()


def test_an_embargo_that_lifts_by_date_comes_in_with_search_sync(commit):
    with commit():
        item = make_item(title_th=TITLE, access="embargoed",
                         embargo_until=timezone.localdate() + datetime.timedelta(days=30))
    assert found() == []
    # Time passes: no save announces it.
    Item.objects.filter(pk=item.pk).update(embargo_until=timezone.localdate())
    assert found() == []
    call_command("search_sync", verbosity=0)
    assert found() == [item.pk]


def test_search_sync_removes_what_is_no_longer_public_and_reports(public_item, capsys):
    Item.objects.filter(pk=public_item.pk).update(access="staff")
    call_command("search_sync")
    assert "archive.item: 0 added, 0 rewritten, 1 removed" in capsys.readouterr().out
    assert found() == []
    assert search_index_sync() == {label: (0, 0, 0) for label in search_index_sync()}


def test_search_sync_can_be_enqueued(commit):
    item = make_item(title_th=TITLE)  # created without its on-commit task
    call_command("search_sync", "--enqueue", verbosity=0)  # the immediate backend runs it now
    assert found() == [item.pk]


def test_related_records_are_searchable_and_follow_changes(public_item, commit):
    with commit():
        place = make_place("Thailand > สมุทรสาคร")
        subject = make_subject(title="Fishing", title_my="ငါးဖမ်းခြင်း")
        public_item.places.add(place)
        public_item.subjects.add(subject)
        public_item.tags.add("ท่าเรือ")
        public_item.languages.add(Language.for_code("mya"))
        agent = add_agent(public_item)
    for query in ("สมุทรสาคร", "ငါးဖမ်းခြင်း", "ท่าเรือ", agent.display_name):
        assert found(query) == [public_item.pk], query

    agent.display_name = "ນາງ ແກ້ວ"
    place.name_th = "มหาชัย"
    with commit():
        agent.save()
        place.save()
    assert found("ແກ້ວ") == [public_item.pk]
    assert found("มหาชัย") == [public_item.pk]

    with commit():
        public_item.tags.remove("ท่าเรือ")
        place.items.clear()
    assert found("ท่าเรือ") == []
    assert found("มหาชัย") == []


def test_private_names_of_people_never_reach_the_index(public_item, commit):
    with commit():
        agent = make_agent(display_name="Ko Min", private_name="Aung Kyaw Soe", private_notes="ပဲခူး")
        add_agent(public_item, agent=agent)
    assert found("Min") == [public_item.pk]
    assert found("Kyaw") == []
    assert found("ပဲခူး") == []


def test_exhibits_are_indexed_while_public(commit):
    with commit():
        exhibit = Exhibit.objects.create(slug="boats", title="Boats", title_th="เรือประมง",
                                         summary_my="ရေလုပ်သားများ", status=Exhibit.Status.PUBLISHED,
                                         published_at=timezone.now())
        draft = Exhibit.objects.create(slug="draft", title_th="เรือประมง")
    assert indexed(Exhibit) == {exhibit.pk}
    assert [hit.object for hit in search_run(q="ရေလုပ်သား", filters={}).hits] == [exhibit]

    exhibit.status = Exhibit.Status.DRAFT
    with commit():
        exhibit.save()
    assert indexed(Exhibit) == set()

    # Scheduled: public once its publication time passes, brought in by search_sync.
    Exhibit.objects.filter(pk=draft.pk).update(status=Exhibit.Status.PUBLISHED,
                                              published_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("search_sync", verbosity=0)
    assert indexed(Exhibit) == {draft.pk}


def test_writers_take_turns_on_the_index_lock(whoosh, public_item):
    backend = connections["default"].get_backend()
    other = make_item(title_th=TITLE)
    done = threading.Event()

    def write():
        from haystack import connections as thread_connections

        thread_backend = thread_connections["default"].get_backend()
        index = thread_connections["default"].get_unified_index().get_index(Item)
        thread_backend.update(index, [other])
        done.set()

    with backend.write_lock():
        writer = threading.Thread(target=write)
        writer.start()
        assert not done.wait(0.5)  # waits for the lock holder
    writer.join(timeout=30)
    assert done.is_set()
    assert indexed() == {public_item.pk, other.pk}


def test_a_writer_meeting_whooshs_own_lock_retries(whoosh, public_item):
    backend = connections["default"].get_backend()
    whoosh_writer = backend.index.writer()  # someone else holds Whoosh's lock
    with pytest.raises(LockError):
        backend.index.writer()
    finished = threading.Event()
    thread = threading.Thread(target=lambda: (backend.remove(f"archive.item.{public_item.pk}"),
                                              finished.set()))
    thread.start()
    assert not finished.wait(0.3)
    whoosh_writer.cancel()
    thread.join(timeout=30)
    assert finished.is_set()
    assert indexed() == set()
