"""New rows are written a batch at a time: the same items, lists, people and history as one save at a time, in a
number of queries that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.importing import items_import
from archive.models import Agent, ChangeRecord, Item
from tests.factories import make_item, make_subject

from .test_spreadsheet import good_row, write_csv

pytestmark = pytest.mark.django_db

LISTS = {"places": "Thailand > Samut Sakhon; Myanmar > Mon", "agents": "narrator: Ko Min; interviewer: Ma Aye",
         "subjects": "fishing", "tags": "nets; boats; ประมง", "languages": "tha; mya"}


@pytest.fixture
def vocabulary():
    return make_subject(slug="fishing", title="Fishing")


def history(item):
    """What the history says of `item`'s lists and people, in the order it was written."""
    return [(c.action, c.field, c.part, c.old_value, c.new_value, c.user_id, c.source, c.object_repr)
            for c in ChangeRecord.objects.filter(model="archive.item", object_id=str(item.pk),
                                                 field__in=list(LISTS)).order_by("pk")]


def test_a_new_row_gets_the_history_one_save_at_a_time_would_write(tmp_path, vocabulary, staff_user):
    # SAVED-1 exists with empty lists, so the import writes its lists one save at a time; NEW-1 is new, so its
    # lists go in with the batch. The history of the two must read the same.
    make_item(accession_number="SAVED-1", kind="oral_history", status="published", title="Fishing boat")
    path = write_csv(tmp_path, [good_row(accession_number="NEW-1", **LISTS),
                                good_row(accession_number="SAVED-1", **LISTS)])

    report = items_import(path=path, by=staff_user)

    assert report.ok and (report.created, report.updated) == (1, 1)
    new, saved = Item.objects.get(accession_number="NEW-1"), Item.objects.get(accession_number="SAVED-1")
    assert history(new) == history(saved)
    assert [record[1:5] for record in history(new)] == [
        ("places", "", "", "Myanmar > Mon; Thailand > Samut Sakhon"),
        ("agents", "narrator: Ko Min", None, "narrator: Ko Min"),
        ("agents", "interviewer: Ma Aye", None, "interviewer: Ma Aye"),
        ("subjects", "", "", "fishing"),
        ("tags", "", "", "boats; nets; ประมง"),
        ("languages", "", "", "mya; tha"),
    ]
    assert {(record[5], record[6]) for record in history(new)} == {(staff_user.pk, "import")}
    created = ChangeRecord.objects.get(model="archive.item", object_id=str(new.pk), action="create")
    assert (created.object_repr, created.user, created.source) == ("Fishing boat", staff_user, "import")
    for name in ("Ko Min", "Ma Aye"):  # people new to the archive, made with the batch
        agent = Agent.objects.get(display_name=name)
        assert ChangeRecord.objects.filter(model="archive.agent", object_id=str(agent.pk), action="create",
                                           user=staff_user, source="import").count() == 1


def test_the_lists_written_in_bulk_are_the_ones_the_file_names(tmp_path, vocabulary):
    path = write_csv(tmp_path, [good_row(accession_number="NEW-1", **{
        **LISTS, "agents": "narrator: Ko Min; interviewer: Ma Aye; narrator: Ma Aye"})])

    assert items_import(path=path).ok

    item = Item.objects.get()
    assert sorted(place.path() for place in item.places.all()) == ["Myanmar > Mon", "Thailand > Samut Sakhon"]
    assert [(link.position, link.role, link.agent.display_name) for link in item.item_agents.all()] == [
        (0, "narrator", "Ko Min"), (1, "interviewer", "Ma Aye"), (2, "narrator", "Ma Aye")]
    assert [subject.slug for subject in item.subjects.all()] == ["fishing"]
    assert sorted(item.tags.names()) == ["boats", "nets", "ประมง"]
    assert sorted(item.languages.values_list("code", flat=True)) == ["mya", "tha"]
    again = items_import(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1), "the file and the item agree"


def test_new_and_existing_rows_and_rows_written_on_their_own_share_a_batch(tmp_path, vocabulary):
    make_item(accession_number="OLD-1", title="Old title")
    path = write_csv(tmp_path, [
        good_row(accession_number="NEW-1", tags="boats", date="199X", access="embargoed:2031-06-30"),
        good_row(accession_number="OLD-1", title="New title", tags="boats"),
        good_row(accession_number="NEW-2", places="Thailand > Tak @16.8833,99.1167"),  # coordinates: on its own
        good_row(accession_number="NEW-3", agents="narrator: Ko Min", access="staff"),
    ])
    written = []

    report = items_import(path=path, progress=lambda phase, rows: written.append(rows) if phase == "writing" else 0)

    assert report.ok and (report.created, report.updated, report.unchanged) == (3, 1, 0)
    assert written == [1, 2, 3, 4]
    items = {item.accession_number: item for item in Item.objects.all()}
    assert items["OLD-1"].title == "New title" and list(items["OLD-1"].tags.names()) == ["boats"]
    new = items["NEW-1"]
    assert (str(new.date_lower), str(new.date_upper), str(new.embargo_until)) == (
        "1990-01-01", "1999-12-31", "2031-06-30"), "what save() derives is derived for a batch too"
    assert items["NEW-3"].embargo_until is None
    assert str(items["NEW-2"].places.get().latitude) == "16.883300"
    assert [link.agent.display_name for link in items["NEW-3"].item_agents.all()] == ["Ko Min"]


def test_the_queries_of_an_import_do_not_grow_with_its_new_rows(tmp_path, vocabulary):
    def queries(rows, prefix):
        path = write_csv(tmp_path, [good_row(accession_number=f"{prefix}-{n}", **{
            **LISTS, "agents": f"narrator: {prefix} narrator {n}"}) for n in range(rows)], name=f"{prefix}.csv")
        with CaptureQueriesContext(connection) as context:
            assert items_import(path=path).created == rows
        return len(context.captured_queries)

    queries(3, "WARM")  # the places, tags and languages exist after a first import
    few, many = queries(20, "FEW"), queries(80, "MANY")
    # One save at a time took about 15 queries a row. In bulk, only the statements grow, where the database takes
    # a limited number of values in one (SQLite: 999, a few dozen items).
    assert few < 40 and many - few < 60 / 10
