"""The curation columns of the catalogue spreadsheet (docs/csv.md): consent, place coordinates and a staff note.

Reading and writing their cells, and what the import does with them. Consent records are added or updated,
never removed, and an import never takes back a withdrawal; coordinates go on the place a path ends at, where
only the admin shows them exactly (public maps round them: exhibits/maps.py).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .access import CONSENT_USES
from .models import Agent, ConsentRecord

# The columns, in the order the export writes them after the others.
CURATION_COLUMNS = ("consent", "staff_note")
USE_NAMES = {"public_web": "public web", "exhibits": "exhibits", "classroom": "classroom", "research": "research"}
_CONSENT = re.compile(r"^(?P<who>[^:]+):(?P<uses>[^()]*)\((?P<dates>[^()]*)\)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
COORDINATES_MARK = "@"


@dataclass(frozen=True)
class ConsentCell:
    """One consent as a cell writes it: `Ko Min: public web, exhibits (2024-03-01)`, and a withdrawal after the
    day it was given: `(2024-03-01, withdrawn 2025-01-05)`."""

    who: str
    uses: frozenset
    given_on: date
    withdrawn_on: date | None = None

    def record(self, *, withdrawn_on=None):
        """An unsaved ConsentRecord, for the access policy to judge before the import writes anything."""
        return ConsentRecord(agent=Agent(display_name=self.who), given_on=self.given_on,
                             withdrawn_on=self.withdrawn_on or withdrawn_on,
                             **{use: use in self.uses for use in CONSENT_USES})


def _day(text, what):
    if not _DAY.match(text):
        raise ValueError(_("%(what)s “%(text)s” is not a day written YYYY-MM-DD") % {"what": what, "text": text})
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("%(what)s “%(text)s” is not a day of the calendar") % {"what": what, "text": text}) from None


def parse_consent(text):
    match = _CONSENT.match(text.strip())
    if not match:
        raise ValueError(_("consent “%(text)s” is not “Name: uses (YYYY-MM-DD)”, for example Ko Min: public web, "
                           "exhibits (2024-03-01)") % {"text": text})
    who = match["who"].strip()
    if not who or len(who) > 200:
        raise ValueError(_("consent “%(text)s”: the name is empty or longer than 200 characters") % {
            "text": text[:40]})
    uses = set()
    for part in (part.strip().lower().replace("_", " ") for part in match["uses"].split(",")):
        if part:
            use = {name: use for use, name in USE_NAMES.items()}.get(part)
            if use is None:
                raise ValueError(_("consent “%(text)s”: unknown use “%(use)s”; the uses are %(uses)s") % {
                    "text": text, "use": part, "uses": ", ".join(USE_NAMES.values())})
            uses.add(use)
    if not uses:
        raise ValueError(_("consent “%(text)s” names no use; the uses are %(uses)s") % {
            "text": text, "uses": ", ".join(USE_NAMES.values())})
    given, _comma, withdrawal = (part.strip() for part in match["dates"].partition(","))
    given_on = _day(given, _("the day of consent"))
    withdrawn_on = None
    if withdrawal:
        if not withdrawal.startswith("withdrawn "):
            raise ValueError(_("consent “%(text)s”: after the day, write only “withdrawn YYYY-MM-DD”") % {"text": text})
        withdrawn_on = _day(withdrawal.removeprefix("withdrawn ").strip(), _("the day of withdrawal"))
        if withdrawn_on < given_on:
            raise ValueError(_("consent “%(text)s”: withdrawn before it was given") % {"text": text})
    return ConsentCell(who, frozenset(uses), given_on, withdrawn_on)


def format_consent(record):
    uses = ", ".join(USE_NAMES[use] for use in CONSENT_USES if getattr(record, use)) or "none"
    withdrawn = f", withdrawn {record.withdrawn_on.isoformat()}" if record.withdrawn_on else ""
    return f"{record.agent.display_name}: {uses} ({record.given_on.isoformat()}{withdrawn})"


def parse_coordinates(text):
    """`Thailand > Samut Sakhon @13.5475,100.2744` -> (the path's text, (latitude, longitude)); a path without
    `@` -> (text, None). Degrees as decimals, at most six places (about 10 cm)."""
    path, mark, position = text.rpartition(COORDINATES_MARK)
    if not mark:
        return text, None
    latitude, comma, longitude = position.partition(",")
    try:
        if not comma:
            raise InvalidOperation
        latitude, longitude = Decimal(latitude.strip()), Decimal(longitude.strip())
        if not (latitude.is_finite() and longitude.is_finite()):
            raise InvalidOperation
    except InvalidOperation:
        raise ValueError(_("place “%(text)s”: write coordinates as @latitude,longitude in decimal degrees, for "
                           "example @13.5475,100.2744") % {"text": text}) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(_("place “%(text)s”: latitude is between -90 and 90, longitude between -180 and 180") % {
            "text": text})
    if max(-latitude.as_tuple().exponent, -longitude.as_tuple().exponent) > 6:
        raise ValueError(_("place “%(text)s”: at most six decimal places") % {"text": text})
    return path, (latitude, longitude)


def format_coordinates(latitude, longitude):
    if latitude is None or longitude is None:
        return ""
    return f" {COORDINATES_MARK}{_plain(latitude)},{_plain(longitude)}"


def _plain(number):
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def consents_after_import(existing, cells):
    """The consent records an item will have after the import: the ones it has, with each cell's record in
    place of the one with the same person and day; a withdrawal on record stays."""
    records = {(record.agent.display_name, record.given_on): record for record in existing}
    for cell in cells:
        old = records.get((cell.who, cell.given_on))
        records[cell.who, cell.given_on] = cell.record(withdrawn_on=old.withdrawn_on if old else None)
    return list(records.values())


def consents_write(item, cells, *, agent_id, may):
    """Add or update the item's consent records from the cells; returns whether anything changed. `agent_id(name)`
    finds or creates the person; `may(kind)` stops the import when the user lacks the permission."""
    existing = {(record.agent_id, record.given_on): record for record in item.consents.all()}
    changed = False
    for cell in cells:
        person = agent_id(cell.who)
        record = existing.get((person, cell.given_on))
        uses = {use: use in cell.uses for use in CONSENT_USES}
        if record is None:
            may("consent")
            existing[person, cell.given_on] = ConsentRecord.objects.create(
                item=item, agent_id=person, given_on=cell.given_on, withdrawn_on=cell.withdrawn_on, **uses)
            changed = True
            continue
        values = {**uses, "withdrawn_on": cell.withdrawn_on or record.withdrawn_on}
        if any(getattr(record, name) != value for name, value in values.items()):
            may("consent_change")
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            changed = True
    return changed


def coordinates_write(place, position, *, may):
    """Put the position on the place; returns whether it changed. (The writer lets a place it has just created
    take its position without asking for the change permission.)"""
    latitude, longitude = position
    if place.latitude == latitude and place.longitude == longitude:
        return False
    may("place_change")
    place.latitude, place.longitude = latitude, longitude
    place.save()
    return True
