"""Lesson kits: sources from the collection (items, clips of a film or recording, exhibits) gathered for a class,
with the teacher's material around them: objectives, guiding questions, activities, vocabulary and advisories.

Curators publish kits for everyone; a teacher keeps private kits of their own and shares them by link. What a kit
shows of its sources is decided by lessons/contents.py, under the classroom use of the access policy.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from archive.languages import TEXT_LANGUAGES, field_name, field_names, translated
from archive.models import Item, long_text_in, text_in
from exhibits.models import Exhibit, validate_script_slug

# The labels of the kit's texts, each shown as "guiding questions: observe (Thai)" in the curator's language.
KIT_TEXT_LABELS = (
    gettext_noop("summary"), gettext_noop("learning objectives"), gettext_noop("guiding questions: observe"),
    gettext_noop("guiding questions: reflect"), gettext_noop("guiding questions: question"),
    gettext_noop("activities"), gettext_noop("vocabulary"), gettext_noop("content advisories"),
    gettext_noop("note"),
)
# Addresses under /lessons/ that are pages of their own, not kits (lessons/urls.py).
RESERVED_SLUGS = frozenset({"mine", "shared"})
# The guiding questions in the order a class meets them, by the base name of their fields.
QUESTION_FIELDS = ("questions_observe", "questions_reflect", "questions_question")


def new_share_token():
    return secrets.token_urlsafe(16)


class KitQuerySet(models.QuerySet):
    def public(self, *, now=None):
        """Kits anyone may use: published by the curators, with a publication time already reached."""
        return self.filter(owner__isnull=True, status=Kit.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def written_in(self, code):
        """Kits with their title written in the archive language `code` ("th")."""
        return self.filter(written_in__contains=f",{code},")


class Kit(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    class AgeBand(models.TextChoices):
        PRIMARY_LOWER = "primary-lower", _("primary, grades 1–3 (ages 6–9)")
        PRIMARY_UPPER = "primary-upper", _("primary, grades 4–6 (ages 9–12)")
        SECONDARY_LOWER = "secondary-lower", _("lower secondary, grades 7–9 (ages 12–15)")
        SECONDARY_UPPER = "secondary-upper", _("upper secondary, grades 10–12 (ages 15–18)")
        ADULT = "adult", _("adults and non-formal education")

    class Subject(models.TextChoices):
        HISTORY = "history", _("history")
        SOCIAL_STUDIES = "social-studies", _("social studies and civics")
        HUMAN_RIGHTS = "human-rights", _("human rights and labour rights")
        LANGUAGE = "language", _("language and literature")
        ARTS = "arts", _("arts, film and music")
        GEOGRAPHY = "geography", _("geography and economics")

    title = text_in("en", "title")
    title_th = text_in("th", "title")
    title_my = text_in("my", "title")
    title_km = text_in("km", "title")
    title_lo = text_in("lo", "title")
    slug = models.CharField(_("slug"), unique=True, max_length=200, validators=[validate_script_slug],
                            help_text=_("The kit's address: letters of any script, digits and hyphens."))
    age_band = models.CharField(_("age band"), max_length=20, choices=AgeBand.choices, blank=True)
    subject_area = models.CharField(_("subject area"), max_length=20, choices=Subject.choices, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    summary = long_text_in("en", "summary")
    summary_th = long_text_in("th", "summary")
    summary_my = long_text_in("my", "summary")
    summary_km = long_text_in("km", "summary")
    summary_lo = long_text_in("lo", "summary")
    objectives = long_text_in("en", "learning objectives")
    objectives_th = long_text_in("th", "learning objectives")
    objectives_my = long_text_in("my", "learning objectives")
    objectives_km = long_text_in("km", "learning objectives")
    objectives_lo = long_text_in("lo", "learning objectives")
    questions_observe = long_text_in("en", "guiding questions: observe")
    questions_observe_th = long_text_in("th", "guiding questions: observe")
    questions_observe_my = long_text_in("my", "guiding questions: observe")
    questions_observe_km = long_text_in("km", "guiding questions: observe")
    questions_observe_lo = long_text_in("lo", "guiding questions: observe")
    questions_reflect = long_text_in("en", "guiding questions: reflect")
    questions_reflect_th = long_text_in("th", "guiding questions: reflect")
    questions_reflect_my = long_text_in("my", "guiding questions: reflect")
    questions_reflect_km = long_text_in("km", "guiding questions: reflect")
    questions_reflect_lo = long_text_in("lo", "guiding questions: reflect")
    questions_question = long_text_in("en", "guiding questions: question")
    questions_question_th = long_text_in("th", "guiding questions: question")
    questions_question_my = long_text_in("my", "guiding questions: question")
    questions_question_km = long_text_in("km", "guiding questions: question")
    questions_question_lo = long_text_in("lo", "guiding questions: question")
    activities = long_text_in("en", "activities")
    activities_th = long_text_in("th", "activities")
    activities_my = long_text_in("my", "activities")
    activities_km = long_text_in("km", "activities")
    activities_lo = long_text_in("lo", "activities")
    vocabulary = long_text_in("en", "vocabulary")
    vocabulary_th = long_text_in("th", "vocabulary")
    vocabulary_my = long_text_in("my", "vocabulary")
    vocabulary_km = long_text_in("km", "vocabulary")
    vocabulary_lo = long_text_in("lo", "vocabulary")
    advisories = long_text_in("en", "content advisories")
    advisories_th = long_text_in("th", "content advisories")
    advisories_my = long_text_in("my", "content advisories")
    advisories_km = long_text_in("km", "content advisories")
    advisories_lo = long_text_in("lo", "content advisories")
    original_language = models.CharField(_("language the texts were written in"), max_length=2, default="th",
                                         choices=[(c, c) for c in TEXT_LANGUAGES])
    # The languages its title is written in, as ",en,th," so that a filter finds one with a plain lookup.
    written_in = models.CharField(_("written in"), max_length=20, editable=False, default="")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        help_text=_("The kit becomes public at this time."))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="lesson_kits", verbose_name=_("teacher"),
                              help_text=_("A teacher's own kit: private, shared by its link. Empty for the "
                                          "archive's published kits."))
    share_token = models.CharField(_("share link key"), max_length=40, unique=True, default=new_share_token,
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = KitQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        verbose_name = _("lesson kit")
        verbose_name_plural = _("lesson kits")
        permissions = [("build_own_kit", _("Can build private lesson kits on the public site"))]
        indexes = [models.Index(fields=["status", "owner", "published_at"], name="lessons_kit_public")]

    def __str__(self):
        return self.display_title()

    def clean(self):
        super().clean()
        if not any(getattr(self, name) for name in field_names("title")):
            raise ValidationError({"title": _("A kit needs a title in at least one language.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the lesson pages themselves.")})
        if self.owner_id is None:  # the archive's kits are found by age band and subject; a teacher's may wait
            missing = {name: _("The archive's kits need this to be found.") for name in ("age_band", "subject_area")
                       if not getattr(self, name)}
            if missing:
                raise ValidationError(missing)
        if self.status == self.Status.PUBLISHED and self.owner_id is None and not self.published_at:
            self.published_at = timezone.now()

    def save(self, *args, **kwargs):
        codes = self.languages()
        self.written_in = f",{','.join(codes)}," if codes else ""
        super().save(*args, **kwargs)

    def is_public(self, *, now=None):
        """Whether anyone may use the kit, as KitQuerySet.public() decides, without a query."""
        return (self.owner_id is None and self.status == self.Status.PUBLISHED and self.published_at is not None
                and self.published_at <= (now or timezone.now()))

    def get_absolute_url(self):
        from .lookup import kit_url

        return kit_url(self)

    def languages(self):
        """The archive languages the kit is written in: those of its title, in the archive's order."""
        return [code for code in TEXT_LANGUAGES if getattr(self, field_name("title", code))]

    def text(self, base, language=None):
        """A kit text (`summary`, `objectives`...) in `language`, else the kit's own language, else any."""
        return translated(self, base, language, self.original_language)

    def text_exactly_in(self, base, language):
        """A kit text in exactly `language`, "" when the kit has none there (for texts shown side by side)."""
        return getattr(self, field_name(base, language), "")

    def display_title(self, language=None):
        return self.text("title", language)

    def lines(self, base, language=None):
        """A text written one entry per line (questions, vocabulary), as its non-empty lines."""
        return [line.strip() for line in self.text(base, language).splitlines() if line.strip()]


