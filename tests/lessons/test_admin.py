"""Curators build and publish lesson kits in the admin, and see which kits the classroom rule has thinned."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Asset, Item
from lessons.models import Kit
from tests.factories import make_consent, make_item, make_kit, make_oral_history, make_recording

pytestmark = pytest.mark.django_db


def sources_data(sources):
    data = {"sources-TOTAL_FORMS": str(len(sources)), "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "0",
            "sources-MAX_NUM_FORMS": "1000"}
    for n, source in enumerate(sources):
        for key, value in source.items():
            data[f"sources-{n}-{key}"] = value
    return data


KIT = {"slug": "fishing-crews", "title": "Fishing crews", "title_th": "ลูกเรือประมง", "age_band": "secondary-lower",
       "subject_area": "history", "duration_minutes": "50", "original_language": "th", "status": "published",
       "objectives_th": "บรรยายคืนทำงานกลางทะเล", "questions_observe": "What time does the boat leave?"}


def test_a_curator_builds_and_publishes_a_kit_with_ordered_sources(client, staff_user):
    photo, interview = make_item(title="Harbour"), make_oral_history(title="Night boats")
    make_recording(interview, kind=Asset.Kind.AUDIO)
    client.force_login(staff_user)
    response = client.post("/admin/lessons/kit/add/", {**KIT, **sources_data([
        {"position": "2", "kind": "clip", "item": str(interview.pk), "clip_start": "12", "clip_end": "47.5",
         "note_th": "ฟังช่วงนี้"},
        {"position": "1", "kind": "item", "item": str(photo.pk)},
    ])})
    assert response.status_code == 302, response.content.decode()[:3000]
    kit = Kit.objects.get(slug="fishing-crews")
    assert kit.status == "published" and kit.published_at is not None and kit.written_in == ",en,th,"
    assert [(s.kind, s.item) for s in kit.sources.all()] == [("item", photo), ("clip", interview)]
    assert kit.sources.last().fragment == "#t=12,47.5"
    client.logout()
    assert "ลูกเรือประมง" in client.get("/th/lessons/fishing-crews/").content.decode()


def test_a_clip_without_an_end_is_refused_with_a_message(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/admin/lessons/kit/add/", {**KIT, **sources_data([
        {"position": "1", "kind": "clip", "item": str(make_item().pk), "clip_start": "12"}])})
    assert response.status_code == 200 and "A clip needs a start and an end." in response.content.decode()
    assert not Kit.objects.exists()


def test_the_change_page_groups_texts_by_language_thai_and_english_first_and_links_to_the_site(client, staff_user):
    kit = make_kit(make_item(title="Harbour"))
    client.force_login(staff_user)
    html = client.get(f"/admin/lessons/kit/{kit.pk}/change/").content.decode()
    positions = [html.index(f'name="{name}"') for name in ("title_th", "advisories_th", "title", "advisories",
                                                            "title_my", "title_km", "title_lo")]
    assert positions == sorted(positions)
    assert f'href="/lessons/{kit.slug}/"' in html and "View on site" in html
    assert "archive-picker" in html and "/admin/picker/?for=items" in html


def test_the_list_counts_the_sources_the_classroom_rule_leaves_out(client, staff_user):
    refused, hidden = make_item(title="Refused"), make_item(title="Hidden")
    make_consent(refused, classroom=False)
    make_kit(make_item(), refused, hidden, title="Thinned kit")
    make_kit(make_item(), title="Whole kit")
    Item.objects.filter(pk=hidden.pk).update(access="staff")
    client.force_login(staff_user)
    html = client.get("/admin/lessons/kit/").content.decode()
    row = html[html.index("Thinned kit"):]
    assert '">2</strong>' in row[:row.index("</tr>")]
    whole = html[html.index("Whole kit"):]
    assert "</strong>" not in whole[:whole.index("</tr>")]


def test_the_list_takes_the_same_queries_for_more_kits(client, staff_user):
    client.force_login(staff_user)

    def kit():
        interview = make_oral_history()
        make_recording(interview)
        return make_kit(make_item(), (interview, Decimal("1"), Decimal("4")))

    kit()
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/lessons/kit/")
    for _n in range(4):
        kit()
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/lessons/kit/")
    assert len(few) == len(many)


def test_the_list_filters_teachers_kits_language_and_subject(client, staff_user, django_user_model):
    teacher = django_user_model.objects.create_user("kru-somchai")
    make_kit(title="Archive kit")
    make_kit(title="Teacher kit", owner=teacher, status=Kit.Status.DRAFT)
    make_kit(title="Lao kit", title_lo="ລາວ", title_th="", subject_area=Kit.Subject.ARTS)
    client.force_login(staff_user)

    def listed(query):
        html = client.get(f"/admin/lessons/kit/{query}").content.decode()
        return {title for title in ("Archive kit", "Teacher kit", "Lao kit") if title in html}

    assert listed("") == {"Archive kit", "Teacher kit", "Lao kit"}
    assert listed("?made_by=teachers") == {"Teacher kit"}
    assert listed("?made_by=archive") == {"Archive kit", "Lao kit"}
    assert listed("?written_in=lo") == {"Lao kit"}
    assert listed("?subject_area=arts") == {"Lao kit"}
    assert listed("?q=ລາວ") == {"Lao kit"}


def test_publish_now_publishes_the_archives_drafts(client, staff_user):
    draft = make_kit(make_item(), status=Kit.Status.DRAFT, title="Draft kit")
    assert client.get(f"/lessons/{draft.slug}/").status_code == 404
    client.force_login(staff_user)
    client.post("/admin/lessons/kit/", {"action": "publish_now", "_selected_action": [draft.pk]})
    client.logout()
    assert client.get(f"/lessons/{draft.slug}/").status_code == 200
