"""Transcripts and timecoded indexes of an item's recordings (its audio and video Assets)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.history import track
from archive.languages import field_names, language_for_iso639_3
from archive.models import Asset, Language, Place, Subject, long_text_in, text_in, translated

from .access import CueQuerySet, SegmentQuerySet, TranscriptQuerySet
from .moments import moment_url
from .timecodes import format_clock

RECORDING_KINDS = (Asset.Kind.AUDIO, Asset.Kind.VIDEO)

_KEYWORD_SPLIT = re.compile(r"\s*[,;،、\n]\s*")


class TimedMixin(models.Model):
    start_ms = models.PositiveIntegerField(_("start (milliseconds)"))
    end_ms = models.PositiveIntegerField(_("end (milliseconds)"))

    class Meta:
        abstract = True

    @property
    def start_seconds(self):
        """Whole seconds, for `?t=` links (the player seeks to the second the line starts in)."""
        return self.start_ms // 1000

    def clock(self):
        return format_clock(self.start_ms)

    def clean(self):
        super().clean()
        if self.start_ms is not None and self.end_ms is not None and self.end_ms <= self.start_ms:
            raise ValidationError({"end_ms": _("The end must come after the start.")})


class Transcript(models.Model):
    class Format(models.TextChoices):
        WEBVTT = "webvtt", "WebVTT"
        SRT = "srt", "SRT"
        TEXT = "text", _("text with [HH:MM:SS] markers")
        TYPED = "typed", _("typed in the admin")

    recording = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="transcripts",
                                  limit_choices_to={"kind__in": RECORDING_KINDS}, verbose_name=_("recording"))
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="transcripts",
                                 verbose_name=_("language (ISO 639-3)"))
    source_format = models.CharField(_("source format"), max_length=10, choices=Format.choices,
                                     default=Format.TYPED)
    staff_only = models.BooleanField(
        _("staff only"), default=False,
        help_text=_("Hidden from the public, from search and from captions, even when the recording is public."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TranscriptQuerySet.as_manager()

    class Meta:
        ordering = ["recording", "language"]
        verbose_name = _("transcript")
        constraints = [
            models.UniqueConstraint(fields=["recording", "language"], name="transcript_one_per_language"),
        ]

    def __str__(self):
        return f"{self.recording.item.accession_number} #{self.recording_id} – {self.language_id}"

    def html_lang(self):
        """The tag browsers know the language by: `th` for the archive's languages, the ISO 639-3 code for others."""
        archive_language = language_for_iso639_3(self.language_id)
        return archive_language.html_lang if archive_language else self.language_id

    def is_visible_to(self, user):
        return type(self).objects.filter(pk=self.pk).visible_to(user).exists()


class Cue(TimedMixin):
    """One timed line of a transcript."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="cues")
    text = models.TextField(_("text"))
    speaker = models.CharField(_("speaker"), max_length=100, blank=True)

    objects = CueQuerySet.as_manager()

    class Meta:
        ordering = ["transcript", "start_ms", "pk"]
        verbose_name = _("transcript line")
        indexes = [models.Index(fields=["transcript", "start_ms"])]

    def __str__(self):
        return f"{self.clock()} {self.text[:60]}"

    def display_title(self, language=None):
        """What a search hit on this line is titled: the interview it is from."""
        return self.transcript.recording.item.display_title(language)

    def get_absolute_url(self):
        recording = self.transcript.recording
        return moment_url(recording.item.accession_number, self.start_ms, recording_id=recording.pk)


class Segment(TimedMixin):
    """A stretch of a recording in its index: what is talked about from start to end, in five languages."""

    recording = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="segments",
                                  limit_choices_to={"kind__in": RECORDING_KINDS}, verbose_name=_("recording"))
    title = text_in("en", "title")
    title_th = text_in("th", "title")
    title_my = text_in("my", "title")
    title_km = text_in("km", "title")
    title_lo = text_in("lo", "title")
    synopsis = long_text_in("en", "synopsis")
    synopsis_th = long_text_in("th", "synopsis")
    synopsis_my = long_text_in("my", "synopsis")
    synopsis_km = long_text_in("km", "synopsis")
    synopsis_lo = long_text_in("lo", "synopsis")
    keywords = text_in("en", "keywords")
    keywords_th = text_in("th", "keywords")
    keywords_my = text_in("my", "keywords")
    keywords_km = text_in("km", "keywords")
    keywords_lo = text_in("lo", "keywords")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="segments", verbose_name=_("subjects"))
    places = models.ManyToManyField(Place, blank=True, related_name="segments", verbose_name=_("places"))
    staff_only = models.BooleanField(_("staff only"), default=False,
                                     help_text=_("Hidden from the public and from search."))

    objects = SegmentQuerySet.as_manager()

    class Meta:
        ordering = ["recording", "start_ms", "pk"]
        verbose_name = _("segment")
        indexes = [models.Index(fields=["recording", "start_ms"])]

    def __str__(self):
        return f"{self.clock()} {self.display_title()}"

    def clean(self):
        super().clean()
        if not any(getattr(self, name) for name in field_names("title")):
            raise ValidationError(_("A segment needs a title in at least one language."))

    def display_title(self, language=None):
        return translated(self, "title", language)

    def get_absolute_url(self):
        return moment_url(self.recording.item.accession_number, self.start_ms, recording_id=self.recording_id)

    def display_synopsis(self, language=None):
        return translated(self, "synopsis", language)

    def display_keywords(self, language=None):
        return [word for word in _KEYWORD_SPLIT.split(translated(self, "keywords", language)) if word]

    def is_visible_to(self, user):
        return type(self).objects.filter(pk=self.pk).visible_to(user).exists()


track(Transcript)
track(Cue, part_of="transcript", as_field="lines")
track(Segment, relations={"subjects": "slug", "places": "path"})
