"""Contributions: invitations that make accounts, submissions of films and photos with their consent, and the
resumable (tus) uploads that carry their files."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.models import Item, Language
from archive.storage import private_storage

# Roles (groups) made by migration 0001 (Teachers by lessons 0002); an invitation may make a contributor, a
# researcher or a teacher. Curators are made by an administrator, in the admin, because the role comes with staff
# status.
CONTRIBUTORS, RESEARCHERS, CURATORS, TEACHERS = "Contributors", "Researchers", "Curators", "Teachers"
INVITABLE_ROLES = (CONTRIBUTORS, RESEARCHERS, TEACHERS)


def new_token():
    return secrets.token_urlsafe(24)


def invitation_expiry():
    return timezone.now() + timedelta(days=settings.ARCHIVE_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet):
    def usable(self, *, now=None):
        return self.filter(used_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """A single-use link a curator shares by any messenger; whoever opens it may make an account in `role`."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    role = models.ForeignKey(Group, on_delete=models.PROTECT, verbose_name=_("role"),
                             limit_choices_to={"name__in": INVITABLE_ROLES})
    note = models.CharField(_("for whom (staff only)"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self):
        return f"{self.role} – {self.note}" if self.note else str(self.role)


class SubmissionQuerySet(models.QuerySet):
    def of(self, user):
        """A contributor's own submissions: the only ones the public site ever shows them."""
        return self.filter(contributor=user) if user.is_authenticated else self.none()

    def removable(self, *, now=None):
        """Rejected submissions and uploads abandoned half-way, older than the retention period."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.ARCHIVE_CONTRIBUTION_RETENTION_DAYS)
        return self.filter(Q(state=Submission.State.REJECTED) | Q(state=Submission.State.UPLOADING),
                           updated_at__lt=cutoff)


class Submission(models.Model):
    """What a contributor sends: a film or photo with its description and consent, until a curator decides."""

    class State(models.TextChoices):
        UPLOADING = "uploading", _("uploading")
        PROCESSING = "processing", _("processing")
        IN_REVIEW = "in_review", _("in review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="submissions", verbose_name=_("contributor"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.UPLOADING)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    text_language = models.CharField(_("language of the title and description"), max_length=2,
                                     choices=settings.LANGUAGES, default="en")
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages spoken"))
    places = models.CharField(_("places"), max_length=300, blank=True)
    date = models.CharField(_("date"), max_length=64, blank=True)
    people = models.TextField(_("people who appear"), blank=True)
    people_agreed = models.BooleanField(_("the people who appear agreed to be shown"), default=False)
    licence = models.CharField(_("licence"), max_length=20, choices=Item.Licence.choices, blank=True)
    content_warnings = models.CharField(_("content warnings"), max_length=300, blank=True)
    pseudonym = models.CharField(_("name to be credited under"), max_length=200)
    consent_public_web = models.BooleanField(_("public website"), default=False)
    consent_exhibits = models.BooleanField(_("exhibits"), default=False)
    consent_classroom = models.BooleanField(_("classroom"), default=False)
    consent_research = models.BooleanField(_("research"), default=False)
    consent_given_at = models.DateTimeField(_("consent confirmed at"), null=True, blank=True)
    # The draft item the file was ingested into: staff-only until a curator approves it.
    item = models.OneToOneField(Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="submission")
    reason = models.TextField(_("why the file was refused (as the media pipeline said it)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("submission")
        # Curators review with the change permission, as everywhere in the admin.
        permissions = [("contribute", "Can send contributions")]

    def __str__(self):
        return self.title

    def current_state(self) -> str:
        """The state to show: "processing" becomes "in review" once the media pipeline has finished its jobs."""
        if self.state == self.State.PROCESSING and self.item_id and not self._jobs().exclude(
                state__in=["succeeded", "failed"]).exists():
            return self.State.IN_REVIEW
        return self.state

    def processing_progress(self) -> int:
        """How far the media pipeline is with this contribution's file, in percent."""
        progress = [job.progress or 0 for job in self._jobs()]
        return round(sum(progress) / len(progress)) if progress else 0

    def _jobs(self):
        from media_pipeline.models import MediaJob

        return MediaJob.objects.filter(asset__item_id=self.item_id)

    def consent_uses(self):
        return [use for use in ("public_web", "exhibits", "classroom", "research")
                if getattr(self, f"consent_{use}")]


class Message(models.Model):
    """A curator's word to the contributor about a submission (changes asked for, reason for refusal...)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("message to the contributor")

    def __str__(self):
        return self.text[:60]


class UploadQuerySet(models.QuerySet):
    def bytes_reserved_by(self, user):
        """What counts against an account's quota: the declared length of every upload it still has, but not of
        those the pipeline refused, whose bytes are gone already."""
        return (self.filter(owner=user).exclude(state=Upload.State.REFUSED)
                .aggregate(total=Sum("length"))["total"] or 0)

    def started_since(self, user, since):
        return self.filter(owner=user, created_at__gte=since).count()


class Upload(models.Model):
    """One tus upload: its declared length, the offset received so far, and where its chunks are staged."""

    class State(models.TextChoices):
        RECEIVING = "receiving", _("receiving")
        RECEIVED = "received", _("received")
        INGESTED = "ingested", _("accepted")
        REFUSED = "refused", _("refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uploads")
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="uploads")
    # Or a file a curator adds to an item in the admin, through the same resumable path.
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=20, default="film")  # "film", or "captions:<language>"
    filename = models.CharField(max_length=300, blank=True)
    length = models.BigIntegerField()
    offset = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, help_text="whole-file SHA-256 the client declared")
    # The stored pieces in order, as [storage name, size]: one per PATCH request, joined once all have arrived.
    chunks = models.JSONField(default=list)
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVING)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    @property
    def staging(self):
        return f"contributions/staging/{self.pk.hex}"

    def chunk_name(self, offset):
        return f"{self.staging}/{offset:020d}"

    @property
    def is_complete(self):
        return self.offset == self.length


def caption_path(caption, filename):
    return f"contributions/captions/{timezone.now():%Y}/{uuid.uuid4().hex}"


class Caption(models.Model):
    """A subtitle file a contributor sent with a film, checked as SRT or WebVTT; an asset of the item once approved."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    file = models.FileField(storage=private_storage, upload_to=caption_path, max_length=200)
    original_name = models.CharField(max_length=300, blank=True)
    asset = models.OneToOneField("archive.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["language"]
        verbose_name = _("subtitle file")
        constraints = [models.UniqueConstraint(fields=["submission", "language"], name="one_caption_per_language")]

    def __str__(self):
        return f"{self.submission} ({self.language})"
