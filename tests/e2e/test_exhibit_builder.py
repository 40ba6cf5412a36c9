"""The exhibit builder in a real browser: fields by kind, blocks reordered by dragging and by keyboard."""

import pytest
from playwright.sync_api import expect

from exhibits.models import Block, Exhibit
from tests.e2e.sessions import sign_in_to_admin
from tests.e2e.viewports import screenshots_folder
from tests.factories import make_item, make_picture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("builder")


@pytest.fixture
def exhibit():
    exhibit = Exhibit.objects.create(slug="ท่าเรือ", title="Harbour", title_th="ท่าเรือ")
    for position, kind, heading in ((10, "text", "แรก"), (20, "quote", "ที่สอง"), (30, "data", "ที่สาม")):
        Block.objects.create(exhibit=exhibit, kind=kind, position=position, heading_th=heading,
                             body="ข้อความ" if kind != "data" else "", data_csv="ปี,จำนวน\n2558,10\n")
    return exhibit


def headings(exhibit):
    return list(exhibit.blocks.order_by("position").values_list("heading_th", flat=True))


def test_a_block_shows_only_the_fields_of_its_kind(page, staff_user, exhibit):
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    first = page.locator("#blocks-0")
    expect(first.locator(".field-body_th").first).to_be_visible()
    expect(first.locator(".field-clip_start").first).to_be_hidden()
    expect(first.locator(".field-data_csv")).to_be_hidden()
    expect(first.locator(".block-items")).to_be_hidden()
    expect(first.get_by_text("Not used by this kind", exact=True)).to_be_hidden()
    page.screenshot(path=f"{SHOTS}/builder-text-block.png", full_page=True)
    first.locator("select[name='blocks-0-kind']").select_option("clip")
    expect(first.locator(".field-clip_start").first).to_be_visible()
    expect(first.locator(".block-items")).to_be_visible()
    expect(first.locator(".field-body_th").first).to_be_hidden()


def test_blocks_are_reordered_with_the_keyboard_and_saved(page, staff_user, exhibit):
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    down = page.locator("#blocks-0 .block-down")
    down.focus()
    page.keyboard.press("Enter")  # the text block goes below the quote
    expect(page.locator(".block-live")).to_have_text("Block moved to place 2 of 3.")
    expect(down).to_be_focused()
    page.keyboard.press("Enter")  # and below the data block
    expect(page.locator(".block-form:not(.empty-form)").last).to_have_id("blocks-0")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert headings(exhibit) == ["ที่สอง", "ที่สาม", "แรก"]


