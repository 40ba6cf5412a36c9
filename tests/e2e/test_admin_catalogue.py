import pytest
from playwright.sync_api import expect

from archive.models import ChangeRecord, Item
from tests.e2e.sessions import sign_in_to_admin
from tests.factories import make_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_curator_adds_an_item_with_a_thai_title_and_finds_it(page, staff_user):
    make_item(accession_number="OLD-1").tags.add("แรงงานข้ามชาติ")
    sign_in_to_admin(page, "/admin/archive/item/add/")

    page.fill("#id_accession_number", "MLA-E2E-1")
    page.select_option("#id_kind", "photograph")
    page.fill("#id_title", "Drying nets")
    page.fill("#id_title_th", "ตากอวนริมท่าเรือ")
    page.fill("#id_title_my", "ပိုက်ကွန်လှမ်းခြင်း")
    # The five titles sit side by side on a desktop screen.
    boxes = [page.locator(f"#id_title{suffix}").bounding_box() for suffix in ("", "_th", "_my", "_km", "_lo")]
    assert len({round(box["y"]) for box in boxes}) == 1
    # The tag being typed is completed from the existing tags, keeping the ones before it.
    page.locator("#id_tags").press_sequentially("boats, แรงงาน")
    # Predicates are functions, not expressions: the admin's CSP refuses to evaluate strings.
    page.wait_for_function(
        "() => document.querySelector('#id_tags_suggestions option')?.value === 'boats, แรงงานข้ามชาติ'",
        timeout=10_000)
    # Thai is set in Noto Sans Thai from the machine's own fonts.
    page.wait_for_function("""() => [...document.fonts].some(
        (font) => font.family.replaceAll('"', '') === 'Archive Thai' && font.status === 'loaded')""", timeout=10_000)
    page.click("input[name=_save]")

    page.wait_for_url("**/admin/archive/item/")
    assert "MLA-E2E-1" in page.locator("#result_list").inner_text()
    page.fill("#searchbar", "ตากอวน")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**/admin/archive/item/?q=*")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("MLA-E2E-1")

    item = Item.objects.get(accession_number="MLA-E2E-1")
    assert item.title_th == "ตากอวนริมท่าเรือ"
    assert sorted(item.tags.names()) == ["boats", "แรงงาน"]
    assert ChangeRecord.objects.filter(object_id=str(item.pk), action="create", source="admin").exists()
