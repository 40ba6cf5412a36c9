"""A filmmaker on a phone (360 px): the contribution page sends the film with tus-js-client, the connection is
cut half-way and restored, and the upload resumes and completes with its progress shown."""

import hashlib

import pytest
from django.conf import settings

from archive.models import Asset
from contributions.models import Submission
from tests.e2e.viewports import PHONE, screenshots_folder
from tests.factories import make_contributor
from tests.media_pipeline.media import make_video

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = screenshots_folder("contributions")


def sign_in(page, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                               "url": live_server.url}])


def test_a_film_upload_cut_half_way_resumes_in_the_browser(page, live_server, tmp_path, settings):
    settings.ARCHIVE_TUS_CHUNK_BYTES = 64 * 1024
    film = make_video(tmp_path / "ငါးဖမ်းလှေ.mp4", size="640x360", duration=2, extra=["-crf", "8"])
    assert film.stat().st_size > 6 * settings.ARCHIVE_TUS_CHUNK_BYTES
    sign_in(page, live_server, make_contributor("ကိုမင်း"))
    page.set_viewport_size(PHONE)

    half = film.stat().st_size // settings.ARCHIVE_TUS_CHUNK_BYTES // 2
    cut = {"on": False, "patches": 0, "refused": 0}

    def network(route):
        request = route.request
        if request.method == "PATCH":
            cut["patches"] += 1
            if cut["patches"] == half + 1:
                cut["on"] = True
        if cut["on"]:
            cut["refused"] += 1
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/contribute/tus/**", network)
    page.goto("/my/contribute/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "contribute-my-phone.png"), full_page=True)

    page.set_input_files("#id_file", str(film))
    page.fill("#id_title", "ငါးဖမ်းလှေပေါ်က ဘဝ")
    page.fill("#id_pseudonym", "ကိုမင်း")
    page.check("#id_consent_public_web")
    page.check("#id_confirm")
    page.click("#contribution button[type=submit]")

    # The connection drops half-way: the page says so and keeps what was sent.
    page.wait_for_function("() => document.querySelector('.upload-status').textContent.includes('ချိတ်ဆက်မှု')")
    sent = page.evaluate("document.querySelector('.upload-progress progress').value")
    assert 30 < sent < 70
    page.screenshot(path=str(SHOTS / "contribute-my-phone-connection-lost.png"), full_page=True)

    cut["on"] = False  # the signal comes back
    page.wait_for_url("**/my/contribute/uploads/*/", timeout=90_000)

    assert cut["refused"] >= 1
    asset = Asset.objects.get()
    assert asset.sha256 == hashlib.sha256(film.read_bytes()).hexdigest()
    submission = Submission.objects.get()
    assert submission.title == "ငါးဖမ်းလှေပေါ်က ဘဝ" and submission.item_id == asset.item_id
    page.screenshot(path=str(SHOTS / "contribute-my-phone-sent.png"), full_page=True)


RECORD_VIOLATIONS = """window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(
  event.violatedDirective + ' ' + (event.blockedURI || 'inline')));"""


def test_the_contributor_pages_and_the_review_queue_run_under_the_csp(page, live_server, staff_user):
    from tests.factories import make_submission

    problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: message.type == "error" and "favicon" not in message.location["url"]
            and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    contributor = make_contributor("ကိုမင်း")
    submission = make_submission(contributor)
    paths = ["/th/accounts/signup/", "/my/accounts/login/", "/km/accounts/password/reset/"]
    for path in paths:
        assert page.goto(path).status == 200
        problems += page.evaluate("window.cspViolations")
    sign_in(page, live_server, contributor)
    for path in ["/my/contribute/", "/lo/contribute/uploads/", f"/contribute/uploads/{submission.pk}/"]:
        assert page.goto(path).status == 200
        problems += page.evaluate("window.cspViolations")
    sign_in(page, live_server, staff_user)
    assert page.goto(f"/admin/contributions/submission/{submission.pk}/change/").status == 200
    problems += page.evaluate("window.cspViolations")
    assert problems == []
