"""A teacher on a phone (360 px) adds a part of an interview to a new lesson kit from the item's page, in Thai,
without touching anything but the page's own form, and finds it in "My kits" and behind the kit's share link."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from archive.models import Asset
from lessons.models import Kit, KitSource
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import attach_audio, grant, make_oral_history, make_recording

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("lessons")


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                               "url": live_server.url}])


def test_a_teacher_adds_a_clip_to_a_new_kit_on_a_phone(page, live_server):
    interview = make_oral_history(title="Night shift at the pier", title_th="กะกลางคืนที่ท่าเรือ",
                                  original_language="th")
    audio = attach_audio(make_recording(interview, kind=Asset.Kind.AUDIO))
    audio.duration = 95.0
    audio.save()
    # Tests on a live server empty the database after migrations made the Teachers group: the permission is what
    # counts, so the teacher is given it directly.
    teacher = grant(get_user_model().objects.create_user("ครูสมศรี", password="pw"), "lessons.build_own_kit")
    sign_in(page, live_server, teacher)
    page.set_viewport_size(PHONE)

    page.goto(f"/th/items/{interview.accession_number}/")
    form = page.locator(".add-to-kit form")
    form.scroll_into_view_if_needed()
    assert form.locator("select[name=kit]").input_value() == "new"
    form.locator("input[name=title]").fill("ชีวิตคนงานท่าเรือ")
    form.locator("input[name=start]").fill("0:05")
    form.locator("input[name=end]").fill("9:99")
    form.locator("button[type=submit]").click()

    # A time that is not one comes back with the form and says why, in Thai; nothing was made.
    page.wait_for_url("**/th/lessons/mine/add/")
    assert "ไม่ใช่เวลาที่ถูกต้อง" in page.locator(".error").first.inner_text()
    assert not Kit.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "add-to-kit-th-phone-error.png"), full_page=True)

    page.locator("input[name=end]").fill("0:40")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(f"**/th/items/{interview.accession_number}/")
    aside = page.locator(".add-to-kit")
    assert "ชีวิตคนงานท่าเรือ" in aside.locator(".messages").inner_text()
    assert aside.locator("select[name=kit] option:checked").inner_text() == "ชีวิตคนงานท่าเรือ"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    aside.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "add-to-kit-th-phone.png"))

    kit = Kit.objects.get(owner=teacher)
    source = kit.sources.get()
    assert (source.kind, source.clip_start, source.clip_end) == (KitSource.Kind.CLIP, Decimal("5"), Decimal("40"))
    assert kit.original_language == "th" and kit.title_th == "ชีวิตคนงานท่าเรือ"

    page.locator(".add-to-kit a[href$='/lessons/mine/']").click()
    page.wait_for_url("**/th/lessons/mine/")
    page.locator(".kit-rows h2 a").click()
    page.wait_for_url(f"**/th/lessons/mine/{kit.pk}/")
    assert page.locator("input[name=source-%d-start]" % source.pk).input_value() == "0:05"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "my-kit-th-phone.png"), full_page=True)
