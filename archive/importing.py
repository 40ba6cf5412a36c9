"""Spreadsheet import: every row of a catalogue CSV checked first, then all of it written in one transaction, or
nothing. The history records the import as made by the importing user (source "import")."""

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext
from taggit.models import Tag, TaggedItem

from media_pipeline.errors import MediaRejected
from media_pipeline.ingest import asset_ingest

from .bulk_insert import rows_insert
from .history import acting_as, history_of_filled_list, history_of_inserted, history_write
from .models import Agent, Asset, Item, ItemAgent, Language, Place, Subject
from .import_visibility import MAX_LISTED_HIDDEN, HiddenRow, rows_not_public
from .import_permissions import IMPORT_PERMISSIONS, PermissionCheck, PermissionProblem, missing_permissions
from .spreadsheet import RELATION_COLUMNS, RowError, RowParser, SpreadsheetError, SpreadsheetReader
from .signals import records_updated
from .spreadsheet_curation import consents_write, coordinates_write
from .vocabulary import UnknownTerm, Vocabulary
from .storage import private_storage

MAX_REPORTED_ERRORS = 1000
CHECK_BATCH = 500
WRITE_BATCH = 500
INSERT_BATCH = 500
CACHE_LIMIT = 20_000
PLACE_KINDS = (Place.Kind.COUNTRY, Place.Kind.PROVINCE, Place.Kind.DISTRICT)

@dataclass
class ImportReport:
    path: Path
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    files_added: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    permission_problems: list[PermissionProblem] = field(default_factory=list)
    # The rows whose item will not be public after the import, and why (the first MAX_LISTED_HIDDEN).
    hidden: list[HiddenRow] = field(default_factory=list)
    hidden_count: int = 0
    # Subjects and collections the file names that the archive lacks; created first with create_missing.
    unknown_terms: list[UnknownTerm] = field(default_factory=list)
    create_missing: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and not self.permission_problems

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)

    def summary(self) -> str:
        """The outcome in a sentence, in the active language."""
        if not self.ok:
            problems = self.error_count + len(self.permission_problems)
            more = self.error_count - len(self.errors)
            if more:
                return gettext("%(problems)s problem(s) (the first %(listed)s are listed, %(more)s more); nothing was "
                               "imported.") % {"problems": problems, "listed": len(self.errors), "more": more}
            return gettext("%(problems)s problem(s); nothing was imported.") % {"problems": problems}
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                  "files": self.files_added}
        if self.dry_run:
            text = gettext("%(created)s item(s) would be created, %(updated)s would be updated") % counts
        else:
            text = gettext("%(created)s item(s) were created, %(updated)s were updated, %(unchanged)s unchanged, "
                           "%(files)s file(s) added") % counts
        if self.create_missing and self.unknown_terms:
            terms = {"count": len(self.unknown_terms), "terms": ", ".join(
                f"{term.kind} “{term.name}”" for term in self.unknown_terms)}
            text += (gettext("; %(count)s new subject(s) and collection(s) would be created first: %(terms)s")
                     if self.dry_run else
                     gettext("; %(count)s new subject(s) and collection(s) were created first: %(terms)s")) % terms
        if self.hidden_count:
            text += gettext("; %(count)s of them will not be on the public site (see why on each row)") % {
                "count": self.hidden_count}
        return text + "."

    def grouped_errors(self):
        """[(lines, column, reason)]: errors with the same column and reason told once, with all their lines."""
        groups = {}
        for error in self.errors:
            groups.setdefault((error.column, error.reason), []).append(error.line)
        return [(lines, column, reason) for (column, reason), lines in groups.items()]

    @property
    def only_unknown_terms(self):
        """Whether the only problems are unknown subjects and collections, which creating them would solve."""
        return (bool(self.unknown_terms) and not self.create_missing and not self.permission_problems
                and self.error_count == len(self.unknown_terms))

    def add_hidden(self, rows):
        self.hidden_count += len(rows)
        self.hidden += rows[:max(0, MAX_LISTED_HIDDEN - len(self.hidden))]


