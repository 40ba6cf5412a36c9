"""The catalogue: items and the people, places, subjects, consent and files that describe them."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from taggit.managers import TaggableManager

from .access import AccessLevel, AssetQuerySet, ItemQuerySet, reasons_not_public
from .edtf import EDTFError, parse_edtf
from .history import RecordedQuerySet, track
from .art import Tradition, WorkFields
from .languages import TEXT_LANGUAGES, iso639_3_name, language_for_code, translated
from .storage import private_storage


def text_in(language: str, label: str, *, required: bool = False) -> models.CharField:
    """A line of catalogue text in one language, labelled "title (Thai)": `title_th = text_in("th", "title")`.

    A catalogue text has one field per language of archive.languages, named by `field_name()`; models declare
    the five of each text one by one, so that readers, editors and type checkers see them.
    """
    return models.CharField(_label(language, label), max_length=500, blank=not required)


def long_text_in(language: str, label: str) -> models.TextField:
    """A longer catalogue text in one language, such as a description: `description_th = long_text_in("th", ...)`."""
    return models.TextField(_label(language, label), blank=True)


# The labels models give text_in() and long_text_in(), marked so that makemessages finds them: each field reads
# "title (Thai)" in the curator's language.
TEXT_LABELS = (gettext_noop("title"), gettext_noop("description"), gettext_noop("caption"), gettext_noop("credits"),
               gettext_noop("heading"), gettext_noop("keywords"), gettext_noop("summary"), gettext_noop("synopsis"),
               gettext_noop("text (Markdown)"))


def _label(language: str, label: str):
    return format_lazy("{} ({})", _(label), _(language_for_code(language).english_name))


class MultilingualTitle(models.Model):
    """A record named in the five catalogue languages, shown in the visitor's language."""

    title = text_in("en", "title", required=True)
    title_th = text_in("th", "title")
    title_my = text_in("my", "title")
    title_km = text_in("km", "title")
    title_lo = text_in("lo", "title")

    class Meta:
        abstract = True

    def display_title(self, language=None):
        return translated(self, "title", language, getattr(self, "original_language", None))

    def __str__(self):
        return self.display_title()


class InHierarchy:
    """A record with a `parent` of its own kind (a subject's broader term, a place's region)."""

    def ancestors(self):
        """From the top of the hierarchy down to this record's parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.insert(0, node)
            node = node.parent
        return chain


class Language(models.Model):
    """A language an item is in, by its ISO 639-3 code (or an ISO 639-5 collective code such as kar)."""

    code = models.CharField(_("ISO 639-3 code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @classmethod
    def for_code(cls, code):
        """The Language for `code`, created on first use; raises ValidationError for an unknown code."""
        code = (code or "").strip().lower()
        name = iso639_3_name(code)
        if not name:
            raise ValidationError(_("“%(code)s” is not an ISO 639-3 language code"), params={"code": code})
        language, _created = cls.objects.get_or_create(code=code, defaults={"name": name})
        return language


class Collection(MultilingualTitle):
    slug = models.SlugField(unique=True, allow_unicode=True)
    description = long_text_in("en", "description")
    description_th = long_text_in("th", "description")
    description_my = long_text_in("my", "description")
    description_km = long_text_in("km", "description")
    description_lo = long_text_in("lo", "description")

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("collection")


class Subject(InHierarchy, MultilingualTitle):
    """A term of the controlled, hierarchical subject vocabulary (Fishing > Fishing boats)."""

    slug = models.SlugField(unique=True, allow_unicode=True, max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.PROTECT)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("subject")


class Place(InHierarchy, models.Model):
    """A place in a hierarchy: country > province > district, with optional coordinates."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        PROVINCE = "province", _("province")
        DISTRICT = "district", _("district")
        LOCALITY = "locality", _("locality")

    name = models.CharField(_("name"), max_length=200)
    name_th = models.CharField("name (th)", max_length=200, blank=True)
    name_my = models.CharField("name (my)", max_length=200, blank=True)
    name_km = models.CharField("name (km)", max_length=200, blank=True)
    name_lo = models.CharField("name (lo)", max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LOCALITY)
    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.PROTECT)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    show_precisely = models.BooleanField(
        _("safe to show precisely on public maps"), default=False,
        help_text=_("Tick only for a place where nobody can be found by it: a port, a market town, a border "
                    "crossing. Unticked, public maps draw a village, camp or workplace at its district and round "
                    "every position to about 10 km, so that a pin never leads to someone's home or work."))

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="place_unique_name_under_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent__isnull=True), name="place_unique_top_level_name"
            ),
        ]

    def display_name(self, language=None):
        return translated(self, "name", language)

    def path(self):
        """The place as the spreadsheet writes it: `Thailand > Samut Sakhon`."""
        return " > ".join(p.name for p in [*self.ancestors(), self])

    def __str__(self):
        return self.path()


