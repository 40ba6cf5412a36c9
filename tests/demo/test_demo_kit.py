"""The demo's sample lesson kit: in Thai and English, built from classroom-consented demo sources, published."""

import pytest
from django.core.management import call_command

from archive.models import ChangeRecord
from lessons.contents import kit_contents
from lessons.models import Kit, KitSource

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_published_kit_in_thai_and_english_whose_sources_all_show(client):
    call_command("load_demo")
    kit = Kit.objects.get(slug="working-at-sea")
    assert list(Kit.objects.public()) == [kit] and kit.languages() == ["en", "th"]
    for base in ("summary", "objectives", "questions_observe", "questions_reflect", "questions_question",
                 "activities", "vocabulary", "advisories"):
        assert kit.text_exactly_in(base, "th") and kit.text_exactly_in(base, "en"), base
    contents = kit_contents(kit)
    assert contents.removed == 0
    assert [source.kind for source in contents.sources] == ["clip", "item", "clip", "exhibit"]
    assert contents.sources[0].item.accession_number == "DEMO-0001" and contents.sources[0].fragment == "#t=0,3"
    page = client.get("/th/lessons/working-at-sea/?with=en")
    html = page.content.decode()
    assert page.status_code == 200 and "แรงงานข้ามชาติบนเรือประมงไทย" in html and "migrant crews" in html
    assert "0:03" in html and "no longer available" not in html  # the clip, by its span

    before = (KitSource.objects.count(), ChangeRecord.objects.count(), list(KitSource.objects.values_list("pk")))
    call_command("load_demo")
    assert (KitSource.objects.count(), ChangeRecord.objects.count(),
            list(KitSource.objects.values_list("pk"))) == before
