import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_admin_follows_the_curators_language_choice(client, staff_user):
    client.force_login(staff_user)
    assert "Log out" in client.get("/admin/").content.decode()

    response = client.post("/i18n/setlang/", {"language": "th", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page = client.get("/admin/").content.decode()
    assert 'lang="th"' in page
    assert "ออกจากระบบ" in page and "Log out" not in page
    assert '<option value="th" selected>' in page


def test_admin_falls_back_to_the_browsers_language(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/admin/", headers={"accept-language": "th-TH,th;q=0.9"}).content.decode()
    assert 'lang="th"' in page


def test_a_prefixed_public_page_keeps_the_language_of_its_address(client):
    # The remembered choice (the admin's language menu sets the same cookie) sends un-prefixed addresses to the
    # visitor's language; an address with a language in it is never overruled.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    assert client.get("/")["Location"] == "/th/"
    assert 'lang="th"' in client.get("/th/").content.decode()
    assert 'lang="my"' in client.get("/my/").content.decode()