class Agent(models.Model):
    """A person or organisation. The display name is public and is often a pseudonym; the rest is staff-only."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    display_name = models.CharField(_("public display name"), max_length=200, unique=True,
                                    help_text=_("Shown to the public. Use a pseudonym where the person asked for one."))
    is_pseudonym = models.BooleanField(_("display name is a pseudonym"), default=False)
    private_name = models.CharField(_("legal or full name (staff only)"), max_length=200, blank=True)
    private_notes = models.TextField(_("private details (staff only)"), blank=True,
                                     help_text=_("Contacts, birthplace, employer: never shown in public pages."))
    is_minor = models.BooleanField(
        _("a minor (under 18)"), default=False,
        help_text=_("The public then sees only the first name or pseudonym below, and the items need a guardian's "
                    "consent before they are public."))
    birth_year = models.PositiveSmallIntegerField(_("year of birth (staff only)"), null=True, blank=True)
    minor_public_name = models.CharField(
        _("first name or pseudonym shown for a minor"), max_length=100, blank=True,
        help_text=_("Left empty, the public sees the first word of the display name."))

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("agent")

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.localdate().year
        if self.birth_year is not None and not 1900 <= self.birth_year <= this_year:
            errors["birth_year"] = _("A year of birth between 1900 and %(year)s, written in full (2014).") % {
                "year": this_year}
        name = self.minor_public_name.strip()
        if name and len(self.display_name.split()) > 1 and name.casefold() == self.display_name.strip().casefold():
            errors["minor_public_name"] = _("This is the full display name; a minor is shown by first name or "
                                            "pseudonym only.")
        if errors:
            raise ValidationError(errors)

    def public_name(self):
        """The name every public surface shows: for a minor only a first name or pseudonym, never the full name."""
        if not self.is_minor or self.is_pseudonym:
            return self.display_name
        return self.minor_public_name or (self.display_name.split() or [""])[0]


# The agent fields public_name() reads, for queries that load only what a public page shows.
PUBLIC_NAME_FIELDS = ("agent__id", "agent__display_name", "agent__is_pseudonym", "agent__is_minor",
                      "agent__minor_public_name")


LICENCE_PATHS = {
    "CC0-1.0": "publicdomain/zero/1.0/",
    "CC-BY-4.0": "licenses/by/4.0/",
    "CC-BY-SA-4.0": "licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "licenses/by-nc/4.0/",
    "CC-BY-NC-SA-4.0": "licenses/by-nc-sa/4.0/",
    "CC-BY-ND-4.0": "licenses/by-nd/4.0/",
    "CC-BY-NC-ND-4.0": "licenses/by-nc-nd/4.0/",
}


class Item(MultilingualTitle, WorkFields):
    class Kind(models.TextChoices):
        ORAL_HISTORY = "oral_history", _("oral history")
        PHOTOGRAPH = "photograph", _("photograph")
        FILM = "film", _("film")
        DOCUMENT = "document", _("document")
        ARTWORK = "artwork", _("artwork")
        MUSIC = "music", _("music")
        PERFORMANCE = "performance", _("performance")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Rights(models.TextChoices):
        IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/", "In Copyright"
        IN_COPYRIGHT_EDU = "http://rightsstatements.org/vocab/InC-EDU/1.0/", "In Copyright – Educational Use Permitted"
        IN_COPYRIGHT_NC = "http://rightsstatements.org/vocab/InC-NC/1.0/", "In Copyright – Non-Commercial Use Permitted"
        IN_COPYRIGHT_RUU = "http://rightsstatements.org/vocab/InC-RUU/1.0/", "In Copyright – Rights-holder(s) Unlocatable"
        IN_COPYRIGHT_OW = "http://rightsstatements.org/vocab/InC-OW-EU/1.0/", "In Copyright – EU Orphan Work"
        NO_COPYRIGHT_CR = "http://rightsstatements.org/vocab/NoC-CR/1.0/", "No Copyright – Contractual Restrictions"
        NO_COPYRIGHT_NC = "http://rightsstatements.org/vocab/NoC-NC/1.0/", "No Copyright – Non-Commercial Use Only"
        NO_COPYRIGHT_OKLR = "http://rightsstatements.org/vocab/NoC-OKLR/1.0/", "No Copyright – Other Known Legal Restrictions"
        NO_COPYRIGHT_US = "http://rightsstatements.org/vocab/NoC-US/1.0/", "No Copyright – United States"
        NOT_EVALUATED = "http://rightsstatements.org/vocab/CNE/1.0/", "Copyright Not Evaluated"
        UNDETERMINED = "http://rightsstatements.org/vocab/UND/1.0/", "Copyright Undetermined"
        NO_KNOWN_COPYRIGHT = "http://rightsstatements.org/vocab/NKC/1.0/", "No Known Copyright"

    class Licence(models.TextChoices):
        NONE = "", _("no licence (all rights reserved)")
        CC0 = "CC0-1.0", "CC0 1.0"
        BY = "CC-BY-4.0", "CC BY 4.0"
        BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
        BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
        BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
        BY_ND = "CC-BY-ND-4.0", "CC BY-ND 4.0"
        BY_NC_ND = "CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    accession_number = models.CharField(_("accession number"), max_length=64, unique=True)
    status = models.CharField(_("workflow status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    original_language = models.CharField(
        _("language the title and description were written in"), max_length=2,
        choices=[(c, c) for c in TEXT_LANGUAGES], default="en",
    )
    description = long_text_in("en", "description")
    description_th = long_text_in("th", "description")
    description_my = long_text_in("my", "description")
    description_km = long_text_in("km", "description")
    description_lo = long_text_in("lo", "description")
    date = models.CharField(_("date (EDTF)"), max_length=64, blank=True,
                            help_text=_("1995, 199X (the 1990s), 1995~ (about), 1990/1999, 2003-05, 2001-03-15"))
    date_lower = models.DateField(_("earliest date"), null=True, blank=True, editable=False, db_index=True)
    date_upper = models.DateField(_("latest date"), null=True, blank=True, editable=False)
    places = models.ManyToManyField(Place, blank=True, related_name="items", verbose_name=_("places"))
    agents = models.ManyToManyField(Agent, through="ItemAgent", blank=True, related_name="items")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="items", verbose_name=_("subjects"))
    tags = TaggableManager(blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="items", verbose_name=_("languages"))
    rights = models.CharField(_("rights statement"), max_length=100, choices=Rights.choices,
                              default=Rights.NOT_EVALUATED)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, blank=True)
    access = models.CharField(_("access"), max_length=20, choices=AccessLevel.choices, default=AccessLevel.PUBLIC)
    embargo_until = models.DateField(_("embargoed until"), null=True, blank=True,
                                     help_text=_("With access “embargoed”: the day the item becomes public by itself."))
    provenance = models.TextField(_("provenance"), blank=True)
    staff_note = models.TextField(_("staff note (never public)"), blank=True,
                                  help_text=_("For the catalogue team: what to check, who to ask. No public page, "
                                              "feed, API or search index shows it."))
    collection = models.ForeignKey(Collection, null=True, blank=True, related_name="items",
                                   on_delete=models.SET_NULL, verbose_name=_("collection"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["accession_number"]
        verbose_name = _("item")
        indexes = [
            models.Index(fields=["status", "access"]), models.Index(fields=["kind"]),
            # The browse page's order, newest first: a page of items is read off the index in order and stops
            # after it, instead of sorting every item of the same date (or of the same kind) first.
            models.Index(fields=["-date_lower", "accession_number"], name="item_browse_order_idx"),
            models.Index(fields=["kind", "-date_lower", "accession_number"], name="item_kind_browse_order_idx"),
        ]
        # Registered items are for researchers a curator admits (the Researchers group), not any account.
        permissions = [("view_registered_item", "Can see items for registered researchers")]

    def clean(self):
        super().clean()
        errors = {}
        if self.date:
            try:
                parse_edtf(self.date)
            except EDTFError as error:
                errors["date"] = str(error)
        if self.access == AccessLevel.EMBARGOED and not self.embargo_until:
            errors["embargo_until"] = _("An embargoed item needs the date its embargo ends.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def derive_fields(self):
        """Set what follows from other fields: the date's bounds, no embargo date unless embargoed. save() calls
        it; code inserting items with bulk_create, which skips save(), calls it itself."""
        if self.date:
            parsed = parse_edtf(self.date)
            self.date_lower, self.date_upper = parsed.lower, parsed.upper
        else:
            self.date_lower = self.date_upper = None
        if self.access != AccessLevel.EMBARGOED:
            self.embargo_until = None

    def licence_url(self, *, scheme: str = "https") -> str:
        """The Creative Commons address of the item's licence, "" for all rights reserved. (IIIF wants the http
        form of these addresses, schema.org and Dublin Core the https one.)"""
        path = LICENCE_PATHS.get(self.licence)
        return f"{scheme}://creativecommons.org/{path}" if path else ""

    def display_description(self, language=None):
        return translated(self, "description", language, self.original_language)

    def parsed_date(self):
        return parse_edtf(self.date) if self.date else None

    def get_absolute_url(self):
        return reverse("item_detail", kwargs={"accession": self.accession_number})

    # The access policy: one implementation, in archive/access.py.
    def is_visible_to(self, user, *, today=None):
        return type(self).objects.filter(pk=self.pk).visible_to(user, today=today).exists()

    def is_public(self, *, today=None):
        return type(self).objects.filter(pk=self.pk).public(today=today).exists()

    def reasons_not_public(self, *, today=None):
        """Why the public may not see the item ([] when it may); prefetch `consents__agent` for a list."""
        return reasons_not_public(self, consents=self.consents.all(), today=today)


class ItemAgent(models.Model):
    class Role(models.TextChoices):
        NARRATOR = "narrator", _("narrator")
        INTERVIEWER = "interviewer", _("interviewer")
        FILMMAKER = "filmmaker", _("filmmaker")
        PHOTOGRAPHER = "photographer", _("photographer")
        TRANSLATOR = "translator", _("translator")
        DONOR = "donor", _("donor")
        ARTIST = "artist", _("artist")
        PERFORMER = "performer", _("performer")
        SINGER = "singer", _("singer")
        MUSICIAN = "musician", _("musician")
        DANCER = "dancer", _("dancer")
        COMPOSER = "composer", _("composer")
        PERFORMING_GROUP = "performing_group", _("performing group")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="item_agents")
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="item_roles",
                              verbose_name=_("person or organisation"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    part = models.CharField(_("part played"), max_length=200, blank=True,
                            help_text=_("For a performer: the instrument, voice or character (saung harp, lead "
                                        "voice, the prince)."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "agent", "role"], name="item_agent_role_unique")]
        verbose_name = _("person or organisation")
        verbose_name_plural = _("people and organisations")

    def __str__(self):
        # The role's label found directly: get_role_display() translates every role's label to find one, and the
        # history names each link it records (an import of many items names many).
        try:
            role = self.Role(self.role).label
        except ValueError:
            role = self.role
        return f"{role}: {self.agent}"


def consent_evidence_path(record, filename):
    """A random key: a person's name in the file name stays out of the storage, and Thai or Burmese names,
    which Django's name cleaning would mangle, never need cleaning."""
    suffix = Path(filename).suffix.lower()
    suffix = suffix if suffix[1:].isascii() and suffix[1:].isalnum() else ""
    return f"consent/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