class KitSource(models.Model):
    """One source of a kit, in order: an item, a clip of an item's film or recording, or an exhibit."""

    class Kind(models.TextChoices):
        ITEM = "item", _("item")
        CLIP = "clip", _("clip of a film or recording")
        EXHIBIT = "exhibit", _("exhibit")

    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ITEM)
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("item"))
    exhibit = models.ForeignKey(Exhibit, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("exhibit"))
    clip_start = models.DecimalField(_("clip start (seconds)"), max_digits=9, decimal_places=2, null=True,
                                     blank=True)
    clip_end = models.DecimalField(_("clip end (seconds)"), max_digits=9, decimal_places=2, null=True, blank=True)
    note = long_text_in("en", "note")
    note_th = long_text_in("th", "note")
    note_my = long_text_in("my", "note")
    note_km = long_text_in("km", "note")
    note_lo = long_text_in("lo", "note")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return str(self.exhibit if self.kind == self.Kind.EXHIBIT else self.item)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.EXHIBIT:
            self.item, self.clip_start, self.clip_end = None, None, None
            if self.exhibit_id is None:
                errors["exhibit"] = _("Choose the exhibit.")
        else:
            self.exhibit = None
            if self.item_id is None:
                errors["item"] = _("Choose the item.")
        if self.kind == self.Kind.ITEM:
            self.clip_start = self.clip_end = None
        if self.kind == self.Kind.CLIP:
            if self.clip_start is None or self.clip_end is None:
                errors["clip_end"] = _("A clip needs a start and an end.")
            elif self.clip_start < 0 or self.clip_end <= self.clip_start:
                errors["clip_end"] = _("The clip must end after it starts.")
        if errors:
            raise ValidationError(errors)

    def display_note(self, language=None):
        return translated(self, "note", language, self.kit.original_language if self.kit_id else None)

    @property
    def fragment(self):
        """The media fragment that makes a player play only the clip ("#t=12,47.5"), "" for a whole source."""
        if self.kind != self.Kind.CLIP or self.clip_start is None or self.clip_end is None:
            return ""
        return f"#t={float(self.clip_start):g},{float(self.clip_end):g}"
