"""What a spreadsheet import may create or change, the permission each needs, and the rows of a file that need
one the importing user lacks."""

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy
from taggit.models import Tag

from .access import CONSENT_USES
from .models import Agent, Asset, ConsentRecord, Language, Place

# What an import may create or change, the permission each needs, and how the report says it.
IMPORT_PERMISSIONS = {
    "item": ("archive.add_item", gettext_lazy("create items")),
    "item_change": ("archive.change_item", gettext_lazy("change items that exist")),
    "place": ("archive.add_place", gettext_lazy("create places")),
    "agent": ("archive.add_agent", gettext_lazy("create people and organisations (agents)")),
    "language": ("archive.add_language", gettext_lazy("add languages to the archive")),
    "tag": ("taggit.add_tag", gettext_lazy("create tags")),
    "asset": ("archive.add_asset", gettext_lazy("add files")),
    "consent": ("archive.add_consentrecord", gettext_lazy("record consent")),
    "consent_change": ("archive.change_consentrecord", gettext_lazy("change consent records that exist")),
    "place_change": ("archive.change_place", gettext_lazy("set the coordinates of places that exist")),
    "subject": ("archive.add_subject", gettext_lazy("create subjects")),
    "collection": ("archive.add_collection", gettext_lazy("create collections")),
}
MAX_LISTED_LINES = 200


@dataclass
class PermissionProblem:
    """The rows of a file that need a permission the importing user does not have."""

    kind: str  # a key of IMPORT_PERMISSIONS
    lines: list[int] = field(default_factory=list)
    count: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def permission(self) -> str:
        return IMPORT_PERMISSIONS[self.kind][0]

    def add(self, line: int, example: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_LISTED_LINES:
            self.lines.append(line)
        if example and example not in self.examples and len(self.examples) < 5:
            self.examples.append(example)

    def __str__(self) -> str:
        lines = ", ".join(map(str, self.lines))
        if self.count > len(self.lines):
            lines = gettext("%(lines)s and %(more)s more") % {"lines": lines, "more": self.count - len(self.lines)}
        text = gettext("you do not have the permission %(permission)s to %(action)s, which %(count)s row(s) need: "
                       "line(s) %(lines)s") % {"permission": self.permission, "action": IMPORT_PERMISSIONS[self.kind][1],
                                               "count": self.count, "lines": lines}
        examples = ", ".join(f"“{example}”" for example in self.examples)
        return f"{text} ({examples})" if examples else text



def missing_permissions(user):
    """The keys of IMPORT_PERMISSIONS `user` lacks; none for the system (user None)."""
    if user is None:
        return frozenset()
    return frozenset(kind for kind, (permission, _action) in IMPORT_PERMISSIONS.items()
                     if not user.has_perm(permission))


class PermissionCheck:
    """Finds, a batch of rows at a time, the rows that would create or change records of a kind the user may
    not; does nothing at all when the user lacks no permission."""

    def __init__(self, missing, report):
        self.missing = missing
        self.report = report
        self.problems = {}
        self._places = None

    def needs(self, kind, line, example=""):
        if kind in self.missing:
            if kind not in self.problems:
                self.problems[kind] = PermissionProblem(kind)
                self.report.permission_problems.append(self.problems[kind])
            self.problems[kind].add(line, example)

    # Kinds a row names by a unique value: kind -> (model, field, the values a row names).
    NAMED = {
        "agent": (Agent, "display_name", lambda row: [name for _role, name in row.relations.get("agents", [])]
                  + [consent.who for consent in row.consents]),
        "language": (Language, "code", lambda row: row.relations.get("languages", [])),
        "tag": (Tag, "name", lambda row: row.relations.get("tags", [])),
    }

    def batch(self, pending, existing):
        """Check rows (accession, line, missing media, row) against the database; `existing` maps accession
        numbers to item ids."""
        rows = [(existing.get(accession), line, row) for accession, line, _missing, row in pending]
        for item_id, line, row in rows:
            self.needs("item" if item_id is None else "item_change", line, row.accession_number)
        for kind, (model, name, named) in self.NAMED.items():
            if kind in self.missing:
                values = {value for _id, _line, row in rows for value in named(row)}
                known = set(model.objects.filter(**{f"{name}__in": values}).values_list(name, flat=True))
                for _id, line, row in rows:
                    for value in named(row):
                        if value not in known:
                            self.needs(kind, line, value)
        if "place" in self.missing:
            for _id, line, row in rows:
                for parts in row.relations.get("places", []):
                    if self._place_id(parts) is None:
                        self.needs("place", line, " > ".join(parts))
        if "place_change" in self.missing:
            for _id, line, row in rows:
                for parts, position in row.place_positions.items():
                    pk = self._place_id(parts)
                    if pk is not None and self._positions.get(pk) != position:
                        self.needs("place_change", line, " > ".join(parts))
        if self.missing & {"consent", "consent_change"}:
            self._consents(rows)
        if "asset" in self.missing:
            attached = set(Asset.objects.filter(item_id__in=[item_id for item_id, _l, _r in rows if item_id])
                           .values_list("item_id", "original_name"))
            for item_id, line, row in rows:
                for text, media_path in row.media_files:
                    if (item_id, media_path.name) not in attached:
                        self.needs("asset", line, text)

    def _consents(self, rows):
        """A consent cell for a person and day the item has no record of needs the add permission; one that
        changes a record, the change permission."""
        on_record = {(item_id, who, given_on): (uses, withdrawn_on) for item_id, who, given_on, withdrawn_on, *uses in
                     ConsentRecord.objects.filter(item_id__in=[item_id for item_id, _l, _r in rows if item_id])
                     .values_list("item_id", "agent__display_name", "given_on", "withdrawn_on", *CONSENT_USES)}
        for item_id, line, row in rows:
            for cell in row.consents:
                record = on_record.get((item_id, cell.who, cell.given_on))
                if record is None:
                    self.needs("consent", line, cell.who)
                elif record != ([use in cell.uses for use in CONSENT_USES], cell.withdrawn_on or record[1]):
                    self.needs("consent_change", line, cell.who)

    def _place_id(self, parts):
        if self._places is None:
            self._places, self._positions = {}, {}
            for pk, name, parent, latitude, longitude in Place.objects.values_list(
                    "pk", "name", "parent_id", "latitude", "longitude").iterator():
                self._places[name, parent] = pk
                self._positions[pk] = (latitude, longitude)
        parent = None
        for name in parts:
            parent = self._places.get((name, parent))
            if parent is None:
                return None
        return parent