class ConsentRecord(models.Model):
    """Consent given by a person in the archive for uses of an item. Separate from copyright.

    A withdrawn consent, or one that does not cover public web use, takes the item off every public surface.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="consents")
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="consents",
                              verbose_name=_("who consented"))
    public_web = models.BooleanField(_("public website"), default=False)
    exhibits = models.BooleanField(_("exhibits"), default=False)
    classroom = models.BooleanField(_("classroom"), default=False)
    research = models.BooleanField(_("research"), default=False)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    evidence = models.FileField(_("evidence (signed form, recording)"), storage=private_storage,
                                upload_to=consent_evidence_path, max_length=200, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    by_guardian = models.BooleanField(
        _("given by a parent or guardian"), default=False,
        help_text=_("For a minor: the consent of the child's parent or guardian. An item with a minor among its "
                    "people is public only with such a consent for each minor."))
    covers_pictures_in_lists = models.BooleanField(
        _("covers the child's picture in public lists"), default=False,
        help_text=_("Ticked, pictures of the item may appear as thumbnails in lists, search results, exhibits and "
                    "feeds. Unticked, only the item's own page shows them."))
    notes = models.TextField(_("notes (staff only)"), blank=True)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "pk"]
        verbose_name = _("consent record")

    def __str__(self):
        state = _("withdrawn") if self.withdrawn_on else _("given")
        return f"{self.agent} – {state} {self.withdrawn_on or self.given_on}"

    def clean(self):
        super().clean()
        if self.covers_pictures_in_lists and not self.by_guardian:
            raise ValidationError({"covers_pictures_in_lists": _(
                "Only a consent given by a parent or guardian can cover a child's picture in lists.")})

    @property
    def is_withdrawn(self):
        return self.withdrawn_on is not None and self.withdrawn_on <= timezone.localdate()

    def uses(self):
        return [name for name in ("public_web", "exhibits", "classroom", "research") if getattr(self, name)]


def validate_iso639_3(code):
    if code and not iso639_3_name(code):
        raise ValidationError(_("“%(code)s” is not an ISO 639-3 language code"), params={"code": code})


class Asset(models.Model):
    """One uploaded file of an item. The original is kept untouched in private storage and never served."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("image")
        VIDEO = "video", _("video")
        AUDIO = "audio", _("audio")
        CAPTION = "caption", _("captions")
        DOCUMENT = "document", _("document")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="assets")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    original = models.FileField(_("original file"), storage=private_storage, max_length=300, blank=True)
    original_name = models.CharField(_("original file name (staff only)"), max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.BigIntegerField(null=True, blank=True)
    mime_type = models.CharField(_("type (sniffed from the content)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    language = models.CharField(
        _("language (ISO 639-3)"), max_length=3, blank=True, validators=[validate_iso639_3],
        help_text=_("For a subtitle file: the language of its text. Empty: read from a name such as film.tha.srt "
                    "or film.th.srt, else the item's original language."))
    withheld = models.BooleanField(
        _("withheld from the public"), default=False,
        help_text=_("Only staff can see or play this file, even when the item is public."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["item", "position", "pk"]
        verbose_name = _("file")

    def __str__(self):
        return self.original_name or f"asset {self.pk}"

    def is_visible_to(self, user, *, today=None):
        return type(self).objects.filter(pk=self.pk).visible_to(user, today=today).exists()


class ChangeRecord(models.Model):
    """One change to a catalogue record: who changed which field, when, and what it was before."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    model = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    field = models.CharField(max_length=100, blank=True)
    part = models.CharField(max_length=300, blank=True,
                            help_text=_("the part of the record that changed: a person's role, a file, a line"))
    old_value = models.TextField(blank=True, null=True)
    new_value = models.TextField(blank=True, null=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    source = models.CharField(max_length=100, blank=True, help_text=_("admin, import, shell..."))
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.model} {self.object_repr} {self.action} {self.field}"


# What the history keeps (archive/history.py): every record a curator edits, and the lists and parts edited with it.
track(Language)
track(Collection)
track(Subject)
track(Tradition)
track(Place)
track(Agent)
track(Item, relations={"places": "path", "subjects": "slug", "tags": "name", "languages": "code"})
track(ItemAgent, part_of="item", as_field="agents")
track(ConsentRecord)
track(Asset, fields=("original_name", "position", "language", "withheld"), part_of="item", as_field="files")
