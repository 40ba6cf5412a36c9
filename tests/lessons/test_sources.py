"""How every kit surface describes a source: excerpts within a clip, citations and rights in the reader's language."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from archive.models import Asset, Item
from lessons.contents import kit_contents
from lessons.models import Kit
from lessons.sources import describe
from oral_histories.services import transcript_import
from tests.factories import add_agent, make_agent, make_item, make_kit, make_oral_history, make_recording

pytestmark = pytest.mark.django_db

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ko Min>เราออกเรือตอนตีสาม

00:00:05.000 --> 00:00:09.000
<v Ko Min>ค่าจ้างไม่พอส่งกลับบ้าน

00:00:20.000 --> 00:00:24.000
<v Ko Min>แล้วเราก็รวมตัวกัน
"""


def interview(narrator="Ko Min"):
    item = make_oral_history(title="Night boats", title_th="เรือกลางคืน", rights=Item.Rights.IN_COPYRIGHT_EDU,
                             licence=Item.Licence.BY_NC)
    add_agent(item, make_agent(display_name=narrator))
    make_recording(item, kind=Asset.Kind.AUDIO)
    transcript_import(item=item, language="tha", text=VTT)
    return item


def test_a_clip_shows_the_lines_said_within_it_and_a_whole_recording_its_first_lines():
    item = interview()
    kit = make_kit((item, Decimal("4.5"), Decimal("12")), item)
    clip, whole = describe(kit_contents(kit), RequestFactory().get("/"), "th")
    assert [line.text for line in clip.excerpt] == ["ค่าจ้างไม่พอส่งกลับบ้าน"]
    assert clip.excerpt[0].start == 5 and clip.excerpt[0].language == "th"
    assert len(whole.excerpt) == 3 and whole.fragment == "" and clip.fragment == "#t=4.5,12"


def test_citations_rights_and_licence_come_in_the_readers_language():
    kit = make_kit(interview())
    (thai,) = describe(kit_contents(kit), RequestFactory().get("/th/"), "th")
    assert thai.title == "เรือกลางคืน" and set(thai.citations) == {"Chicago", "APA", "MLA"}
    assert "เรือกลางคืน" in thai.citations["Chicago"] and thai.url.startswith("http://testserver/")
    assert thai.licence_name and thai.rights_name and thai.number == 1
    (english,) = describe(kit_contents(kit), RequestFactory().get("/"), "en")
    assert "Night boats" in english.citations["MLA"] and "Accessed" in english.citations["MLA"]


def test_a_transcript_kept_from_the_public_is_not_excerpted():
    item = interview()
    item.assets.get().transcripts.update(staff_only=True)
    (view,) = describe(kit_contents(make_kit(item)), RequestFactory().get("/"), "en")
    assert view.excerpt == []


def test_describing_takes_a_fixed_number_of_queries():
    counts = []
    for size in (1, 6):
        kit = make_kit(*[interview(f"Narrator {size}-{n}") for n in range(size)], make_item())
        kit = Kit.objects.get(pk=kit.pk)
        contents = kit_contents(kit)
        with CaptureQueriesContext(connection) as queries:
            describe(contents, RequestFactory().get("/"), "en")
        counts.append(len(queries))
    assert counts[0] == counts[1]
