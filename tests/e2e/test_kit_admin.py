"""A curator in a Thai admin builds a lesson kit: a clip chosen in the item picker by its Thai title, saved, and
seen on the site."""

import pytest
from playwright.sync_api import expect

from archive.models import Asset, Item
from lessons.models import Kit
from tests.e2e.sessions import sign_in_to_admin
from tests.e2e.viewports import screenshots_folder
from tests.factories import attach_audio, make_item, make_oral_history, make_recording

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("lesson-kits")


def test_a_curator_adds_a_clip_to_a_new_kit_through_the_picker(page, live_server, staff_user):
    interview = make_oral_history(title="Night boats", title_th="เรือกลางคืนของลูกเรือ", accession_number="MLA-9")
    attach_audio(make_recording(interview, kind=Asset.Kind.AUDIO))
    make_item(kind=Item.Kind.PHOTOGRAPH, title="Net", title_th="อวน")
    page.context.add_cookies([{"name": "django_language", "value": "th", "url": live_server.url}])
    page.set_viewport_size({"width": 1280, "height": 2000})
    sign_in_to_admin(page, "/admin/lessons/kit/add/")
    page.fill("#id_slug", "night-boats")
    page.fill("#id_title_th", "เรือกลางคืน")
    page.select_option("#id_age_band", "secondary-upper")
    page.select_option("#id_subject_area", "history")
    page.select_option("#id_status", "published")
    page.fill("#id_objectives_th", "ฟังคำบอกเล่าของลูกเรือ")
    page.select_option("#id_sources-0-kind", "clip")
    page.locator("#sources-0 .field-item .select2-selection").first.click()
    page.locator(".select2-search__field").press_sequentially("ลูกเรือ")
    result = page.locator(".select2-results__option .picker-result").filter(has_text="เรือกลางคืนของลูกเรือ")
    expect(result).to_have_count(1)
    result.click()
    page.fill("#id_sources-0-clip_start", "2")
    page.fill("#id_sources-0-clip_end", "9.5")
    page.screenshot(path=SHOTS / "admin-add-kit-th.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    kit = Kit.objects.get(slug="night-boats")
    assert [(s.kind, s.item_id, s.fragment) for s in kit.sources.all()] == [("clip", interview.pk, "#t=2,9.5")]
    page.goto("/admin/lessons/kit/")
    page.screenshot(path=SHOTS / "admin-kit-list-th.png", full_page=True)
    page.goto("/th/lessons/night-boats/")
    assert page.locator("audio source").first.get_attribute("src").endswith("#t=2,9.5")
