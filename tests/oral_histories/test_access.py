"""Who may read transcripts and segments: archive's policy on the item, plus each text's own staff-only flag."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from oral_histories.models import Cue, Segment, Transcript
from tests.factories import make_consent, make_oral_history, make_recording

pytestmark = pytest.mark.django_db


def texts(item, *, staff_only=False):
    recording = make_recording(item)
    transcript = Transcript.objects.create(recording=recording, language_id=_language("tha"), staff_only=staff_only)
    Cue.objects.create(transcript=transcript, start_ms=0, end_ms=1000, text="ผม")
    segment = Segment.objects.create(recording=recording, start_ms=0, end_ms=1000, title="a", staff_only=staff_only)
    return recording, transcript, segment


def _language(code):
    from archive.models import Language

    return Language.for_code(code).pk


def visible(user):
    return (set(Transcript.objects.visible_to(user)), set(Segment.objects.visible_to(user)),
            set(Cue.objects.visible_to(user).values_list("transcript_id", flat=True)))


def test_public_item_public_texts(staff_user, registered_user):
    item = make_oral_history()
    _recording, transcript, segment = texts(item)
    for user in (None, AnonymousUser(), registered_user, staff_user):
        assert visible(user) == ({transcript}, {segment}, {transcript.pk})
    assert transcript.is_visible_to(None) and segment.is_visible_to(None)


def test_staff_only_texts_on_a_public_item_need_the_view_permissions(staff_user, registered_user, volunteer,
                                                                      item_viewer, django_user_model):
    from tests.factories import grant

    item = make_oral_history()
    _recording, transcript, segment = texts(item, staff_only=True)
    assert visible(None) == (set(), set(), set())
    assert visible(registered_user) == (set(), set(), set())
    assert visible(volunteer) == (set(), set(), set())
    assert visible(item_viewer) == (set(), set(), set())
    assert visible(staff_user) == ({transcript}, {segment}, {transcript.pk})
    both = grant(django_user_model.objects.create_user("oh", is_staff=True),
                 "oral_histories.view_transcript", "oral_histories.change_segment")
    assert visible(both) == ({transcript}, {segment}, {transcript.pk})


@pytest.mark.parametrize("change", ["draft", "staff", "registered", "embargoed", "consent_withdrawn", "no_consent"])
def test_texts_follow_the_item(change, staff_user, registered_user, volunteer, item_viewer):
    item = make_oral_history()
    if change == "draft":
        item.status = "draft"
    elif change == "embargoed":
        item.access, item.embargo_until = "embargoed", timezone.localdate() + timezone.timedelta(days=3)
    elif change in ("staff", "registered"):
        item.access = change
    item.save()
    if change == "consent_withdrawn":
        make_consent(item, withdrawn_on=timezone.localdate())
    elif change == "no_consent":
        item.consents.all().delete()
    _recording, transcript, segment = texts(item)
    assert visible(None) == (set(), set(), set())
    assert Transcript.objects.public().count() == 0
    assert visible(registered_user) == (({transcript}, {segment}, {transcript.pk}) if change == "registered"
                                        else (set(), set(), set()))
    assert visible(volunteer) == (set(), set(), set())
    assert visible(item_viewer) == visible(staff_user) == ({transcript}, {segment}, {transcript.pk})


def test_withheld_recording_keeps_its_texts_public():
    item = make_oral_history()
    recording, transcript, segment = texts(item)
    recording.withheld = True
    recording.save()
    assert not recording.is_visible_to(None)
    assert visible(None) == ({transcript}, {segment}, {transcript.pk})
