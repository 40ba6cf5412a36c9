"""A curator imports a spreadsheet in the admin: the check and the import run on a real background worker, and the
pages, reloading themselves without any script, reach the report and then "done"."""


import pytest
from playwright.sync_api import expect

from archive.models import Item
from tests.e2e.sessions import sign_in_to_admin
from tests.e2e.viewports import screenshots_folder

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("admin")
SHEET = ("accession_number,kind,status,title,title_lo,consent\r\n"
         + "".join(f"LA-{n},oral_history,published,Market day {n},ມື້ຕະຫຼາດ {n},ນາງ ແກ້ວ: public web (2024-05-0{n % 9 + 1})\r\n"
                   for n in range(1, 41)))


def test_the_progress_page_follows_a_background_import_to_the_end(page, staff_user, task_worker):
    sign_in_to_admin(page, "/admin/archive/item/import/")
    with task_worker.start(["default"]):  # the check and the import both run on the worker
        page.set_input_files("#id_spreadsheet", files=[
            {"name": "ສິນຄ້າ.csv", "mimeType": "text/csv", "buffer": SHEET.encode("utf-8")}])
        page.click("input[name=check]")
        page.wait_for_url("**/admin/archive/item/import/*/")
        # The page reloads itself until the check's report is there.
        expect(page.locator(".import-summary")).to_contain_text("40 item(s) would be created", timeout=60_000)
        assert Item.objects.count() == 0
        page.click("input[name=import]")
        expect(page.locator(".import-run")).to_have_attribute("data-state", "done", timeout=60_000)

    expect(page.locator("#rows-written")).to_have_text("40")
    expect(page.locator(".import-summary")).to_contain_text("40 item(s) were created")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-progress-done.png"), full_page=True)
    assert Item.objects.public().count() == 40
