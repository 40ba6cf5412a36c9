import pytest
from tests.e2e.viewports import PHONE
from tests.exhibits.museum import build_museum
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

def test_debug(page, isolated_files):
    m = build_museum(isolated_files / "media", pictures=True)
    page.set_viewport_size(PHONE)
    for p in ["/km/", "/my/", "/lo/", "/th/"]:
        page.goto(p)
        print(p, page.evaluate("""() => Array.from(document.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > 360).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + Math.round(e.getBoundingClientRect().width)).slice(0, 12)"""))
    page.goto("/km/")
    page.screenshot(path="/tmp/km.png")
