"""The review workflow, from a contribution's file to a published item, and what the contributor is told."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from archive.models import Asset, ConsentRecord, Item, ItemAgent
from archive.storage import private_storage
from contributions.models import Caption, Message, Submission
from contributions.submissions import submission_receive_file
from tests.factories import make_contributor, make_submission
from tests.media_pipeline.media import make_video

pytestmark = pytest.mark.django_db

SRT = "1\n00:00:00,000 --> 00:00:01,000\nเราทำงานบนเรือทุกวัน\n".encode()


@pytest.fixture
def sent(tmp_path, django_capture_on_commit_callbacks):
    """A contribution whose film arrived and went through the media pipeline, with Thai subtitles."""
    contributor = make_contributor("นก", email="nok@example.org")
    EmailAddress.objects.create(user=contributor, email="nok@example.org", verified=True, primary=True)
    submission = make_submission(contributor, consent_public_web=True, consent_classroom=True,
                                 consent_given_at=timezone.now(), licence="CC-BY-NC-4.0", date="2023")
    Caption.objects.create(submission=submission, language="th", original_name="ไทย.srt",
                           file=SimpleUploadedFile("ไทย.srt", SRT))
    film = make_video(tmp_path / "เรือ.mp4")
    with django_capture_on_commit_callbacks(execute=True):
        submission_receive_file(submission=submission, file=SimpleUploadedFile("เรือ.mp4", film.read_bytes()))
    submission.refresh_from_db()
    return submission


def decide(client, submission, **fields):
    data = {"title": submission.title, "description": submission.description, "text_language": "th",
            "pseudonym": submission.pseudonym, "licence": submission.licence, "date": submission.date}
    for prefix, rows in (("captions", submission.captions.all()), ("messages", submission.messages.all())):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        data.update({f"{prefix}-{n}-id": row.pk for n, row in enumerate(rows)})
    data.update(fields)
    return client.post(f"/admin/contributions/submission/{submission.pk}/change/", data)


def test_a_contribution_is_private_until_a_curator_approves_it(client, sent):
    item = sent.item
    assert item.status == Item.Status.DRAFT
    assert client.get(item.get_absolute_url()).status_code == 404
    assert not Item.objects.public().filter(pk=item.pk).exists()


def test_the_queue_shows_the_contribution_with_its_player(curator, sent):
    page = curator.get(f"/admin/contributions/submission/{sent.pk}/change/").content.decode()
    assert "<video controls" in page and "ไทย.srt" in page
    assert sent.current_state() == Submission.State.IN_REVIEW
    listing = curator.get("/admin/contributions/submission/?state=processing").content.decode()
    assert sent.title in listing


def test_approval_publishes_the_item_with_the_filmmaker_consent_and_subtitles(curator, sent,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(curator, sent, decision="approve", credited_as="มินตรา")
    assert response.status_code == 302

    item = Item.objects.get(pk=sent.item_id)
    assert item.status == Item.Status.PUBLISHED and item.access == "public" and item.is_public()
    assert item.title_th == "ชีวิตในโรงงานแปรรูปปลา" and item.licence == "CC-BY-NC-4.0" and item.date == "2023"
    credit = ItemAgent.objects.get(item=item)
    assert credit.role == ItemAgent.Role.FILMMAKER and credit.agent.display_name == "มินตรา"
    assert credit.agent.is_pseudonym
    consent = ConsentRecord.objects.get(item=item)
    assert consent.uses() == ["public_web", "classroom"] and consent.agent == credit.agent
    captions = item.assets.filter(kind=Asset.Kind.CAPTION)
    assert captions.count() == 1 and captions.get().derivatives.filter(role="captions").exists()
    assert captions.get().language == "tha"
    page = curator.get(f"/th/items/{item.accession_number}/").content.decode()
    track = re.search(r'<track kind="subtitles" src="[^"]+" srclang="th" label="([^"]+)" default>', page)
    assert track and track.group(1) == "ไทย"  # the Thai track, named in Thai, chosen on a Thai page
    assert Submission.objects.get().state == Submission.State.PUBLISHED
    assert mail.outbox[-1].to == ["nok@example.org"] and "เผยแพร่แล้ว" in mail.outbox[-1].subject


def test_asking_for_changes_tells_the_contributor_on_the_site_and_by_email(curator, client, sent,
                                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decide(curator, sent, decision="changes", note="ช่วยเบลอใบหน้าของเด็กในนาทีที่ 1")
    assert Submission.objects.get().state == Submission.State.CHANGES_REQUESTED
    assert "ช่วยเบลอใบหน้า" in mail.outbox[-1].body

    client.force_login(sent.contributor)
    page = client.get(f"/th/contribute/uploads/{sent.pk}/").content.decode()
    assert "ขอให้แก้ไข" in page and "ช่วยเบลอใบหน้าของเด็กในนาทีที่ 1" in page
    assert 'id="send-file"' in page  # they may send a new file


def test_a_notice_goes_only_to_a_verified_address(curator, sent, django_capture_on_commit_callbacks):
    EmailAddress.objects.update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        decide(curator, sent, decision="reject", note="ไม่เกี่ยวกับแรงงานข้ามชาติ")
    assert mail.outbox == []
    assert Message.objects.get().text == "ไม่เกี่ยวกับแรงงานข้ามชาติ"


def test_rejecting_or_asking_for_changes_needs_a_message(curator, sent):
    response = decide(curator, sent, decision="reject", note="")
    assert response.status_code == 200 and Submission.objects.get().state == Submission.State.PROCESSING


def test_rejected_contributions_are_removed_with_their_files_after_the_retention_period(
        curator, sent, settings, django_capture_on_commit_callbacks):
    decide(curator, sent, decision="reject", note="ภาพไม่ชัด")
    original = Asset.objects.get().original.name
    caption_file = Caption.objects.get().file.name
    call_command("purge_contributions")
    assert Submission.objects.count() == 1  # not yet: kept for the retention period

    Submission.objects.update(updated_at=timezone.now() - timedelta(days=settings.ARCHIVE_CONTRIBUTION_RETENTION_DAYS + 1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_contributions")
    assert Submission.objects.count() == 0 and Item.objects.count() == 0
    assert not private_storage.exists(original) and not private_storage.exists(caption_file)
