"""The builder's live preview: the draft exhibit framed beside its form, for people who may view exhibits only."""

import pytest

from exhibits.models import Block, BlockItem, Exhibit
from tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    exhibit = Exhibit.objects.create(slug="ท่าเรือ", title="Harbour", title_th="ท่าเรือยามเช้า")
    Block.objects.create(exhibit=exhibit, kind="text", position=1, body_th="ข้อความแรก")
    return exhibit


def test_the_change_page_frames_the_draft_at_phone_and_desktop_width(curator, draft):
    response = curator.get(f"/admin/exhibits/exhibit/{draft.pk}/change/")
    html = response.content.decode()
    preview = f"/admin/exhibits/exhibit/{draft.pk}/preview/"
    assert html.count(f'<iframe src="{preview}"') == 2
    assert "Preview at phone width" in html and "Preview at desktop width" in html
    assert "frame-src 'self'" in response["Content-Security-Policy"]


def test_the_preview_shows_the_draft_in_the_curators_language_and_may_be_framed_here_only(curator, draft):
    response = curator.get(f"/admin/exhibits/exhibit/{draft.pk}/preview/", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ท่าเรือยามเช้า" in html and "ข้อความแรก" in html
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"]
    # Its public address is still never framed.
    assert curator.get(draft.get_absolute_url())["X-Frame-Options"] == "DENY"


def test_staff_who_may_not_view_exhibits_do_not_see_a_draft(client, item_viewer, reader, draft):
    client.force_login(item_viewer)
    assert client.get(f"/admin/exhibits/exhibit/{draft.pk}/preview/").status_code == 404
    client.force_login(reader)
    assert client.get(f"/admin/exhibits/exhibit/{draft.pk}/preview/").status_code == 302  # to the admin sign-in
    client.logout()
    assert client.get(f"/admin/exhibits/exhibit/{draft.pk}/preview/").status_code == 302
    assert client.get("/admin/exhibits/exhibit/nope/preview/").status_code == 302


def test_the_preview_keeps_hidden_items_from_an_editor_who_may_not_see_them(client, volunteer, draft):
    block = Block.objects.create(exhibit=draft, kind="gallery", position=2)
    BlockItem.objects.create(block=block, item=make_item(title="เรือ สาธารณะ"), position=1)
    BlockItem.objects.create(block=block, item=make_item(title="เรือ ลับ", access="staff"), position=2)
    client.force_login(volunteer)
    html = client.get(f"/admin/exhibits/exhibit/{draft.pk}/preview/").content.decode()
    assert "เรือ สาธารณะ" in html and "เรือ ลับ" not in html
