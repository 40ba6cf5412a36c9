"""A Burmese-speaking curator's admin: the catalogue's own labels and Django's buttons, links and filters in
Burmese. Screenshots for people to look at go to var/screenshots/admin/."""


import pytest
from playwright.sync_api import expect

from tests.e2e.sessions import sign_in_to_admin
from tests.e2e.viewports import screenshots_folder
from tests.factories import make_consent, make_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("admin")


def test_the_burmese_admin_reads_in_burmese(page, staff_user):
    make_item(accession_number="MM-1", title="Tea shop", title_my="လက်ဖက်ရည်ဆိုင်", status="draft")
    make_consent(make_item(accession_number="MM-2", kind="oral_history", title_my="ရေလုပ်သား"),
                 withdrawn_on="2025-01-05")
    sign_in_to_admin(page, "/admin/")
    page.select_option("#admin-language", "my")
    page.locator("#admin-language").locator("xpath=ancestor::form").locator("button").click()
    page.wait_for_load_state()

    expect(page.locator("html")).to_have_attribute("lang", "my")
    expect(page.locator("a.addlink").first).to_have_text("ထည့်ရန်")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "admin-my-index.png"), full_page=True)

    page.goto("/admin/archive/item/")
    expect(page.locator("#changelist-filter h2")).to_contain_text("စစ်ထုတ်ရန်")
    expect(page.locator("#result_list")).to_contain_text("မထုတ်ဝေရသေးပါ")  # not public because: a draft
    page.screenshot(path=str(SHOTS / "admin-my-items.png"), full_page=True)

    page.goto("/admin/archive/item/add/")
    expect(page.locator("input[name=_save]")).to_have_value("သိမ်းရန်")
    expect(page.locator("#content")).to_contain_text("ခေါင်းစဉ်၊ ဘေးချင်းယှဉ်")
    page.screenshot(path=str(SHOTS / "admin-my-item-form.png"), full_page=True)

    # The spreadsheet check, in Burmese: unknown terms offered for creation, and the rows that will stay hidden.
    sheet = ("accession_number,kind,status,title,title_my,subjects\r\n"
             "MM-3,oral_history,published,Net mending,ပိုက်ကွန်ပြင်,ငါးဖမ်း\r\n"
             "MM-4,photograph,published,Pier,ဆိပ်ကမ်း,ငါးဖမ်း\r\n")
    page.goto("/admin/archive/item/import/")
    page.set_input_files("#id_spreadsheet", files=[
        {"name": "ပစ္စည်းများ.csv", "mimeType": "text/csv", "buffer": sheet.encode("utf-8")}])
    page.click("input[name=check]")
    expect(page.locator(".import-terms")).to_contain_text("“ငါးဖမ်း”")
    expect(page.locator("#not-public")).to_contain_text("1")
    expect(page.locator(".import-terms input[type=submit]")).to_have_value("ဤအရာများကို ဖန်တီးပြီး တင်သွင်းရန်")
    page.screenshot(path=str(SHOTS / "admin-my-import-check.png"), full_page=True)
