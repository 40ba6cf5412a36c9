"""A real browser for the pages that matter: Debian's chromium driven by Playwright, one per test session."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.viewports import DESKTOP

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
# Playwright's sync API keeps an event loop running in the test thread; the test's own ORM calls are still
# ordinary synchronous code, so Django's guard against ORM use inside a loop does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")



@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def media_through_the_media_view(monkeypatch):
    """Django's live server answers MEDIA_URL itself, straight from MEDIA_ROOT: no access policy and no HTTP
    Range, so a player cannot seek. Send /media/ to the archive's own media view, as production does."""
    from django.test import testcases

    monkeypatch.setattr(testcases._MediaFilesHandler, "_should_handle", lambda self, path: False)


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live test server. Requests that leave this machine are recorded and fail."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.outside_requests = []

    def record(request):
        if not request.url.startswith((live_server.url, "data:", "blob:", "about:")):
            page.outside_requests.append(request.url)

    page.on("request", record)
    yield page
    context.close()
    assert page.outside_requests == [], f"the page asked for third-party resources: {page.outside_requests}"
