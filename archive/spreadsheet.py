"""The catalogue spreadsheet: one CSV row per item, in the format docs/csv.md describes.

This module reads and writes the format and checks cells; it never writes to the database. Reading streams:
rows are decoded one physical line at a time so a bad byte or a bad cell is reported with the line it is on,
counting the line breaks inside quoted cells as Excel and LibreOffice write them.
"""

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.utils.translation import gettext, gettext_lazy

from .access import AccessLevel
from .edtf import EDTFError, parse_edtf
from .languages import field_names, iso639_3_name
from .models import Item, ItemAgent
from .normalise import ZAWGYI, ZAWGYI_UNSURE, normalise
from .spreadsheet_curation import CURATION_COLUMNS, format_consent, parse_consent, parse_coordinates
from .spreadsheet_works import WORK_COLUMNS, WORK_TEXT_COLUMNS, parse_work_cell, work_cells

TEXT_COLUMNS = (*field_names("title"), *field_names("description"))
COLUMNS = (
    "accession_number", "kind", "status", *TEXT_COLUMNS, "date", "places", "agents", "subjects", "tags",
    "languages", "rights", "licence", "access", "collection", "media_files",
    # Curation: consent records and a staff-only note (archive/spreadsheet_curation.py).
    *CURATION_COLUMNS,
    *WORK_COLUMNS,  # artworks, music and performances: archive/spreadsheet_works.py
)
LIST_COLUMNS = ("places", "agents", "subjects", "tags", "languages", "media_files")
RELATION_COLUMNS = ("places", "agents", "subjects", "tags", "languages")
LIST_SEPARATOR = ";"
PLACE_SEPARATOR = ">"
MAX_LENGTHS = {"accession_number": 64, **{name: 500 for name in field_names("title")}}
# A cell starting with one of these is a formula to Excel and LibreOffice (a tab or a carriage return can hide
# one). The export puts an apostrophe before such a cell, and before a cell that already starts with one, so the
# import can take exactly one apostrophe away again: see "Formulas" in docs/csv.md.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
APOSTROPHE = "'"
# Cells of free text and names, brought to the archive's normal form (archive/normalise.py) as they are read.
NORMALISED_COLUMNS = (*TEXT_COLUMNS, "places", "agents", "subjects", "tags", "collection", *CURATION_COLUMNS,
                      *WORK_TEXT_COLUMNS)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self):
        where = (gettext("line %(line)s, column %(column)s") % {"line": self.line, "column": self.column}
                 if self.column else gettext("line %(line)s") % {"line": self.line})
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class RowNote(RowError):
    """Something the import changed in a cell (Burmese converted from Zawgyi) or left for the curator to check."""


def normalise_cell(line, column, cell):
    """(cell in the normal form, [RowNote]) for a cell of a NORMALISED_COLUMNS column; other cells unchanged."""
    if column not in NORMALISED_COLUMNS:
        return cell, []
    result = normalise(cell)
    notes = []
    if ZAWGYI in result.changes:
        notes.append(RowNote(line, column, gettext("Burmese converted from Zawgyi")))
    if ZAWGYI_UNSURE in result.changes:
        notes.append(RowNote(line, column, gettext("this may be Burmese typed in Zawgyi; it was left as typed, "
                                                   "please check it")))
    return result.text, notes


class SpreadsheetError(Exception):
    """The file cannot be read further (not UTF-8, broken quoting, no header)."""

    def __init__(self, line, reason):
        super().__init__(f"line {line}: {reason}")
        self.error = RowError(line, "", reason)


@dataclass
class Row:
    """A checked row: model field values, relations and media files for the columns the file has, and notes on
    what reading it changed (RowNote)."""

    line: int
    accession_number: str
    fields: dict = field(default_factory=dict)
    relations: dict = field(default_factory=dict)
    media_files: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    consents: list = field(default_factory=list)  # ConsentCells
    place_positions: dict = field(default_factory=dict)  # place path (tuple) -> (latitude, longitude)


def neutralise(cell):
    """The cell as the export writes it: never read as a formula by a spreadsheet."""
    if cell.startswith((*FORMULA_STARTS, APOSTROPHE)):
        return APOSTROPHE + cell
    return cell


def restore(cell):
    """The text of a cell the export neutralised; any other cell is returned as it is."""
    if cell.startswith(APOSTROPHE) and cell[1:].startswith((*FORMULA_STARTS, APOSTROPHE)):
        return cell[1:]
    return cell