def test_blocks_are_reordered_by_dragging_and_saved(page, staff_user, exhibit):
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    page.set_viewport_size({"width": 1280, "height": 4000})  # both blocks on screen: the mouse moves in the window
    page.locator("#blocks-2 .block-handle").hover()
    page.mouse.down()
    box = page.locator("#blocks-0").bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 30, steps=5)
    page.mouse.move(box["x"] + 40, box["y"] + 8, steps=5)  # the upper half of the first block
    page.mouse.up()
    expect(page.locator(".block-form:not(.empty-form)").first).to_have_id("blocks-2")
    page.screenshot(path=f"{SHOTS}/builder-after-drag.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert headings(exhibit) == ["ที่สาม", "แรก", "ที่สอง"]


def test_an_item_is_chosen_in_the_picker_by_its_thai_title(page, live_server, staff_user):
    boat = make_item(title="Boat", title_th="เรือประมงยามเช้า", accession_number="MLA-7")
    make_picture(boat)
    make_item(title="Net", title_th="อวน")
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    gallery = Block.objects.create(exhibit=exhibit, kind="gallery", position=10, heading_th="ภาพ")
    page.context.add_cookies([{"name": "django_language", "value": "th", "url": live_server.url}])  # a Thai admin
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    page.locator("#blocks-0 .field-item .select2-selection").first.click()
    page.locator(".select2-search__field").press_sequentially("ประมง")
    result = page.locator(".select2-results__option .picker-result").filter(has_text="เรือประมงยามเช้า")
    expect(result).to_have_count(1)
    expect(page.locator(".select2-results__option .picker-result")).to_have_count(1)
    page.wait_for_function("() => [...document.querySelectorAll('.select2-results .picker-thumb')]"
                           ".some((img) => img.complete && img.naturalWidth > 0)")
    page.screenshot(path=f"{SHOTS}/builder-picker.png")
    result.click()
    expect(page.locator("#blocks-0 .field-item .select2-selection").first).to_contain_text("MLA-7")
    page.fill("input[name='blocks-0-items-0-caption_th']", "ยามเช้า")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert [(row.item_id, row.caption_th) for row in gallery.block_items.all()] == [(boat.pk, "ยามเช้า")]


def test_the_live_preview_shows_the_saved_draft_at_phone_and_desktop_width(page, staff_user, exhibit):
    page.set_viewport_size({"width": 1600, "height": 1000})
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    phone = page.frame_locator(".preview-phone iframe")
    desktop = page.frame_locator(".preview-desktop iframe")
    expect(phone.locator("h1")).to_have_text("Harbour")  # in the curator's language, English here
    expect(desktop.locator("h1")).to_have_text("Harbour")
    # Beside the form, not below it.
    form_box = page.locator("#exhibit_form").bounding_box()
    preview_box = page.locator(".builder-preview").bounding_box()
    assert preview_box["x"] >= form_box["x"] + form_box["width"] and preview_box["y"] < form_box["y"] + 200
    # The phone frame is a phone: its page fits 360 px without sideways scrolling.
    frame = page.frame_locator(".preview-phone iframe").locator("html")
    assert frame.evaluate("(html) => [html.clientWidth, html.scrollWidth]") == [360, 360]
    page.fill("input[name='blocks-0-heading']", "หัวข้อใหม่")
    expect(page.locator(".builder-preview-stale")).to_be_visible()
    # The change shows in both frames before it is saved, and is not saved by showing it.
    expect(phone.get_by_text("หัวข้อใหม่")).to_be_visible()
    expect(desktop.get_by_text("หัวข้อใหม่")).to_be_attached()
    assert exhibit.blocks.get(position=10).heading == ""
    page.locator("#blocks-2 .block-up").click()  # a move shows too: the data block above the quote
    expect(phone.locator("h2").nth(1)).to_have_text("ที่สาม")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    expect(phone.get_by_text("หัวข้อใหม่")).to_be_visible()
    expect(desktop.get_by_text("หัวข้อใหม่")).to_be_attached()
    page.screenshot(path=f"{SHOTS}/builder-live-preview.png")


def test_a_new_block_gets_its_kinds_fields_its_items_and_the_next_place(page, live_server, staff_user, exhibit):
    net = make_item(title="Net", title_lo="ມອງຫາປາ", accession_number="MLA-8")
    page.context.add_cookies([{"name": "django_language", "value": "lo", "url": live_server.url}])  # a Lao admin
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    page.locator("#blocks-group .add-row a").click()
    new = page.locator("#blocks-3")
    new.locator("select[name='blocks-3-kind']").select_option("item")
    expect(new.locator(".block-items")).to_be_visible()
    expect(new.locator(".form-row.field-body")).to_be_hidden()
    assert new.locator("input[name='blocks-3-position']").input_value() == "40"  # after the three others
    new.locator(".field-item .select2-selection").first.click()
    page.locator(".select2-search__field").press_sequentially("ມອງ")
    page.locator(".select2-results__option .picker-result").filter(has_text="ມອງຫາປາ").click()
    new.locator(".block-up").click()  # and it goes above the data block
    page.screenshot(path=f"{SHOTS}/builder-new-block-lao.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    blocks = list(exhibit.blocks.order_by("position"))
    assert [b.kind for b in blocks] == ["text", "quote", "item", "data"]
    assert [row.item_id for row in blocks[2].block_items.all()] == [net.pk]


def test_removing_a_new_block_after_reordering_still_saves_every_block_in_its_place(page, staff_user, exhibit):
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    for kind, words in (("quote", "จะลบ"), ("text", "ขึ้นก่อน")):
        page.locator("#blocks-group .add-row a").click()
        new = page.locator(".block-form:not(.empty-form)").last
        new.locator("select[name$='-kind']").select_option(kind)
        new.locator("textarea[name$='-body_th']").fill(words)
    top = page.locator("#blocks-4")
    for _ in range(4):
        top.locator(".block-up").click()
    expect(page.locator(".block-form:not(.empty-form)").first).to_have_id("blocks-4")
    page.locator("#blocks-3 .inline-deletelink").click()  # Django renumbers the forms as they stand
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    expect(page.locator(".errornote")).to_have_count(0)
    assert list(exhibit.blocks.order_by("position").values_list("kind", "body_th")) == [
        ("text", "ขึ้นก่อน"), ("text", ""), ("quote", ""), ("data", "")]


def test_the_builder_speaks_burmese(page, live_server, staff_user, exhibit):
    page.context.add_cookies([{"name": "django_language", "value": "my", "url": live_server.url}])
    page.set_viewport_size({"width": 1600, "height": 1000})
    sign_in_to_admin(page, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    expect(page.locator("#blocks-0 .block-up")).to_have_text("အပေါ်သို့ ရွှေ့ရန်")
    expect(page.locator("#builder-preview-heading")).to_have_text("အစမ်းကြည့်ရှုရန်")
    expect(page.frame_locator(".preview-phone iframe").locator("html")).to_have_attribute("lang", "my")
    page.screenshot(path=f"{SHOTS}/builder-burmese.png")
