"""The kit list and a kit's page: filters, the classroom rule, two languages side by side, caching and queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Asset, Item
from lessons.models import Kit
from oral_histories.services import transcript_import
from tests.factories import (attach_audio, grant, make_consent, make_item, make_kit, make_oral_history,
                             make_picture, make_recording)

pytestmark = pytest.mark.django_db

VTT = """WEBVTT

00:00:02.000 --> 00:00:05.000
<v Ko Min>เราออกเรือตอนตีสาม

00:00:30.000 --> 00:00:33.000
<v Ko Min>ค่าจ้างไม่พอส่งกลับบ้าน
"""


def interview(title="Night boats"):
    item = make_oral_history(title=title, title_th="เรือกลางคืน")
    attach_audio(make_recording(item, kind=Asset.Kind.AUDIO))
    transcript_import(item=item, language="tha", text=VTT)
    return item


def full_kit(*sources, **fields):
    return make_kit(*sources, **{
        "summary": "How fishing crews from Myanmar tell their work.", "summary_th": "ลูกเรือประมงเล่าถึงงานของพวกเขา",
        "objectives": "Describe a working night at sea\nCompare two accounts",
        "objectives_th": "บรรยายคืนทำงานกลางทะเล\nเปรียบเทียบสองเรื่องเล่า",
        "questions_observe": "What time does the boat leave?", "questions_reflect": "Why send money home?",
        "questions_question": "Who decides the wage?", "activities": "Listen, then write three questions.",
        "vocabulary": "crew — the people who work a boat", "vocabulary_th": "ลูกเรือ — คนที่ทำงานบนเรือ",
        "advisories": "The recordings speak of injury at sea.", "advisories_th": "เสียงบันทึกพูดถึงการบาดเจ็บกลางทะเล",
        "duration_minutes": 45, **fields})


def test_the_kit_page_shows_texts_sources_player_excerpt_citations_and_rights(client):
    item = interview()
    photo = make_item(title="Harbour at dawn")
    make_picture(photo)
    kit = full_kit((item, Decimal("25"), Decimal("40")), photo, title="Fishing crews")
    page = client.get(kit.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Fishing crews" in html
    for text in ("Describe a working night at sea", "What time does the boat leave?", "Why send money home?",
                 "Who decides the wage?", "Listen, then write three questions.", "the people who work a boat",
                 "45 minutes", "lower secondary"):
        assert text in html, text
    assert html.index("injury at sea") < html.index('id="kit-sources"')  # advisories come before the sources
    assert "#t=25,40" in html and "<audio" in html  # the clip plays only its part
    assert "ค่าจ้างไม่พอส่งกลับบ้าน" in html and "เราออกเรือตอนตีสาม" not in html  # lines within the clip
    assert "Harbour at dawn" in html and "<picture" in html
    assert html.count("<dt>Chicago</dt>") == 2 and "Accessed" in html
    assert "Rights" in html and "Licence" in html and "no longer available" not in html
    assert "Cache-Control" not in page or "private" not in page["Cache-Control"]


def test_players_carry_caption_tracks_of_transcripts_the_class_may_read_only(client, django_user_model):
    item = interview()
    kit = full_kit(item)
    html = client.get(kit.get_absolute_url()).content.decode()
    assert html.count('<track kind="captions"') == 1 and 'srclang="th"' in html
    item.assets.get().transcripts.update(staff_only=True)
    assert '<track kind="captions"' not in client.get(kit.get_absolute_url()).content.decode()
    client.force_login(grant(django_user_model.objects.create_user("curator"), "oral_histories.view_transcript",
                             "archive.view_item"))  # who asks does not widen the kit
    assert '<track kind="captions"' not in client.get(kit.get_absolute_url()).content.decode()


def test_the_kit_page_in_thai_with_english_beside_it(client):
    kit = full_kit(make_item(), title="Fishing crews", title_th="ลูกเรือประมง")
    thai = client.get(f"/th/lessons/{kit.slug}/").content.decode()
    assert "ลูกเรือประมง" in thai and "บรรยายคืนทำงานกลางทะเล" in thai and "Describe a working night" not in thai
    both = client.get(f"/th/lessons/{kit.slug}/?with=en").content.decode()
    assert "บรรยายคืนทำงานกลางทะเล" in both and "Describe a working night" in both
    assert 'class="kit-column" lang="en"' in both and "kit-side-by-side" in both
    assert '<option value="en" lang="en" selected>' in both


@pytest.mark.parametrize("value", ["th", "my", "xx", "", "e\x00n", "en" * 500, "%FF"])
def test_side_by_side_ignores_a_language_the_kit_lacks_or_the_pages_own(client, value):
    kit = full_kit(make_item())  # Thai and English only
    page = client.get(f"/th/lessons/{kit.slug}/", {"with": value})
    assert page.status_code == 200 and "kit-side-by-side" not in page.content.decode()


def test_a_source_left_out_of_the_classroom_is_not_on_the_page_which_says_one_was_removed(client):
    shown, refused, hidden = (make_item(title="Shown nets"), make_item(title="Refused harbour"),
                              make_item(title="Hidden market"))
    make_consent(refused, classroom=False)
    kit = full_kit(shown, refused, hidden)
    assert "One source of this kit is no longer available." in client.get(kit.get_absolute_url()).content.decode()
    Item.objects.filter(pk=hidden.pk).update(access="staff")
    html = client.get(kit.get_absolute_url()).content.decode()
    assert "Shown nets" in html and "Refused harbour" not in html and "Hidden market" not in html
    assert "2 sources of this kit are no longer available." in html
    assert refused.accession_number not in html and hidden.accession_number not in html


def test_a_curator_sees_the_class_kit_and_a_draft_privately(client, django_user_model):
    curator = grant(django_user_model.objects.create_user("curator"), "lessons.view_kit", "archive.view_item")
    hidden = make_item(title="Staff-only boat", access="staff")
    draft = full_kit(hidden, status=Kit.Status.DRAFT, title="Draft kit")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(curator)
    page = client.get(draft.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Draft kit" in html and "Draft:" in html
    assert "Staff-only boat" not in html and "One source of this kit is no longer available." in html
    assert "private" in page["Cache-Control"]


def test_a_kit_published_for_later_is_not_public_yet(client):
    kit = full_kit(make_item(), published_at=timezone.now() + timedelta(days=1))
    assert client.get(kit.get_absolute_url()).status_code == 404
    assert kit.get_absolute_url() not in client.get("/lessons/").content.decode()


def test_a_teachers_kit_by_its_share_link_is_private(client, django_user_model):
    teacher = django_user_model.objects.create_user("teacher")
    kit = full_kit(make_item(), owner=teacher, status=Kit.Status.DRAFT, title="My class")
    page = client.get(kit.get_absolute_url())
    assert page.status_code == 200 and "My class" in page.content.decode() and "private" in page["Cache-Control"]
    assert "Draft:" not in page.content.decode()


def test_the_kit_page_takes_the_same_queries_whatever_the_kit_holds(client):
    """A kit of one source of each kind (item, clip, picture, exhibit, one removed) and one of many of each."""
    from exhibits.models import Exhibit

    def sources(size):
        voices = [interview(f"Voice {size}-{n}") for n in range(size)]
        pictures = [make_item(title=f"Photo {size}-{n}") for n in range(size)]
        for item in pictures:
            make_picture(item)
        refused = [make_item() for _n in range(size)]
        for item in refused:
            make_consent(item, classroom=False)
        exhibits = [Exhibit.objects.create(slug=f"e{size}-{n}", title="Boats", status="published",
                                           published_at=timezone.now()) for n in range(size)]
        return [*voices, *[(item, Decimal("1"), Decimal("6")) for item in voices], *pictures, *exhibits, *refused]

    counts = []
    for kit in (full_kit(*sources(1)), full_kit(*sources(4))):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(kit.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def kit_titles(client, query=""):
    html = client.get(f"/lessons/{query}").content.decode()
    return {kit.display_title() for kit in Kit.objects.all() if kit.display_title() in html}


def test_the_list_shows_cards_and_filters_by_age_subject_and_language(client):
    photo = make_item()
    make_picture(photo)
    refused = make_item()
    make_consent(refused, classroom=False)
    history = full_kit(refused, photo, title="History kit")
    make_kit(make_item(), title="Rights kit", subject_area=Kit.Subject.HUMAN_RIGHTS, age_band=Kit.AgeBand.ADULT)
    make_kit(title="Burmese kit", title_my="မြန်မာ", title_th="")
    full_kit(title="Draft kit", status=Kit.Status.DRAFT)
    html = client.get("/lessons/").content.decode()
    card = html[html.index("History kit"):]
    assert "How fishing crews from Myanmar" in card and "45 minutes" in card and 'lang="th">ไทย' in card
    assert html.index("<picture") < html.index("History kit")  # the cover is the first shown source's picture
    assert history.get_absolute_url() in html
    assert kit_titles(client) == {"History kit", "Rights kit", "Burmese kit"}
    assert kit_titles(client, "?age=adult") == {"Rights kit"}
    assert kit_titles(client, "?subject=history") == {"History kit", "Burmese kit"}
    assert kit_titles(client, "?language=my") == {"Burmese kit"}
    assert kit_titles(client, "?language=th&subject=history") == {"History kit"}


@pytest.mark.parametrize("query", ["?age=ancient", "?subject=%00", "?language=fr", "?age=" + "9" * 5000,
                                   "?language=%FF%FE", "?subject=history&subject=%00"])
def test_the_list_ignores_unknown_filter_values(client, query):
    make_kit(title="Any kit")
    page = client.get(f"/lessons/{query}")
    assert page.status_code == 200 and "Any kit" in page.content.decode()


def test_the_list_takes_the_same_queries_whatever_it_shows(client):
    def kit_with_picture():
        photo = make_item()
        make_picture(photo)
        clip = interview()
        return make_kit((clip, Decimal("1"), Decimal("3")), photo)

    kit_with_picture()
    with CaptureQueriesContext(connection) as few:
        client.get("/lessons/")
    for _n in range(3):
        kit_with_picture()
    with CaptureQueriesContext(connection) as many:
        client.get("/lessons/")
    assert len(few) == len(many)


def test_the_site_header_links_to_the_lessons(client):
    assert 'href="/lessons/"' in client.get("/").content.decode()
    assert 'href="/th/lessons/"' in client.get("/th/").content.decode()


def test_the_kit_page_leads_to_every_surface_for_the_class(client):
    kit = make_kit(make_item())
    page = client.get(kit.get_absolute_url()).content.decode()
    for surface in ("slides/", "handout/", "handout.pdf", "pack.zip"):
        assert f'href="/lessons/{kit.slug}/{surface}"' in page, surface
    assert 'class="print-address" hidden' in page and "<svg" in page