class _Abort(Exception):
    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def items_import(*, path, dry_run=False, by=None, create_missing=False, progress=None):
    """Import a catalogue CSV: check every row first, then write all of it in one transaction, or nothing.

    Returns an ImportReport; `report.ok` is False when any row is bad, and then nothing was written.
    Items are matched by accession number, so importing a file again updates the items it made.

    `by` is the user importing: every kind of record the file would create (items, places, agents, languages,
    tags, files) needs its add permission, and every item it would update needs `archive.change_item`; the
    rows needing a permission `by` lacks are reported in `report.permission_problems`. With `by=None` the
    import acts as the system (the command line without --user) and no permission is checked.

    Subjects and collections are a controlled list: each one the file names that the archive lacks is one problem,
    listed with every line naming it (`report.unknown_terms`). With `create_missing` they are created, in the same
    transaction and before the rows, which needs the permission to add subjects or collections.

    `progress(phase, rows)`, if given, is told after each row how many rows are done: phase "checking" in the
    first pass, "writing" in the second.
    """
    progress = progress or (lambda phase, rows: None)
    path = Path(path)
    report = ImportReport(path=path, dry_run=dry_run)
    parser = RowParser(base=path.parent, vocabulary=Vocabulary())
    missing = missing_permissions(by)
    permissions = PermissionCheck(missing, report)
    _check(path, parser, report, permissions, progress)
    _unknown_terms(parser.vocabulary, report, permissions, create_missing)
    report.permission_problems.sort(key=lambda problem: list(IMPORT_PERMISSIONS).index(problem.kind))
    if dry_run or not report.ok:
        report.errors.sort(key=lambda error: error.line)
        return report
    report.created = report.updated = 0
    stored = []
    try:
        with acting_as(by, "import"), transaction.atomic():
            parser.vocabulary.create_unknown()
            _write(path, parser, report, stored, missing, progress)
    except _Abort as abort:
        for name in stored:
            private_storage.delete(name)
        report.created = report.updated = report.unchanged = report.files_added = 0
        report.add_error(abort.error)
    except BaseException:
        for name in stored:
            private_storage.delete(name)
        raise
    return report


def _unknown_terms(vocabulary, report, permissions, create_missing):
    report.unknown_terms, report.create_missing = vocabulary.unknown_terms(), create_missing
    for term in report.unknown_terms:
        if create_missing:
            for line in term.lines:
                permissions.needs(term.kind, line, term.name)
        else:
            hint = (gettext("subjects are a controlled list") if term.kind == "subject"
                    else gettext("name an existing collection by its slug or title"))
            report.add_error(RowError(term.lines[0], term.column, f"{term}; {hint}"))


def _check(path, parser, report, permissions, progress):
    """First pass: every row checked, holding only accession numbers (for duplicates) and a small batch."""
    seen, pending = {}, []
    try:
        with SpreadsheetReader(path) as reader:
            for error in reader.header_errors:
                report.add_error(error)
            if "accession_number" not in reader.columns:
                return
            new_needs = [name for name in ("kind", "title") if name not in reader.columns]
            for count, (line, cells, problem) in enumerate(reader, 1):
                progress("checking", count)
                if problem:
                    report.add_error(RowError(line, "", problem))
                    continue
                row, errors = parser.parse(line, cells)
                for error in errors:
                    report.add_error(error)
                accession = row.accession_number
                if accession in seen:
                    reason = gettext("duplicate accession number “%(accession)s”: also on line %(line)s") % {
                        "accession": accession, "line": seen[accession]}
                    report.add_error(RowError(line, "accession_number", reason))
                    continue
                if accession:
                    seen[accession] = line
                    missing = [(text, p) for text, p in row.media_files if not p.is_file()]
                    pending.append((accession, line, missing, row))
                if len(pending) >= CHECK_BATCH:
                    _check_existing(pending, new_needs, report, permissions)
            _check_existing(pending, new_needs, report, permissions)
    except SpreadsheetError as error:
        report.add_error(error.error)


