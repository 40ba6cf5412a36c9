"""The admin import runs in the background with a progress page, and keeps its rule: one transaction, all or
nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.import_runs import RUN_FILE, ImportRun
from archive.storage import private_storage, walk
from archive.import_uploads import IMPORT_UPLOAD_FOLDER
from archive.importing import items_import
from archive.models import ChangeRecord, Item, Place
from tests.factories import admin_import_check, grant

from .test_spreadsheet import write_csv

SHEET = ("accession_number,kind,status,title,title_km,places\r\n"
         + "".join(f"KH-{n},photograph,published,Rice field {n},វាលស្រែ {n},Cambodia > Battambang\r\n"
                   for n in range(1, 31)))


def check(client, sheet=SHEET, **files):
    page = admin_import_check(client, sheet, **files)
    assert page.context["token"], page.content.decode()
    return page.context["token"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_the_file_while_the_page_shows_progress(task_worker, client, staff_user):
    client.force_login(staff_user)
    checking = client.post("/admin/archive/item/import/", {
        "spreadsheet": SimpleUploadedFile("items.csv", SHEET.encode("utf-8"))})
    token = checking["Location"].rstrip("/").rsplit("/", 1)[1]
    assert client.get(checking["Location"]).context["run"].state == "queued"  # the check, too, is a task
    task_worker.run_until_idle(["default"])
    checked = client.get(checking["Location"])
    assert checked.context["token"] == token and "30 item(s) would be created" in checked.content.decode()

    started = client.post("/admin/archive/item/import/", {"token": token, "import": "1"})
    waiting = client.get(started["Location"])

    assert waiting.context["run"].state == "queued" and '<meta http-equiv="refresh" content="2">' in \
        waiting.content.decode()
    assert Item.objects.count() == 0
    task_worker.run_until_idle(["default"])
    done = client.get(started["Location"])
    html = done.content.decode()
    assert done.context["run"].state == "done" and "http-equiv" not in html
    assert '<dd id="rows-checked">30</dd>' in html and '<dd id="rows-written">30</dd>' in html
    assert "30 item(s) were created" in html
    assert Item.objects.filter(title_km__startswith="វាលស្រែ").count() == 30
    assert set(ChangeRecord.objects.filter(model="archive.item").values_list("user", "source")) == {
        (staff_user.pk, "import")}
    # The spreadsheet is gone once imported; the run's record stays for the page.
    left = [name.rsplit("/", 1)[-1] for name in walk(private_storage, f"{IMPORT_UPLOAD_FOLDER}/{token}")]
    assert len(left) == 1 and RUN_FILE.match(left[0])


@pytest.mark.django_db
def test_a_failed_run_leaves_nothing_and_says_why(curator, django_capture_on_commit_callbacks):
    token = check(curator, "accession_number,kind,title,media_files\r\nP-1,photograph,ท่าเรือ,ท่าเรือ.jpg\r\n",
                  media=[SimpleUploadedFile("ท่าเรือ.jpg", b"<html>not a photograph</html>")])
    with django_capture_on_commit_callbacks(execute=True):
        started = curator.post("/admin/archive/item/import/", {"token": token})
    page = curator.get(started["Location"])
    run = page.context["run"]
    assert run.state == "failed" and "nothing was imported" in page.content.decode()
    assert any("was refused" in problem for problem in run.problems)
    assert Item.objects.count() == 0 and Place.objects.count() == 0


@pytest.mark.django_db
def test_a_run_is_started_once_and_shown_only_to_the_curator_who_started_it(
        curator, client, django_user_model, django_capture_on_commit_callbacks):
    token = check(curator)
    with django_capture_on_commit_callbacks(execute=True):
        curator.post("/admin/archive/item/import/", {"token": token})
    assert curator.post("/admin/archive/item/import/", {"token": token}).status_code == 404
    assert Item.objects.count() == 30

    other = grant(django_user_model.objects.create_user("other", is_staff=True), "archive.add_item")
    client.force_login(other)
    assert client.get(f"/admin/archive/item/import/{token}/").status_code == 404
    assert curator.get(f"/admin/archive/item/import/{'0' * 32}/").status_code == 404
    assert curator.get("/admin/archive/item/import/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_the_import_reports_progress_row_by_row(tmp_path):
    path = write_csv(tmp_path, [["A-1", "film", "ກອງ"], ["A-2", "film", "ສະໜາມ"], ["A-3", "film", "ບ້ານ"]],
                     header=["accession_number", "kind", "title"])
    told = []

    assert items_import(path=path, progress=lambda phase, rows: told.append((phase, rows))).ok

    assert told == [("checking", 1), ("checking", 2), ("checking", 3),
                    ("writing", 1), ("writing", 2), ("writing", 3)]


def test_progress_reads_as_a_percentage():
    assert ImportRun(token="t", user_id=1, state="checking", rows_checked=250).percent == 2
    assert ImportRun(token="t", user_id=1, state="writing", rows=200, rows_checked=200, rows_written=100).percent == 75
    assert ImportRun(token="t", user_id=1, state="done", rows=200, rows_checked=200, rows_written=200).percent == 100
