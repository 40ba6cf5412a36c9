"""Curators' decisions on a contribution, and the notice the contributor gets about each: always on the site
("My uploads"), and by email where the account has a verified address."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from archive.languages import field_name, language_for_code
from archive.models import Agent, Asset, ConsentRecord, Item, ItemAgent, Language
from archive.storage import private_storage
from media_pipeline.ingest import asset_ingest

from .models import Message, Submission, Upload
from .uploads import upload_discard


class ReviewRefused(ValueError):
    """A decision that cannot be taken now, with the reason for the curator."""


def submission_approve(*, submission: Submission, by, credited_as: str = "", message: str = "") -> Item:
    """Publish the contribution: its item becomes public with the contributor as filmmaker (or photographer)
    under the chosen name, the consent they gave, and their subtitle files as caption assets."""
    item = submission.item
    if item is None or not item.assets.exists():
        raise ReviewRefused(_("The contribution has no accepted file yet."))
    name = (credited_as or submission.pseudonym).strip()
    with transaction.atomic():
        agent = Agent.objects.filter(display_name=name).first() or Agent.objects.create(
            display_name=name, is_pseudonym=True,
            private_notes=f"Contributor account {submission.contributor.get_username()} (submission {submission.pk})")
        role = ItemAgent.Role.PHOTOGRAPHER if item.kind == Item.Kind.PHOTOGRAPH else ItemAgent.Role.FILMMAKER
        ItemAgent.objects.get_or_create(item=item, agent=agent, role=role)
        ConsentRecord.objects.create(
            item=item, agent=agent, given_on=timezone.localdate(submission.consent_given_at or timezone.now()),
            notes=f"Confirmed in the contribution form by account {submission.contributor.get_username()}.",
            **{use: True for use in submission.consent_uses()})
        _describe(item, submission)
        item.status, item.access = Item.Status.PUBLISHED, "public"
        item.save()
        item.languages.set(submission.languages.all() or Language.objects.none())
        for caption in submission.captions.filter(asset__isnull=True):
            with private_storage.open(caption.file.name, "rb") as source:
                caption.asset = asset_ingest(item=item, source=source, original_name=caption.original_name)
            # The language the contributor chose, so the player names the track and picks it by the page's language.
            Asset.objects.filter(pk=caption.asset.pk).update(language=language_for_code(caption.language).iso639_3)
            caption.save(update_fields=["asset"])
        _decide(submission, Submission.State.PUBLISHED, by, message)
    return item


def submission_request_changes(*, submission: Submission, by, message: str) -> None:
    if not message.strip():
        raise ReviewRefused(_("Say what should change."))
    _decide(submission, Submission.State.CHANGES_REQUESTED, by, message)


def submission_reject(*, submission: Submission, by, reason: str) -> None:
    """Refuse the contribution. Its file and draft record are removed after the retention period
    (`manage.py purge_contributions`)."""
    if not reason.strip():
        raise ReviewRefused(_("Give the contributor a reason."))
    _decide(submission, Submission.State.REJECTED, by, reason)


def submissions_purge(*, now=None) -> int:
    """Remove rejected contributions and abandoned uploads older than the retention period, with their files:
    staged pieces, subtitle files, and the draft item with its originals and derivatives. Returns how many."""
    removed = 0
    for submission in Submission.objects.removable(now=now).select_related("item"):
        for upload in submission.uploads.all():
            upload_discard(upload=upload)
        for caption in submission.captions.all():
            private_storage.delete(caption.file.name)
        if submission.item is not None and submission.item.status != Item.Status.PUBLISHED:
            submission.item.delete()  # its assets' files go with it (media_pipeline.retention)
        submission.delete()
        removed += 1
    cutoff = (now or timezone.now()) - timedelta(days=settings.ARCHIVE_CONTRIBUTION_RETENTION_DAYS)
    for upload in Upload.objects.filter(state=Upload.State.RECEIVING, updated_at__lt=cutoff):
        upload_discard(upload=upload)
        removed += 1
    return removed


def _describe(item, submission):
    language = submission.text_language
    setattr(item, field_name("title", language), submission.title)
    setattr(item, field_name("description", language), submission.description)
    if not item.title:
        item.title = submission.title
    item.original_language = language
    item.licence = submission.licence
    item.rights = Item.Rights.IN_COPYRIGHT
    item.date = submission.date


def _decide(submission, state, by, text):
    submission.state = state
    submission.save(update_fields=["state", "updated_at"])
    if text.strip():
        Message.objects.create(submission=submission, author=by, text=text.strip())
    transaction.on_commit(lambda: submission_notify(submission=submission, text=text.strip()))


def submission_notify(*, submission: Submission, text: str = "") -> bool:
    """Email the contributor about a decision, in the language they wrote in, if their address is verified.
    The notice on the site needs nothing sent: "My uploads" shows the state and the messages."""
    address = EmailAddress.objects.filter(user=submission.contributor, verified=True).order_by("-primary").first()
    if address is None:
        return False
    with translation.override(submission.text_language):
        subject = _("Your contribution “%(title)s”: %(state)s") % {
            "title": submission.title, "state": Submission.State(submission.state).label}
        link = settings.ARCHIVE_SITE_URL.rstrip("/") + reverse("submission_detail", args=[submission.pk])
        body = "\n\n".join(filter(None, [subject, text, _("See it in “My uploads”: %(link)s") % {"link": link}]))
    send_mail(subject, body, None, [address.email])
    return True