def _check_existing(pending, new_needs, report, permissions):
    """Count new and updated items, and check what only the database can tell: a new item needs a kind and a
    title, a missing media file is fine only when the item already has a file of that name, and the user needs
    the permissions for what the rows would create or change."""
    existing = dict(Item.objects.filter(accession_number__in=[a for a, _l, _m, _r in pending])
                    .values_list("accession_number", "pk"))
    if permissions.missing:
        permissions.batch(pending, existing)
    report.add_hidden(rows_not_public([row for _a, _l, _m, row in pending], existing=existing))
    for accession, line, missing, _row in pending:
        item_id = existing.get(accession)
        if item_id is None:
            report.created += 1
            for name in new_needs:
                report.add_error(RowError(line, name, gettext(
                    "“%(accession)s” is a new item, and a new item needs a %(column)s: add the %(column)s column")
                    % {"accession": accession, "column": name}))
        else:
            report.updated += 1
        if missing:
            attached = set(Asset.objects.filter(item_id=item_id, original_name__in=[p.name for _t, p in missing])
                           .values_list("original_name", flat=True)) if item_id else set()
            for text, media_path in missing:
                if media_path.name not in attached:
                    reason = (gettext("media file “%(name)s” is a folder, not a file") if media_path.is_dir()
                              else gettext("media file “%(name)s” is missing"))
                    report.add_error(RowError(line, "media_files", reason % {"name": text}))
    pending.clear()


def _write(path, parser, report, stored, missing, progress):
    """Second pass: the rows written a batch at a time, each batch's new items together (_ItemWriter.write_batch)."""
    writer = _ItemWriter(stored, parser.vocabulary, missing)
    batch, count = [], 0

    def write_batch():
        nonlocal count
        for outcome in writer.write_batch(batch):
            setattr(report, outcome, getattr(report, outcome) + 1)
            count += 1
            progress("writing", count)
        batch.clear()

    with SpreadsheetReader(path) as reader:
        for line, cells, problem in reader:
            row, errors = parser.parse(line, cells)
            if problem or errors:
                raise _Abort(RowError(line, "", gettext("the file changed while it was being imported")))
            batch.append(row)
            if len(batch) >= WRITE_BATCH:
                write_batch()
        write_batch()
    report.files_added = writer.files_added


