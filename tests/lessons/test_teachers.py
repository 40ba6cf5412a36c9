"""A teacher's own kits: the Teachers role, "add to kit" on item and exhibit pages, clips, "My kits", share links."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from archive.models import Asset
from exhibits.models import Exhibit
from lessons.lookup import kit_url
from lessons.models import Kit, KitSource
from tests.factories import (attach_audio, grant, make_consent, make_invitation, make_item, make_oral_history,
                             make_recording)

pytestmark = pytest.mark.django_db

User = get_user_model()


def make_teacher(username="ครูสมศรี"):
    return grant(User.objects.create_user(username, password="pw"), "lessons.build_own_kit")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def teacher():
    return make_teacher()


@pytest.fixture
def interview():
    """A public interview with a 90-second recording the public may play."""
    item = make_oral_history(title="Night shift at the pier", title_th="กะกลางคืนที่ท่าเรือ")
    recording = make_recording(item, kind=Asset.Kind.AUDIO)
    audio = attach_audio(recording)
    audio.duration = 90.0
    audio.save()
    return item


def own_kit(teacher, *items, title="Fishing towns"):
    kit = Kit.objects.create(owner=teacher, slug=f"own-{title.replace(' ', '-')}", title=title, age_band="",
                             subject_area="")
    for position, item in enumerate(items):
        KitSource.objects.create(kit=kit, position=position, item=item)
    return kit


def add(client, **data):
    return client.post("/lessons/mine/add/", data)


# The role

def test_an_invitation_in_the_teachers_role_makes_a_teacher_account(client):
    invitation = make_invitation("Teachers", note="Kru Somsri, Mae Sot learning centre")
    client.get(f"/th/accounts/invitation/{invitation.token}/")
    password = "ปลาทูน่า-2024-ทะเล"
    response = client.post("/th/accounts/signup/", {"username": "ครูสมศรี", "password1": password,
                                                    "password2": password})
    assert response.status_code == 302
    user = User.objects.get(username="ครูสมศรี")
    assert [group.name for group in user.groups.all()] == ["Teachers"]
    assert user.has_perm("lessons.build_own_kit")
    assert not user.is_staff
    assert client.get("/lessons/mine/").status_code == 200


def test_an_account_without_the_permission_may_not_build_kits(reader, staff_user):
    assert signed_in(reader).get("/lessons/mine/").status_code == 403
    item = make_item()
    assert add(signed_in(reader), item=item.accession_number, kit="new").status_code == 403
    assert not Kit.objects.exists()
    response = Client().get("/lessons/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # Staff status decides nothing: a staff account without the permission gets no form either.
    staff = User.objects.create_user("staffer", password="pw", is_staff=True)
    assert "Add to kit" not in signed_in(staff).get(item.get_absolute_url()).content.decode()


# Adding from item and exhibit pages

def test_a_teacher_adds_an_item_to_a_new_kit_from_its_page(teacher):
    item = make_item(title="Drying squid", title_th="ตากปลาหมึก")
    client = signed_in(teacher)
    page = client.get(item.get_absolute_url())
    html = page.content.decode()
    assert 'action="/lessons/mine/add/"' in html and "csrfmiddlewaretoken" in html
    assert "Clip start" not in html  # a photograph has nothing to clip
    assert "private" in page["Cache-Control"]

    response = add(client, item=item.accession_number, kit="new", title="", next=item.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    kit = Kit.objects.get(owner=teacher)
    assert kit.display_title() == "Drying squid" and kit.status == Kit.Status.DRAFT
    assert [(s.kind, s.item) for s in kit.sources.all()] == [(KitSource.Kind.ITEM, item)]
    assert "Added to your kit “Drying squid”" in client.get(item.get_absolute_url()).content.decode()


def test_a_teacher_adds_to_a_kit_they_have_and_sources_go_at_the_end(teacher):
    first, second = make_item(), make_item()
    kit = own_kit(teacher, first)
    response = add(signed_in(teacher), item=second.accession_number, kit=str(kit.pk))
    assert response.status_code == 302
    assert [s.item for s in kit.sources.all()] == [first, second]


def test_a_teacher_adds_an_exhibit_from_its_page(teacher):
    exhibit = Exhibit.objects.create(slug="ชีวิตชาวประมง", title="Fishing lives", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    client = signed_in(teacher)
    page = client.get(exhibit.get_absolute_url())
    assert 'name="exhibit" value="ชีวิตชาวประมง"' in page.content.decode()
    assert "private" in page["Cache-Control"]
    response = add(client, exhibit=exhibit.slug, kit="new", title="ชุดการสอนเรื่องประมง",
                   next=exhibit.get_absolute_url())
    assert response.status_code == 302
    kit = Kit.objects.get(owner=teacher)
    assert kit.display_title() == "ชุดการสอนเรื่องประมง"
    assert [(s.kind, s.exhibit) for s in kit.sources.all()] == [(KitSource.Kind.EXHIBIT, exhibit)]


def test_a_draft_exhibit_cannot_be_added(teacher):
    draft = Exhibit.objects.create(slug="draft", title="Draft")
    response = add(signed_in(teacher), exhibit=draft.slug, kit="new")
    assert response.status_code == 400 and "cannot be added to a lesson kit" in response.content.decode()
    assert not Kit.objects.exists()


def test_a_teacher_cannot_add_to_another_teachers_kit(teacher):
    other_kit = own_kit(make_teacher("ครูวิชัย"))
    item = make_item()
    response = add(signed_in(teacher), item=item.accession_number, kit=str(other_kit.pk))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not other_kit.sources.exists()


def test_an_address_elsewhere_is_not_followed_after_adding(teacher):
    item = make_item()
    response = add(signed_in(teacher), item=item.accession_number, kit="new", next="https://example.org/")
    assert response["Location"] == item.get_absolute_url()


# The classroom rule

def test_a_hidden_item_or_one_without_classroom_consent_cannot_be_added(teacher):
    hidden = make_item(access="staff")
    refused = make_item(title="Harbour")
    make_consent(refused, classroom=False)
    client = signed_in(teacher)
    for item in (hidden, refused):
        response = add(client, item=item.accession_number, kit="new")
        assert response.status_code == 400
        assert "cannot be added to a lesson kit" in response.content.decode()
    assert not Kit.objects.exists() and not KitSource.objects.exists()
    page = client.get(refused.get_absolute_url()).content.decode()
    assert "This item cannot go in a lesson kit" in page and 'action="/lessons/mine/add/"' not in page


def test_names_no_record_could_have_are_refused_plainly(teacher):
    client = signed_in(teacher)
    for data in ({"item": "TEST\x00"}, {"exhibit": "boats\x00"}, {"item": "A" * 300}, {}):
        response = add(client, kit="new", **data)
        assert response.status_code == 400 and "cannot be added to a lesson kit" in response.content.decode()
    assert not Kit.objects.exists()


# Clips

def test_a_clip_of_a_recording_in_minutes_and_seconds(teacher, interview):
    client = signed_in(teacher)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Clip start" in page and "Clip end" in page
    response = add(client, item=interview.accession_number, kit="new", start="0:12", end="75.5")
    assert response.status_code == 302
    source = KitSource.objects.get()
    assert (source.kind, source.clip_start, source.clip_end) == (KitSource.Kind.CLIP, Decimal("12"),
                                                                  Decimal("75.5"))
    assert source.fragment == "#t=12,75.5"


@pytest.mark.parametrize("start, end, message", [
    ("1:00", "0:30", "The clip must end after it starts."),
    ("0:30", "0:30", "The clip must end after it starts."),
    ("1:00", "2:00", "The clip ends after the recording does: the recording is 1:30 long."),
    ("ten", "0:30", "The start is not a time."),
    ("0:10", "1:75", "The end is not a time."),
    ("-5", "0:30", "The start is not a time."),
    ("0:10", "9" * 30, "The end is not a time."),
    ("99999999", "99999999.5", "The start is longer than any recording"),
    ("0:10", "", "A clip needs both a start and an end."),
])
def test_bad_clip_times_are_refused_with_a_clear_message_and_change_nothing(teacher, interview, start, end,
                                                                             message):
    kit = own_kit(teacher)
    response = add(signed_in(teacher), item=interview.accession_number, kit=str(kit.pk), start=start, end=end)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not KitSource.objects.exists() and Kit.objects.count() == 1


def test_an_item_with_nothing_to_play_takes_no_clip(teacher):
    photo = make_item()
    response = add(signed_in(teacher), item=photo.accession_number, kit="new", start="0:10", end="0:20")
    assert response.status_code == 302
    assert KitSource.objects.get().kind == KitSource.Kind.ITEM  # no clip fields on a photograph's form


# My kits

def test_my_kits_lists_only_the_teachers_own(teacher):
    mine = own_kit(teacher, make_item(), title="Rice harvest")
    own_kit(make_teacher("ครูวิชัย"), title="Someone else's")
    response = signed_in(teacher).get("/lessons/mine/")
    html = response.content.decode()
    assert "Rice harvest" in html and "Someone else" not in html
    assert "1 source" in html
    assert kit_url(mine) in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_another_teacher_gets_404_everywhere(teacher):
    kit = own_kit(teacher, make_item())
    source = kit.sources.get()
    other = signed_in(make_teacher("ครูวิชัย"))
    assert other.get(f"/lessons/mine/{kit.pk}/").status_code == 404
    assert other.post(f"/lessons/mine/{kit.pk}/", {"title": "Taken"}).status_code == 404
    assert other.post(f"/lessons/mine/{kit.pk}/sources/{source.pk}/", {"action": "remove"}).status_code == 404
    assert other.post(f"/lessons/mine/{kit.pk}/link/").status_code == 404
    assert other.get(f"/lessons/mine/{kit.pk}/delete/").status_code == 404
    assert other.post(f"/lessons/mine/{kit.pk}/delete/").status_code == 404
    kit.refresh_from_db()
    assert kit.title == "Fishing towns" and kit.sources.count() == 1


def test_a_teacher_makes_a_kit_and_writes_it_in_thai_and_english_side_by_side(teacher):
    client = signed_in(teacher)
    page = client.get("/lessons/mine/new/?a=th&b=en").content.decode()
    assert page.index('name="objectives_th"') < page.index('name="objectives"') < page.index('name="vocabulary_th"')
    response = client.post("/lessons/mine/new/?a=th&b=en", {
        "title_th": "แรงงานข้ามชาติในสมุทรสาคร", "title": "Migrant workers in Samut Sakhon",
        "objectives_th": "อธิบายชีวิตของแรงงาน", "objectives": "Describe the workers' lives",
        "questions_observe_th": "เห็นอะไรในภาพ", "advisories": "Mentions of injury at work",
        "age_band": Kit.AgeBand.SECONDARY_UPPER, "subject_area": Kit.Subject.HUMAN_RIGHTS,
        "duration_minutes": "50"})
    kit = Kit.objects.get(owner=teacher)
    assert response.status_code == 302 and response["Location"] == f"/lessons/mine/{kit.pk}/?a=th&b=en"
    assert kit.original_language == "th" and kit.display_title("lo") == "แรงงานข้ามชาติในสมุทรสาคร"
    assert (kit.objectives, kit.questions_observe_th, kit.advisories, kit.duration_minutes) == (
        "Describe the workers' lives", "เห็นอะไรในภาพ", "Mentions of injury at work", 50)
    assert kit.status == Kit.Status.DRAFT and kit.written_in == ",en,th,"

    page = client.get(f"/lessons/mine/{kit.pk}/?a=my&b=th").content.decode()
    assert 'name="summary_my"' in page and 'name="summary_th"' in page and 'name="summary"' not in page


def test_a_kit_needs_a_title_age_band_and_subject(teacher):
    client = signed_in(teacher)
    response = client.post("/lessons/mine/new/?a=km&b=lo", {"summary_km": "សង្ខេប"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "A kit needs a title in at least one language." in html
    assert html.count("This field is required.") == 2
    assert not Kit.objects.exists()


def test_unknown_languages_fall_back_to_thai_and_english(teacher):
    kit = own_kit(teacher)
    page = signed_in(teacher).get(f"/lessons/mine/{kit.pk}/?a=xx&b=xx").content.decode()
    assert 'name="summary_th"' in page and 'name="summary"' in page


def test_sources_are_reordered_removed_and_their_clip_and_note_edited(teacher, interview):
    photo, other = make_item(title="Boat"), make_item(title="Net")
    kit = own_kit(teacher, photo, other)
    clip = KitSource.objects.create(kit=kit, position=2, kind=KitSource.Kind.CLIP, item=interview,
                                    clip_start=Decimal("5"), clip_end=Decimal("20"))
    client = signed_in(teacher)
    url = f"/lessons/mine/{kit.pk}/sources/"
    page = client.get(f"/lessons/mine/{kit.pk}/").content.decode()
    assert 'value="0:05"' in page and 'value="0:20"' in page

    assert client.post(f"{url}{clip.pk}/", {"action": "up"}).status_code == 302
    assert [s.item for s in kit.sources.all()] == [photo, interview, other]
    client.post(f"{url}{kit.sources.get(item=photo).pk}/", {"action": "remove"})
    assert [s.item for s in kit.sources.all()] == [interview, other]

    prefix = f"source-{clip.pk}"
    response = client.post(f"{url}{clip.pk}/?a=th&b=en", {
        "action": "save", f"{prefix}-start": "0:30", f"{prefix}-end": "1:10",
        f"{prefix}-note_th": "ฟังช่วงที่เล่าเรื่องเรือ", f"{prefix}-note": "Listen for the boat"})
    assert response.status_code == 302
    clip.refresh_from_db()
    assert (clip.clip_start, clip.clip_end, clip.note_th, clip.note) == (
        Decimal("30"), Decimal("70"), "ฟังช่วงที่เล่าเรื่องเรือ", "Listen for the boat")

    response = client.post(f"{url}{clip.pk}/", {"action": "save", f"{prefix}-start": "1:00",
                                                f"{prefix}-end": "2:00"})
    assert response.status_code == 400
    assert "the recording is 1:30 long" in response.content.decode()
    clip.refresh_from_db()
    assert (clip.clip_start, clip.clip_end) == (Decimal("30"), Decimal("70"))

    assert client.post(f"{url}{clip.pk}/", {"action": "explode"}).status_code == 400


def test_the_share_link_works_signed_out_and_a_new_link_kills_the_old(teacher):
    kit = own_kit(teacher, make_item(title="Harbour at dawn"))
    old = kit_url(kit)
    assert old == f"/lessons/shared/{kit.share_token}/"
    assert "Harbour at dawn" in Client().get(old).content.decode()
    assert Client().get(f"/lessons/{kit.slug}/").status_code == 404  # never by its slug

    response = signed_in(teacher).post(f"/lessons/mine/{kit.pk}/link/")
    assert response.status_code == 302
    kit.refresh_from_db()
    assert kit_url(kit) != old
    assert Client().get(old).status_code == 404
    assert Client().get(kit_url(kit)).status_code == 200
    assert signed_in(teacher).get("/lessons/mine/", follow=True).status_code == 200


def test_delete_asks_first_then_deletes(teacher):
    kit = own_kit(teacher, make_item())
    client = signed_in(teacher)
    page = client.get(f"/lessons/mine/{kit.pk}/delete/")
    assert page.status_code == 200 and "Delete “Fishing towns”" in page.content.decode()
    assert Kit.objects.filter(pk=kit.pk).exists()
    response = client.post(f"/lessons/mine/{kit.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/lessons/mine/"
    assert not Kit.objects.filter(pk=kit.pk).exists() and not KitSource.objects.exists()


def test_the_add_form_page_works_without_javascript(teacher, interview):
    page = signed_in(teacher).get(f"/th/lessons/mine/add/?item={interview.accession_number}")
    assert page.status_code == 200
    assert "กะกลางคืนที่ท่าเรือ" in page.content.decode()


# The public

def test_a_public_visitor_sees_no_add_to_kit_form_and_the_pages_stay_cacheable(client, reader, interview):
    exhibit = Exhibit.objects.create(slug="boats", title="Boats", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    for visitor in (client, signed_in(reader)):
        for path in (interview.get_absolute_url(), exhibit.get_absolute_url()):
            response = visitor.get(path)
            html = response.content.decode()
            assert response.status_code == 200
            assert "/lessons/mine/add/" not in html and "Add to a lesson kit" not in html
            assert "private" not in response.get("Cache-Control", ""), path


def test_a_teachers_item_page_takes_the_same_queries_whatever_the_number_of_their_kits(teacher, interview):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(teacher)
    own_kit(teacher, title="One")
    client.get(interview.get_absolute_url())
    counts = []
    for more in (0, 6):
        for n in range(more):
            own_kit(teacher, make_item(), title=f"More {n}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(interview.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
