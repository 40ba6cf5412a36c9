"""The controlled terms a catalogue spreadsheet may name (subjects, collections), the unknown ones a file names,
grouped by term with the lines naming each, and their creation when the importing curator asks for it."""

import hashlib
import unicodedata
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .languages import field_names
from .models import Collection, Subject
from .spreadsheet_works import tradition_names

MAX_LISTED_LINES = 200
TERM_MODELS = {"subject": Subject, "collection": Collection}


@dataclass
class UnknownTerm:
    """A subject or collection a file names that the archive does not have, with the lines naming it."""

    kind: str  # a key of TERM_MODELS
    name: str
    lines: list[int] = field(default_factory=list)
    count: int = 0

    def add(self, line):
        self.count += 1
        if len(self.lines) < MAX_LISTED_LINES and line not in self.lines:
            self.lines.append(line)

    @property
    def column(self):
        return "subjects" if self.kind == "subject" else "collection"

    def where(self):
        more = self.count - len(self.lines)
        listed = ", ".join(map(str, self.lines))
        return _("on lines %(lines)s and %(more)s more") % {"lines": listed, "more": more} if more > 0 else (
            _("on line %(lines)s") if len(self.lines) == 1 else _("on lines %(lines)s")) % {"lines": listed}

    def __str__(self):
        what = _("subject") if self.kind == "subject" else _("collection")
        return _("%(what)s “%(name)s”: unknown, %(where)s") % {"what": what, "name": self.name, "where": self.where()}


class Vocabulary:
    """The controlled terms cells may name, loaded once per import, and the unknown ones the rows named."""

    def __init__(self):
        self.subjects = {}
        for subject in Subject.objects.all():
            for name in (getattr(subject, title) for title in field_names("title")):
                if name:
                    self.subjects.setdefault(name.casefold(), subject.pk)
        # Slugs win over titles when a slug equals another term's title.
        self.subjects.update({slug.casefold(): pk for pk, slug in Subject.objects.values_list("pk", "slug")})
        self.subject_slugs = dict(Subject.objects.values_list("pk", "slug"))
        self.collections = {title.casefold(): pk for pk, title in Collection.objects.values_list("pk", "title")}
        self.collections.update({slug.casefold(): pk for pk, slug in Collection.objects.values_list("pk", "slug")})
        self.traditions = tradition_names()
        self.unknown = {}  # (kind, casefolded name) -> UnknownTerm, in the order the file names them

    def note_unknown(self, kind, name, line):
        term = self.unknown.setdefault((kind, name.casefold()), UnknownTerm(kind, name))
        term.add(line)

    def unknown_terms(self):
        return sorted(self.unknown.values(), key=lambda term: (list(TERM_MODELS).index(term.kind), term.lines[0]))

    def create_unknown(self):
        """Create every unknown term, named as the file first wrote it; returns the records made. The caller
        holds the transaction and the history's `acting_as`."""
        made = []
        for term in self.unknown_terms():
            model = TERM_MODELS[term.kind]
            record = model.objects.create(slug=term_slug(model, term.name), title=term.name)
            terms = self.subjects if term.kind == "subject" else self.collections
            terms[term.name.casefold()] = record.pk
            if term.kind == "subject":
                self.subject_slugs[record.pk] = record.slug
            made.append(record)
        self.unknown.clear()
        return made


def term_slug(model, name):
    """A slug for a new term that no other term has. Burmese and Khmer words lose their vowel signs in a slug
    (Django's slugs keep letters only), so a name with combining marks gets a short stable code instead."""
    limit = model._meta.get_field("slug").max_length - 4
    if any(unicodedata.category(char).startswith("M") for char in name):
        base = f"{model._meta.model_name}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
    else:
        base = slugify(name, allow_unicode=True)[:limit].strip("-") or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