class _ItemWriter:
    """Second pass: writes checked rows, creating places and agents on first use.

    A new item with nothing but fields and lists (no consent, coordinates or media files) is written with the
    other new items of its batch: items, lists and people each inserted in bulk, the history written by
    archive.history's bulk API (the same records the saves would write), and the batch announced once through
    `records_updated` so the search index and the OAI records follow. Any other row is written on its own.

    The first pass reported every row needing a permission the user lacks; should the file have changed since,
    creating such a record here stops the import all the same.
    """

    def __init__(self, stored, vocabulary, missing=frozenset()):
        self.stored = stored
        self.vocabulary = vocabulary
        self.missing = missing
        self.line = 0
        self.files_added = 0
        self.places, self.agents, self.languages, self.tags, self.place_paths = {}, {}, {}, {}, {}
        self.subjects = {}
        self.created_places = set()

    def _may(self, kind, column):
        if kind in self.missing:
            problem = PermissionProblem(kind)
            problem.add(self.line, "")
            raise _Abort(RowError(self.line, column, str(problem)))

    def write_batch(self, rows):
        """Write `rows` in order; yields each one's outcome ("created", "updated" or "unchanged")."""
        existing = set(Item.objects.filter(accession_number__in=[row.accession_number for row in rows])
                       .values_list("accession_number", flat=True))
        new = []
        for row in rows:
            if row.accession_number not in existing and not (row.consents or row.place_positions or row.media_files):
                new.append(row)
                continue
            yield from self._insert(new)
            new = []
            yield self.write(row)
        yield from self._insert(new)

    def _insert(self, rows):
        """New items that need only their fields and lists, written together; yields "created" for each."""
        if not rows:
            return
        agents = self._agents_named({name for row in rows for _role, name in row.relations.get("agents", ())})
        new_agents, items = [], []
        for row in rows:  # in file order, so a missing permission stops the import at the row it would today
            self.line = row.line
            self._may("item", "accession_number")
            item = Item(accession_number=row.accession_number)
            for name, value in row.fields.items():
                setattr(item, name, value)
            item.derive_fields()
            lists = {name: self._members(name, values, agents, new_agents) for name, values in row.relations.items()
                     if name in RELATION_COLUMNS and values}
            items.append((item, lists))
        Agent.objects.bulk_create(new_agents, batch_size=INSERT_BATCH)
        Item.objects.bulk_create([item for item, _lists in items], batch_size=INSERT_BATCH)
        history = [record for agent in new_agents for record in history_of_inserted(agent)]
        links, through = [], {name: [] for name in RELATION_COLUMNS if name != "agents"}
        for item, lists in items:
            history += history_of_inserted(item)
            for name, members in lists.items():
                if name == "agents":
                    added = [ItemAgent(item=item, agent=agents[agent_name], role=role, position=position)
                             for (role, agent_name), position in members.items()]
                    links += added
                    history += [record for link in added for record in history_of_inserted(link)]
                else:
                    through[name] += [(item.pk, member.pk) for member in members]
                    history += history_of_filled_list(item, name, members)
        rows_insert(ItemAgent, ("item_id", "agent_id", "role", "part", "position"),
                    [(link.item.pk, link.agent.pk, link.role, link.part, link.position) for link in links])
        for name, pairs in through.items():
            self._link(name, pairs)
        history_write(history)
        records_updated.send(sender=Item, pks=[item.pk for item, _lists in items])
        for agent in new_agents:
            self._cached(self.agents, agent.display_name, lambda agent=agent: agent.pk)
        for _row in rows:
            yield "created"

    def _agents_named(self, names):
        """{name: Agent} for those of `names` the archive has, the ones cached (by id) without a query, the rest
        in one. Only the id and the name are loaded: they are all a link and its history need."""
        known = {name: Agent(pk=self.agents[name], display_name=name) for name in names if name in self.agents}
        known.update((agent.display_name, agent) for agent in
                     Agent.objects.filter(display_name__in=names - set(known)).only("pk", "display_name"))
        return known

    def _members(self, name, values, agents, new_agents):
        """The records a new item's list `name` holds. For agents, {(role, name): position} as _set_agents keeps
        them, with each agent the archive lacks added, unsaved, to `agents` and `new_agents`."""
        if name == "agents":
            wanted = {}
            for position, (role, agent_name) in enumerate(values):
                if agent_name not in agents:
                    self._may("agent", "agents")
                    agents[agent_name] = Agent(display_name=agent_name)
                    new_agents.append(agents[agent_name])
                wanted[(role, agent_name)] = position
            return wanted
        if name == "places":
            members = [self._place(parts) for parts in values]
        elif name == "subjects":
            members = [self._subject(pk) for pk in values]
        elif name == "languages":
            members = [self._language(code) for code in values]
        else:
            members = [self._tag(tag) for tag in values]
        return list({member.pk: member for member in members}.values())

    def _link(self, name, pairs):
        """Insert the through rows linking items to the members of their list `name`: [(item id, member id)]."""
        if name == "tags":
            rows_insert(TaggedItem, ("content_type_id", "object_id", "tag_id"),
                        [(self._item_type_id, item_id, tag_id) for item_id, tag_id in pairs])
            return
        field = Item._meta.get_field(name)
        rows_insert(field.remote_field.through,
                    (f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"), pairs)

    @cached_property
    def _item_type_id(self):
        return ContentType.objects.get_for_model(Item).pk

    def _subject(self, pk):
        return self._cached(self.subjects, pk, lambda: Subject.objects.get(pk=pk))

    def write(self, row):
        self.line = row.line
        item = Item.objects.filter(accession_number=row.accession_number).first()
        created = item is None
        self._may("item" if created else "item_change", "accession_number")
        if created:
            item = Item(accession_number=row.accession_number)
        changed = created or any(getattr(item, name) != value for name, value in row.fields.items())
        for name, value in row.fields.items():
            setattr(item, name, value)
        if changed:
            item.save()
        changed = self._relations(item, row, created) or changed
        changed = self._curation(item, row) or changed
        changed = self._media(item, row, created) or changed
        return "created" if created else "updated" if changed else "unchanged"

    def _relations(self, item, row, created):
        """Write the lists that differ from the item's; the history records each one written."""
        before = {} if created else self._before(item, tuple(row.relations))
        changed = False
        for name, values in row.relations.items():
            old = before.get(name, [])
            new = self._display(name, values)
            if old == new if name == "agents" else sorted(old) == sorted(new):
                continue
            changed = True
            if name == "agents":
                self._set_agents(item, values)
            elif name == "places":
                item.places.set([self._place(parts) for parts in values])
            elif name == "subjects":
                item.subjects.set(values)
            elif name == "languages":
                item.languages.set([self._language(code) for code in values])
            else:
                item.tags.set([self._tag(tag) for tag in values])
        return changed

    def _curation(self, item, row):
        """Consent records, and the coordinates of places; the history records each change."""
        changed = consents_write(item, row.consents, agent_id=self._agent,
                                 may=lambda kind: self._may(kind, "consent")) if row.consents else False
        for parts, position in row.place_positions.items():
            place = self._place(parts)
            may = (lambda kind: None) if place.pk in self.created_places else (lambda kind: self._may(kind, "places"))
            changed = coordinates_write(place, position, may=may) or changed
        return changed

    def _set_agents(self, item, values):
        """Keep the links that stay, remove the others, add the new ones, each saved on its own so the history
        records exactly who was added, removed or moved."""
        wanted = {(role, self._agent(name)): position for position, (role, name) in enumerate(values)}
        for link in item.item_agents.all():
            position = wanted.pop((link.role, link.agent_id), None)
            if position is None:
                link.delete()
            elif position != link.position:
                link.position = position
                link.save()
        for (role, agent_id), position in wanted.items():
            ItemAgent.objects.create(item=item, agent_id=agent_id, role=role, position=position)

    def _before(self, item, names):
        """The item's lists as the spreadsheet writes them, place paths read from a cache."""
        readers = {
            "places": lambda: [self._place_path(pk) for pk in item.places.values_list("pk", flat=True)],
            "agents": lambda: [f"{role}: {name}" for role, name in
                               item.item_agents.values_list("role", "agent__display_name")],
            "subjects": lambda: list(item.subjects.values_list("slug", flat=True)),
            "tags": lambda: list(item.tags.names()),
            "languages": lambda: list(item.languages.values_list("code", flat=True)),
        }
        return {name: readers[name]() for name in names if name in RELATION_COLUMNS}

    def _place_path(self, pk):
        def make():
            name, parent = Place.objects.values_list("name", "parent_id").get(pk=pk)
            return f"{self._place_path(parent)} > {name}" if parent else name

        return self._cached(self.place_paths, pk, make)

    def _tag(self, name):
        return self._cached(self.tags, name, lambda: self._found_or_made("tag", "tags", Tag, name=name))

    def _found_or_made(self, kind, column, model, defaults=None, **lookup):
        """The record `lookup` finds, or a new one when the user may create records of this kind."""
        record = model.objects.filter(**lookup).first()
        if record is None:
            self._may(kind, column)
            record = model.objects.create(**lookup, **(defaults or {}))
            if model is Place:
                self.created_places.add(record.pk)
        return record

    def _display(self, name, values):
        if name == "places":
            return [" > ".join(parts) for parts in values]
        if name == "agents":
            return [f"{role}: {agent_name}" for role, agent_name in values]
        if name == "subjects":
            return [self._subject_slug(pk) for pk in values]
        return list(values)

    def _subject_slug(self, pk):
        return self.vocabulary.subject_slugs[pk]

    def _cached(self, cache, key, make):
        if key not in cache:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = make()
        return cache[key]

    def _place(self, parts):
        def make():
            parent = self._place(parts[:-1]) if len(parts) > 1 else None
            kind = PLACE_KINDS[len(parts) - 1] if len(parts) <= len(PLACE_KINDS) else Place.Kind.LOCALITY
            return self._found_or_made("place", "places", Place, {"kind": kind}, name=parts[-1], parent=parent)

        return self._cached(self.places, parts, make)

    def _agent(self, name):
        return self._cached(self.agents, name,
                            lambda: self._found_or_made("agent", "agents", Agent, display_name=name).pk)

    def _language(self, code):
        def make():
            if not Language.objects.filter(code=code).exists():
                self._may("language", "languages")
            return Language.for_code(code)

        return self._cached(self.languages, code, make)

    def _media(self, item, row, created):
        if not row.media_files:
            return False
        attached = set() if created else set(item.assets.values_list("original_name", flat=True))
        added = False
        for text, media_path in row.media_files:
            if media_path.name in attached:
                continue
            self._may("asset", "media_files")
            try:
                asset = asset_ingest(item=item, source=media_path, original_name=media_path.name)
            except MediaRejected as error:
                raise _Abort(RowError(row.line, "media_files", gettext("media file “%(name)s” was refused: %(reason)s")
                                      % {"name": text, "reason": error})) from None
            if asset.original:
                self.stored.append(asset.original.name)
            attached.add(media_path.name)
            self.files_added += 1
            added = True
        return added