def _physical_lines(binary):
    """Decoded lines of a UTF-8 file, each with its own line break (LF, CRLF or a lone CR)."""
    number = 0
    for chunk in binary:
        for raw in chunk.splitlines(keepends=True):
            number += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise SpreadsheetError(number, "this line is not UTF-8 text; save the file as “CSV UTF-8”") from None
            if number == 1:
                text = text.removeprefix("\ufeff")
            yield text


class SpreadsheetReader:
    """Iterate the records of a catalogue CSV as (line, {column: cell}).

    `columns` and `header_errors` describe the header after `open()`. The line of a record is the physical
    line it starts on. Blank rows, and rows whose cells are all empty, are skipped.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.columns = []
        self.header_errors = []
        self.header_line = 0

    def __enter__(self):
        self._file = open(self.path, "rb")
        self._reader = csv.reader(_physical_lines(self._file), strict=True)
        self._read_header()
        return self

    def __exit__(self, *exc):
        self._file.close()

    def _next_record(self):
        """(line, cells) of the next non-blank record, or None at the end of the file."""
        while True:
            start = self._reader.line_num + 1
            try:
                cells = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as error:
                raise SpreadsheetError(self._reader.line_num or start, f"the CSV quoting is broken ({error})") from None
            if any(cell.strip() for cell in cells):
                return start, cells

    def _read_header(self):
        record = self._next_record()
        if record is None:
            raise SpreadsheetError(1, "the file is empty: the first row must name the columns")
        self.header_line, cells = record
        seen, aliases = set(), None
        for cell in cells:
            name = cell.strip().lower()
            if name not in COLUMNS:  # a template's header in the curator's language (archive/spreadsheet_guide.py)
                from .spreadsheet_guide import header_aliases

                aliases = aliases or header_aliases()
                name = aliases.get(cell.strip().casefold(), name)
            if name in seen:
                self.header_errors.append(RowError(self.header_line, name, "this column appears twice"))
            elif name not in COLUMNS:
                self.header_errors.append(RowError(
                    self.header_line, name or "(empty)",
                    "unknown column; the columns are: " + ", ".join(COLUMNS)))
            seen.add(name)
            self.columns.append(name)
        if "accession_number" not in seen:
            self.header_errors.append(RowError(self.header_line, "accession_number", "the column is required"))

    def __iter__(self):
        width = len(self.columns)
        while (record := self._next_record()) is not None:
            line, cells = record
            if len(cells) > width and any(cell.strip() for cell in cells[width:]):
                yield line, None, f"this row has {len(cells)} cells but the header names {width} columns"
                continue
            cells = [restore(cell) for cell in cells] + [""] * (width - len(cells))
            yield line, {name: cells[i] for i, name in enumerate(self.columns) if name in COLUMNS}, None


def normalisation_notes(path):
    """The RowNotes of the cells of a catalogue CSV that its import converts or leaves for the curator to check
    (as far as the file can be read)."""
    notes = []
    try:
        with SpreadsheetReader(path) as reader:
            for line, cells, _problem in reader:
                for name, cell in (cells or {}).items():
                    notes += normalise_cell(line, name, cell)[1]
    except SpreadsheetError:
        pass
    return notes


def split_list(cell, separator=LIST_SEPARATOR):
    seen, values = set(), []
    for part in cell.split(separator):
        part = part.strip()
        if part and part not in seen:
            seen.add(part)
            values.append(part)
    return values


# Read once: each `choices` builds its list anew. The labels stay lazy, translated when a cell is matched to one.
_KINDS, _STATUSES = Item.Kind.choices, Item.Status.choices


def _choice(text, choices, what):
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    if any(key == value for value, _label in choices):  # found without translating every label
        return key
    for value, label in choices:
        if key in (value, str(label).lower().replace(" ", "_")):
            return value
    raise ValueError(gettext("unknown %(what)s “%(text)s”; use one of: %(choices)s") % {
        "what": what, "text": text.strip(), "choices": ", ".join(v for v, _label in choices)})


_RIGHTS = {uri.rstrip("/").split("/")[-2].lower(): uri for uri in Item.Rights.values}
_LICENCES = {**{v.lower(): v for v in Item.Licence.values if v},
             **{str(label).lower(): v for v, label in Item.Licence.choices if v}}


def parse_rights(text):
    text = text.strip()
    if not text:
        return Item.Rights.NOT_EVALUATED
    key = text.rstrip("/").split("/")[-2].lower() if "/" in text else text.lower()
    if key not in _RIGHTS or ("/" in text and "rightsstatements.org/vocab/" not in text):
        raise ValueError(gettext("unknown rights statement “%(text)s”; use a rightsstatements.org URI such as "
                                 "%(example)s or its short name (InC, InC-EDU, NoC-US, CNE...)") % {
            "text": text, "example": Item.Rights.NOT_EVALUATED})
    return _RIGHTS[key]


def parse_licence(text):
    text = text.strip()
    if not text:
        return ""
    if text.lower() not in _LICENCES:
        raise ValueError(gettext("unknown licence “%(text)s”; use one of: %(choices)s (or leave it empty for all "
                                 "rights reserved)") % {
            "text": text, "choices": ", ".join(v for v in Item.Licence.values if v)})
    return _LICENCES[text.lower()]


def parse_access(text):
    """`public`, `registered`, `staff` or `embargoed:YYYY-MM-DD` -> (access, embargo_until)."""
    text = text.strip()
    level, _colon, until = text.partition(":")
    level = level.strip().lower()
    if level == AccessLevel.EMBARGOED:
        until = until.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", until, re.ASCII):
            raise ValueError(gettext("“%(text)s”: an embargo needs the day it ends, as embargoed:YYYY-MM-DD")
                             % {"text": text})
        try:
            return AccessLevel.EMBARGOED, date.fromisoformat(until)
        except ValueError:
            raise ValueError(gettext("“%(text)s”: %(day)s is not a day of the calendar")
                             % {"text": text, "day": until}) from None
    if level in (AccessLevel.PUBLIC, AccessLevel.REGISTERED, AccessLevel.STAFF) and not until:
        return level, None
    raise ValueError(gettext("unknown access “%(text)s”; use public, registered, staff or embargoed:YYYY-MM-DD")
                     % {"text": text})


def parse_place(text):
    parts = [part.strip() for part in text.split(PLACE_SEPARATOR)]
    if not all(parts):
        raise ValueError(gettext("place “%(text)s” has an empty part; write a path such as Thailand > Samut Sakhon")
                         % {"text": text})
    if any(len(part) > 200 for part in parts):
        raise ValueError(gettext("place “%(text)s”: a place name is longer than 200 characters") % {"text": text})
    return tuple(parts)


_ROLES = frozenset(ItemAgent.Role.values)


def parse_agent(text):
    role, colon, name = text.partition(":")
    role, name = role.strip().lower(), name.strip()
    if not colon or not name:
        raise ValueError(gettext("“%(text)s” is not “role: Name” (for example narrator: Ko Min)") % {"text": text})
    if role not in _ROLES:
        raise ValueError(gettext("unknown role “%(role)s” in “%(text)s”; use one of: %(choices)s") % {
            "role": role, "text": text, "choices": ", ".join(ItemAgent.Role.values)})
    if len(name) > 200:
        raise ValueError(gettext("the name in “%(text)s…” is longer than 200 characters") % {"text": text[:40]})
    return role, name


def resolve_media_path(base, text):
    """The file a media_files entry names, which must lie inside the CSV's folder."""
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or PureWindowsPath(text).drive:
        raise ValueError(gettext("“%(text)s” is an absolute path; media files are named relative to the CSV file")
                         % {"text": text})
    path = (base / text.replace("\\", "/")).resolve()
    if not path.is_relative_to(base.resolve()):
        raise ValueError(gettext("“%(text)s” points outside the CSV file's folder") % {"text": text})
    return path


