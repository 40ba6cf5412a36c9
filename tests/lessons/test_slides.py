"""The slideshow of a kit: the classroom rule on every slide, the notes, and who may open it."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Asset
from lessons.lookup import kit_url
from lessons.models import Kit
from tests.factories import (attach_audio, grant, make_consent, make_item, make_kit, make_oral_history,
                             make_recording)

pytestmark = pytest.mark.django_db


def interview(title):
    item = make_oral_history(title=title)
    attach_audio(make_recording(item, kind=Asset.Kind.AUDIO))
    return item


def slides_of(client, kit, query=""):
    response = client.get(kit_url(kit, "slides") + query)
    assert response.status_code == 200
    return response, response.content.decode()


def test_only_sources_the_classroom_may_see_make_slides_and_the_title_slide_counts_the_rest(client):
    kept, refused, staff_only = make_item(title="Nets at dawn"), make_item(title="Harbour raid"), make_item(
        title="Staff memo", access="staff")
    make_consent(refused, classroom=False)
    kit = make_kit(kept, refused, staff_only, questions_observe="What do you see?", activities="Draw the boat")
    _, html = slides_of(client, kit)
    assert "Nets at dawn" in html and "Harbour raid" not in html and "Staff memo" not in html
    # Title, one source, the questions, the activities.
    assert re.findall(r'<section class="slide slide-(\w+)" id="(\d+)"', html) == [
        ("title", "1"), ("source", "2"), ("questions", "3"), ("activities", "4")]
    title_slide = html[html.index('id="1"'):html.index('id="2"')]
    assert "2 sources of this kit are no longer available." in title_slide


def test_a_clip_slide_plays_only_its_part(client):
    item = interview("Night boats")
    kit = make_kit((item, Decimal("1.5"), Decimal("4")))
    _, html = slides_of(client, kit)
    sources = re.findall(r'<source src="([^"]+)"', html)
    assert sources and all(src.endswith("#t=1.5,4") for src in sources)
    assert 'data-clip-start="1.5" data-clip-end="4.0"' in html
    assert 'src="/static/js/media-clip.js"' in html and 'src="/static/js/slides.js"' in html


def test_a_clip_whose_recording_the_classroom_may_not_play_is_removed(client):
    item = make_oral_history(title="Quiet voices")
    attach_audio(make_recording(item, kind=Asset.Kind.AUDIO, withheld=True))
    _, html = slides_of(client, make_kit((item, Decimal("1"), Decimal("2"))))
    assert "Quiet voices" not in html and "One source of this kit is no longer available." in html


def test_every_slide_has_speaker_notes_with_the_note_and_the_guiding_questions(client):
    item = make_item(title="Pay slip")
    kit = make_kit(item, questions_observe="What is written on it?", questions_reflect="Who wrote it?",
                   questions_question="What would you ask the worker?", summary="A lesson about wages",
                   objectives="Read a pay slip\nCompare wages", duration_minutes=45)
    kit.sources.update(note="Ask the class to count the deductions.")
    _, html = slides_of(client, kit)
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', html, re.S)
    assert len(notes) == 3  # title, source, questions
    assert "A lesson about wages" in notes[0]
    assert "Ask the class to count the deductions." in notes[1]
    for question in ("What is written on it?", "Who wrote it?", "What would you ask the worker?"):
        assert question in notes[1]
    assert "Read a pay slip" in html and "45 minutes" in html and "Lower secondary" in html


def test_the_notes_parameter_opens_the_presenter_view(client):
    kit = make_kit(make_item())
    _, html = slides_of(client, kit, "?notes=1")
    assert '<body class="deck presenter">' in html
    _, html = slides_of(client, kit, "?notes=yes")
    assert '<body class="deck">' in html


def test_the_slides_are_in_the_readers_language(client):
    kit = make_kit(make_item(title="Boat", title_th="เรือ"), title="Workers", title_th="แรงงาน")
    response = client.get("/th" + kit_url(kit, "slides"))
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="th"' in html and "<h1>แรงงาน</h1>" in html
    assert "เรือ" in html


def test_a_draft_kit_is_not_found_by_the_public_and_previewed_privately_by_a_curator(client, django_user_model):
    kit = make_kit(make_item(), status=Kit.Status.DRAFT)
    assert client.get(kit_url(kit, "slides")).status_code == 404
    curator = grant(django_user_model.objects.create_user("curator"), "lessons.view_kit")
    client.force_login(curator)
    response, _ = slides_of(client, kit)
    assert "private" in response["Cache-Control"]


def test_a_teachers_kit_opens_by_its_share_link_only(client, django_user_model):
    teacher = django_user_model.objects.create_user("teacher")
    kit = make_kit(make_item(title="Market day"), owner=teacher, status=Kit.Status.DRAFT)
    response, html = slides_of(client, kit)
    assert "Market day" in html and "private" in response["Cache-Control"]
    assert client.get(f"/lessons/{kit.slug}/slides/").status_code == 404
    assert client.get("/lessons/shared/not-a-key/slides/").status_code == 404


@pytest.mark.parametrize("address", ["/lessons/no-such-kit/slides/", "/lessons/ab%00cd/slides/",
                                     "/lessons/shared/ab%00cd/slides/", "/lessons/" + "ก" * 300 + "/slides/"])
def test_an_unknown_or_hostile_kit_address_is_not_found(client, address):
    assert client.get(address).status_code == 404


def test_a_published_kit_is_cacheable_and_takes_a_fixed_number_of_queries(client):
    counts = []
    for size in (1, 5):
        kit = make_kit(*[interview(f"Voice {size}-{n}") for n in range(size)], make_item())
        with CaptureQueriesContext(connection) as queries:
            response, _ = slides_of(client, kit)
        counts.append(len(queries))
        assert "private" not in response.get("Cache-Control", "")
    assert counts[0] == counts[1]
