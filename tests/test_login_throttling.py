"""Failed sign-ins are throttled (django-axes): real POSTs to the admin's login form."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


def fail(client, times, username="curator", **extra):
    for _ in range(times):
        response = sign_in(client, username, "wrong", **extra)
    return response


def test_the_fifth_failure_locks_out_that_name_from_that_address_even_with_the_right_password(client, staff_user):
    response = fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200 and "correct username and password" in response.content.decode()

    response = fail(client, 1)
    page = response.content.decode()
    assert response.status_code == 429
    assert "Signing in is paused" in page and "Wait 15 minutes, then try again." in page

    response = sign_in(client, "curator", "pw")
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still signed out


def test_the_lockout_holds_only_that_name_from_that_address(client, staff_user, django_user_model):
    django_user_model.objects.create_user("volunteer", password="pw2", is_staff=True)
    fail(client, settings.AXES_FAILURE_LIMIT)

    assert sign_in(client, "volunteer", "pw2").status_code == 302
    client.logout()
    assert sign_in(client, "curator", "pw", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_behind_a_proxy_the_visitors_own_address_counts(client, staff_user, settings):
    settings.ARCHIVE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    fail(client, settings.AXES_FAILURE_LIMIT, HTTP_X_REAL_IP="198.51.100.4")

    assert sign_in(client, "curator", "pw", HTTP_X_REAL_IP="198.51.100.4").status_code == 429
    assert sign_in(client, "curator", "pw", HTTP_X_REAL_IP="198.51.100.5").status_code == 302


def test_a_lockout_ends_after_the_cool_off(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))

    assert sign_in(client, "curator", "pw").status_code == 302


def test_an_administrator_lifts_a_lockout_with_axes_reset_username(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "curator", "pw").status_code == 429

    call_command("axes_reset_username", "curator")

    assert sign_in(client, "curator", "pw").status_code == 302


def test_a_successful_sign_in_clears_the_count(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "curator", "pw").status_code == 302
    client.logout()

    assert fail(client, settings.AXES_FAILURE_LIMIT - 1).status_code == 200


def test_the_lockout_page_speaks_the_curators_language(client, staff_user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    page = fail(client, settings.AXES_FAILURE_LIMIT).content.decode()
    assert 'lang="th"' in page and "หยุดการเข้าสู่ระบบชั่วคราว" in page and "โปรดรอ 15 นาที" in page
