"""The Content-Security-Policy in a real browser: the pages that matter, public and admin, run under it with no
violation, and the check does notice one."""

import pytest

from exhibits.models import Exhibit
from media_pipeline.ingest import asset_ingest
from oral_histories.services import segments_import, transcript_import
from tests.exhibits.museum import build_museum
from tests.factories import make_oral_history
from tests.media_pipeline import media

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    const text = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where}`;
    window.cspViolation(text);
    window.cspViolations.push(text);
});"""


def is_missing_favicon(message):
    """The browser asks for /favicon.ico by itself; the archive has none, which is no concern of the policy."""
    return message.location["url"].endswith("/favicon.ico") and "404" in message.text


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console error it meets recorded in page.problems."""
    page.problems = []
    page.expose_function("cspViolation", lambda text: page.problems.append(f"CSP violation: {text}"))
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: message.type == "error" and not is_missing_favicon(message)
            and page.problems.append(f"console: {message.text} ({message.location['url']})"))
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


@pytest.fixture
def filmed_interview(tmp_path):
    """An oral history recorded on video: a real film through the pipeline, with a transcript and an index."""
    item = make_oral_history(title="Filmed at the pier", title_th="ถ่ายทำที่ท่าเรือ")
    source = media.make_video(tmp_path / "สัมภาษณ์.mp4", duration=3)
    asset_ingest(item=item, source=str(source), original_name=source.name)
    assert item.assets.get().derivatives.filter(role="mp4").exists(), "the pipeline made no video"
    transcript_import(item=item, language="tha",
                      text="[00:00:00] เรือออกตอนกลางคืน\n[00:00:02] ကျွန်တော် ထားဝယ်ကလာတာပါ\n")
    segments_import(item=item, text="start,end,title\n0:00,0:03,Leaving at night\n")
    return item


def visit(page, path):
    response = page.goto(path)
    assert response.status == 200, path
    assert "script-src 'self'" in response.headers["content-security-policy"], path
    page.wait_for_load_state("load")
    return page


def test_public_pages_and_the_admin_run_under_the_policy(watched, isolated_files, filmed_interview, staff_user):
    museum = build_museum(isolated_files / "media", pictures=True)

    visit(watched, "/")
    visit(watched, "/th/exhibits/fishing-lives/")
    visit(watched, f"/items/{filmed_interview.accession_number}/")
    assert watched.locator("video[data-player]").count() == 1 and watched.locator(".oh-line").count() == 2
    watched.locator(".oh-line a.oh-time").first.click()  # oral-history.js seeks the film
    watched.wait_for_function("() => document.querySelector('.oh-line.oh-current') !== null", timeout=10_000)
    visit(watched, f"/my/items/{museum['voice'].accession_number}/")
    visit(watched, "/search/?q=boat")
    assert watched.locator(".hit mark").count() > 0
    visit(watched, "/search/?q=เรือ")

    visit(watched, "/admin/login/?next=/admin/")
    watched.fill("#id_username", "curator")
    watched.fill("#id_password", "pw")
    watched.click("input[type=submit]")
    watched.wait_for_url("**/admin/")
    visit(watched, f"/admin/archive/item/{museum['photo'].pk}/change/")
    watched.locator("#id_tags").press_sequentially("bo")  # admin-tags.js asks the autocomplete endpoint
    watched.wait_for_function("() => document.querySelector('#id_tags_suggestions option') !== null",
                              timeout=10_000)
    watched.locator(".field-collection .select2-selection").click()  # the admin's autocomplete (select2)
    watched.locator(".select2-results__option", has_text="Fishing ports").wait_for(timeout=10_000)
    watched.keyboard.press("Escape")
    visit(watched, "/admin/archive/item/")
    visit(watched, "/admin/archive/changerecord/")
    # The exhibit builder: fields by kind, the picker with thumbnails, the live preview in frames.
    exhibit = Exhibit.objects.get(slug="fishing-lives")
    watched.set_viewport_size({"width": 1600, "height": 1000})
    visit(watched, f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    watched.frame_locator(".preview-phone iframe").locator("h1").wait_for(timeout=10_000)
    watched.fill("input[name='blocks-0-heading']", "ทดลอง")  # the unsaved preview, drawn into the frames
    watched.frame_locator(".preview-phone iframe").get_by_text("ทดลอง").wait_for(timeout=10_000)
    watched.locator("#id_cover + .select2-container, .field-cover .select2-selection").first.click()
    watched.locator(".select2-results__option .picker-result").first.wait_for(timeout=10_000)
    watched.keyboard.press("Escape")
    # A transcript beside its recording's player.
    transcript = filmed_interview.assets.get().transcripts.get()
    visit(watched, f"/admin/oral_histories/transcript/{transcript.pk}/change/")
    assert watched.locator(".oh-player video").count() == 1

    assert watched.problems == []


def test_the_check_notices_a_violation(watched, isolated_files):
    visit(watched, "/")
    watched.evaluate("document.body.setAttribute('style', 'color: red')")
    assert watched.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    watched.wait_for_function("() => window.cspViolations.length > 0")
    assert any("CSP violation: style-src-attr blocked inline" in problem for problem in watched.problems), \
        watched.problems
