"""Every link and control outside running prose is at least 44 by 44 px on a 360 px phone, so a thumb finds it:
header and footer links, facets, item facts, downloads, exhibit blocks and an interview's index timecodes."""

import pytest

from archive.models import Language
from oral_histories.models import Cue, Segment, Transcript
from tests.e2e.viewports import PHONE
from tests.exhibits.museum import build_museum

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MINIMUM = 44
# Links inside sentences (an exhibit's prose, a lead paragraph) are exempt, as WCAG exempts inline links; so are
# the pins and names drawn on a map, since its caption lists every place again as a full-size link (WCAG 2.5.8's
# equivalent control).
TOO_SMALL = """() => Array.from(document.querySelectorAll('a[href], summary, button, input')).filter(e => {
  const box = e.getBoundingClientRect();
  if (box.width === 0 || box.height === 0 || e.closest('.prose, .lead, .vh, .skip, svg.map')) return false;
  return Math.round(box.height) < 44 || Math.round(box.width) < 44;
}).map(e => {
  const box = e.getBoundingClientRect();
  return `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 30)}" in .${e.parentElement.className}: `
       + `${Math.round(box.width)}x${Math.round(box.height)}`;
})"""


@pytest.fixture
def museum(isolated_files):
    museum = build_museum(isolated_files / "media", pictures=True)
    recording = museum["voice"].assets.get()
    transcript = Transcript.objects.create(recording=recording, language=Language.for_code("mya"))
    Cue.objects.create(transcript=transcript, start_ms=0, end_ms=4000, text="ပင်လယ်ထဲမှာ ညလုံးပေါက် အလုပ်လုပ်တယ်")
    Cue.objects.create(transcript=transcript, start_ms=4000, end_ms=9000, text="We worked all night at sea.")
    Segment.objects.create(recording=recording, start_ms=0, end_ms=9000, title="ทะเล")
    return museum


def pages(museum):
    return ["/", "/browse/?kind=photograph", "/search/?q=boat", "/exhibits/fishing-lives/",
            f"/items/{museum['photo'].accession_number}/", f"/items/{museum['film'].accession_number}/",
            f"/items/{museum['voice'].accession_number}/", "/km/browse/", f"/my/items/{museum['voice'].accession_number}/"]


def test_every_tap_target_is_big_enough_on_a_phone(page, museum):
    page.set_viewport_size(PHONE)
    small = {}
    for path in pages(museum):
        assert page.goto(path).status == 200, path
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        if found := page.evaluate(TOO_SMALL):
            small[path] = found
    assert small == {}, small
    # The measured page did have what the issue names: index timecodes, downloads, footer and facet links.
    page.goto(f"/items/{museum['voice'].accession_number}/")
    assert page.locator("a.oh-time").count() >= 2
    page.goto(f"/items/{museum['film'].accession_number}/")
    assert page.locator(".downloads a").count() >= 1 and page.locator("footer.site a").count() >= 2