class RowParser:
    """Checks the cells of one row and turns them into a Row; collects every problem with its column."""

    def __init__(self, *, base, vocabulary):
        self.base = Path(base)
        self.vocabulary = vocabulary

    def parse(self, line, cells):
        errors = []
        accession = cells.get("accession_number", "").strip()
        row = Row(line=line, accession_number=accession)
        if not accession:
            errors.append(RowError(line, "accession_number", "the accession number is empty"))
        for name, cell in cells.items():
            cell, notes = normalise_cell(line, name, cell)
            row.notes += notes
            try:
                self._parse_cell(row, name, cell)
            except ValueError as error:
                errors.append(RowError(line, name, str(error)))
        return row, errors

    def _parse_cell(self, row, name, cell):
        if name in MAX_LENGTHS and len(cell.strip()) > MAX_LENGTHS[name]:
            raise ValueError(gettext("longer than %(count)s characters") % {"count": MAX_LENGTHS[name]})
        if name == "accession_number":
            return
        if name in TEXT_COLUMNS:
            value = cell.strip()
            if name == "title" and not value:
                raise ValueError(gettext("the English title is empty; every item needs one"))
            row.fields[name] = value
        elif name == "kind":
            row.fields["kind"] = _choice(cell, _KINDS, gettext_lazy("kind"))
        elif name == "status":
            row.fields["status"] = (_choice(cell, _STATUSES, gettext_lazy("status")) if cell.strip()
                                    else Item.Status.DRAFT)
        elif name == "date":
            value = cell.strip()
            if value:
                try:
                    parse_edtf(value)
                except EDTFError as error:
                    raise ValueError(gettext("invalid date: %(reason)s") % {"reason": error}) from None
            row.fields["date"] = value
        elif name == "rights":
            row.fields["rights"] = parse_rights(cell)
        elif name == "licence":
            row.fields["licence"] = parse_licence(cell)
        elif name == "access":
            row.fields["access"], row.fields["embargo_until"] = parse_access(cell)
        elif name == "collection":
            row.fields["collection_id"] = self._collection(cell, row.line)
        elif name == "media_files":
            row.media_files = [self._media_file(part) for part in split_list(cell)]
        elif name in WORK_COLUMNS:
            field, value = parse_work_cell(name, cell, self.vocabulary.traditions)
            row.fields[field] = value
        elif name == "places":
            row.relations["places"] = self._places(row, cell)
        elif name == "consent":
            row.consents = [parse_consent(part) for part in split_list(cell)]
        elif name == "staff_note":
            row.fields["staff_note"] = cell.strip()
        else:
            row.relations[name] = self._relation(name, cell, row.line)

    def _relation(self, name, cell, line):
        values = split_list(cell)
        if name == "agents":
            return list(dict.fromkeys(parse_agent(value) for value in values))
        if name == "subjects":
            for value in values:  # an unknown term is reported once, with every line naming it
                if value.casefold() not in self.vocabulary.subjects:
                    self.vocabulary.note_unknown("subject", value, line)
            return list(dict.fromkeys(self.vocabulary.subjects[v.casefold()] for v in values
                                      if v.casefold() in self.vocabulary.subjects))
        if name == "languages":
            codes = [v.lower() for v in values]
            unknown = [v for v in codes if not iso639_3_name(v)]
            if unknown:
                raise ValueError(gettext("unknown language %(codes)s; use ISO 639-3 codes such as tha, mya, khm, lao, "
                                         "shn, kar") % {"codes": ", ".join(f"“{v}”" for v in unknown)})
            return list(dict.fromkeys(codes))
        too_long = [v for v in values if len(v) > 100]
        if too_long:
            raise ValueError(gettext("the tag “%(text)s…” is longer than 100 characters") % {"text": too_long[0][:40]})
        return values

    def _places(self, row, cell):
        places = []
        for value in split_list(cell):
            text, position = parse_coordinates(value)
            places.append(parse_place(text))
            if position:
                row.place_positions[places[-1]] = position
        return list(dict.fromkeys(places))

    def _collection(self, cell, line):
        text = cell.strip()
        if not text:
            return None
        if text.casefold() not in self.vocabulary.collections:
            self.vocabulary.note_unknown("collection", text, line)
            return None
        return self.vocabulary.collections[text.casefold()]

    def _media_file(self, text):
        path = resolve_media_path(self.base, text)
        return text, path


