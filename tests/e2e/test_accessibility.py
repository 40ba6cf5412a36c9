"""axe-core scans of the public pages in English and Thai: no serious or critical accessibility violations."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.viewports import PHONE
from tests.exhibits.museum import build_museum

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media", pictures=True)


def axe_violations(page):
    # Evaluated through the browser's devtools: the pages' CSP would refuse an injected script tag.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def describe(violations):
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                     for v in violations)


@pytest.mark.parametrize("prefix", ["", "/th"])
def test_public_pages_have_no_serious_violations(page, museum, prefix):
    assert AXE.is_file(), "run scripts/setup test to install axe-core from package-lock.json"
    paths = ["/", "/exhibits/", "/exhibits/fishing-lives/", f"/items/{museum['photo'].accession_number}/",
             f"/items/{museum['film'].accession_number}/", f"/items/{museum['voice'].accession_number}/",
             "/browse/", "/browse/?kind=photograph", "/search/?q=boat", "/search/?q=เรือ"]
    found = {}
    for viewport, scanned in ((None, paths), (PHONE, paths[:4])):  # the phone layout differs in its header
        if viewport:
            page.set_viewport_size(viewport)
        for path in scanned:
            assert page.goto(prefix + path).status == 200
            violations = axe_violations(page)
            if violations:
                found[f"{prefix + path} at {viewport or 'desktop'}"] = describe(violations)
    assert not found, "\n\n".join(f"{where}:\n{text}" for where, text in found.items())


def test_the_scan_finds_a_real_violation(page, museum):
    page.goto("/")
    page.evaluate("document.querySelector('#site-q').removeAttribute('id');"
                  "document.querySelector('header form.search input').removeAttribute('placeholder')")
    assert "label" in describe(axe_violations(page))
