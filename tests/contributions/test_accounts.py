"""Contributor accounts: sign-up with or without email, invitation links, roles, throttling, pages in each language."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from archive.models import Item
from tests.factories import make_invitation, make_item

pytestmark = pytest.mark.django_db

User = get_user_model()


def sign_up(client, prefix="", **fields):
    data = {"username": "+66812345678", "password1": "ปลาทูน่า-2024-ทะเล", "password2": "ปลาทูน่า-2024-ทะเล"}
    data.update(fields)
    return client.post(f"{prefix}/accounts/signup/", data)


def test_a_person_without_email_joins_through_an_invitation_link(client):
    invitation = make_invitation("Researchers", note="Ko Min, LINE group of Mahachai")

    response = client.get(f"/my/accounts/invitation/{invitation.token}/")
    assert response.status_code == 302 and response["Location"] == "/my/accounts/signup/"
    page = client.get("/my/accounts/signup/").content.decode()
    assert "အီးမေးလ်လိပ်စာ မလိုပါ" in page  # "You do not need an email address", in Burmese

    response = sign_up(client, "/my", username="မင်းမင်း")
    assert response.status_code == 302
    user = User.objects.get(username="မင်းမင်း")
    assert user.email == ""
    assert [group.name for group in user.groups.all()] == ["Researchers"]
    invitation.refresh_from_db()
    assert invitation.used_by == user and invitation.used_at is not None
    assert mail.outbox == []


def test_an_invitation_works_once(client):
    invitation = make_invitation("Researchers")
    client.get(f"/accounts/invitation/{invitation.token}/")
    sign_up(client, username="first")
    client.logout()

    response = client.get(f"/th/accounts/invitation/{invitation.token}/")
    assert response.status_code == 410
    assert "ใช้คำเชิญนี้ไม่ได้" in response.content.decode()


def test_an_expired_invitation_is_refused(client):
    invitation = make_invitation(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/accounts/invitation/{invitation.token}/").status_code == 410


def test_a_link_opened_twice_before_sign_up_grants_its_role_to_one_account_only(client, django_user_model):
    invitation = make_invitation("Researchers")
    other = type(client)()
    client.get(f"/accounts/invitation/{invitation.token}/")
    other.get(f"/accounts/invitation/{invitation.token}/")
    sign_up(client, username="first")
    sign_up(other, username="second")

    assert list(User.objects.get(username="first").groups.values_list("name", flat=True)) == ["Researchers"]
    assert list(User.objects.get(username="second").groups.values_list("name", flat=True)) == ["Contributors"]


def test_a_self_made_account_is_a_contributor_and_cannot_see_registered_items(client):
    registered = make_item(title="บันทึกสำหรับนักวิจัย", access="registered")
    sign_up(client, username="somchai")
    user = User.objects.get(username="somchai")

    assert [group.name for group in user.groups.all()] == ["Contributors"]
    assert not user.has_perm("archive.view_registered_item")
    assert not Item.objects.visible_to(user).filter(pk=registered.pk).exists()
    assert client.get(registered.get_absolute_url()).status_code == 404


def test_an_email_given_at_sign_up_is_sent_a_link_to_verify_it(client):
    response = sign_up(client, username="nok", email="nok@example.org")
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nok@example.org"]
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email="nok@example.org").verified is False


def test_password_reset_sends_a_link_to_the_accounts_address(client):
    User.objects.create_user("lek", email="lek@example.org", password="pw")
    response = client.post("/km/accounts/password/reset/", {"email": "lek@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lek@example.org"]
    # In the language of the page the request came from: Khmer, with the account's name and a link.
    sent = mail.outbox[0]
    assert "ជ្រើសពាក្យសម្ងាត់ថ្មី" in sent.subject
    assert "ឈ្មោះគណនីរបស់អ្នកគឺ lek។" in sent.body and "/accounts/password/reset/key/" in sent.body
    assert "Hello" not in sent.body and "password" not in sent.body.lower().replace("/password/", "")


@pytest.mark.parametrize("prefix, greeting", [("/my", "မင်္ဂလာပါ"), ("/lo", "ສະບາຍດີ"), ("/th", "สวัสดี")])
def test_the_verification_email_speaks_the_language_of_the_sign_up_page(client, prefix, greeting):
    response = client.post(f"{prefix}/accounts/signup/", {
        "username": "မင်းမင်း", "email": "min@example.org", "password1": "ငါးဖမ်းလှေ-2024-ok", "password2": "ငါးဖမ်းလှေ-2024-ok"})
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert greeting in body and "“မင်းမင်း”" in body and "/accounts/confirm-email/" in body
    assert "Hello" not in body and "email address" not in body


@pytest.mark.parametrize("prefix, heading", [("", "Sign in"), ("/th", "เข้าสู่ระบบ"), ("/my", "အကောင့်ဝင်ရန်"),
                                             ("/km", "ចូលគណនី"), ("/lo", "ເຂົ້າສູ່ລະບົບ")])
def test_the_sign_in_page_speaks_the_visitors_language(client, prefix, heading):
    page = client.get(f"{prefix}/accounts/login/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert 'name="login"' in page and "Username" not in page


def test_failed_contributor_sign_ins_are_throttled_by_axes(client):
    User.objects.create_user("+66899999999", password="right-password-ok")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"login": "+66899999999", "password": "wrong"})
    assert response.status_code == 429
    assert AccessAttempt.objects.get().username == "+66899999999"

    response = client.post("/accounts/login/", {"login": "+66899999999", "password": "right-password-ok"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_is_still_throttled(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/admin/login/?next=/admin/", {"username": "curator", "password": "wrong"})
    assert response.status_code == 429


def test_a_curator_makes_an_invitation_in_the_admin_and_is_given_the_link(curator):
    from django.contrib.auth.models import Group

    from contributions.models import Invitation

    role = Group.objects.get(name="Contributors")
    response = curator.post("/admin/contributions/invitation/add/",
                            {"role": role.pk, "note": "ช่างภาพจากแม่สอด",
                             "expires_at_0": "2099-01-01", "expires_at_1": "00:00:00"}, follow=True)
    invitation = Invitation.objects.get()
    assert f"http://testserver/accounts/invitation/{invitation.token}/" in response.content.decode()
    assert invitation.created_by.username == "curator"


def test_an_invitation_cannot_make_a_curator(curator):
    from django.contrib.auth.models import Group

    curators = Group.objects.get(name="Curators")
    response = curator.post("/admin/contributions/invitation/add/",
                            {"role": curators.pk, "expires_at_0": "2099-01-01", "expires_at_1": "00:00:00"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_the_sign_up_page_explains_every_field_in_thai(client):
    page = client.get("/th/accounts/signup/").content.decode()
    assert "ไม่จำเป็นต้องมีอีเมล" in page and "อย่างน้อย 8 ตัวอักษร" in page
    assert "Your password" not in page