def item_row(item, *, agents, places, media_names, consents=()):
    """The cells of one item, in COLUMNS order, neutralised against formulas. Relations are passed in so the
    caller can prefetch them."""
    cells = {
        "accession_number": item.accession_number,
        "kind": item.kind,
        "status": item.status,
        **{name: getattr(item, name) for name in TEXT_COLUMNS},
        "date": item.date,
        "places": "; ".join(places),
        "agents": "; ".join(f"{role}: {name}" for role, name in agents),
        "subjects": "; ".join(subject.slug for subject in item.subjects.all()),
        "tags": "; ".join(sorted(tag.name for tag in item.tags.all())),
        "languages": "; ".join(language.code for language in item.languages.all()),
        "rights": item.rights,
        "licence": item.licence,
        "access": (f"embargoed:{item.embargo_until.isoformat()}" if item.access == AccessLevel.EMBARGOED
                   and item.embargo_until else item.access),
        "collection": item.collection.slug if item.collection else "",
        "media_files": "; ".join(media_names),
        "consent": "; ".join(format_consent(record) for record in consents),
        "staff_note": item.staff_note,
        **work_cells(item),
    }
    return [neutralise(cells[name]) for name in COLUMNS]


def csv_writer(stream):
    """A writer for the format: every cell quoted when needed, CRLF line ends as spreadsheets expect."""
    return csv.writer(stream, lineterminator="\r\n")

