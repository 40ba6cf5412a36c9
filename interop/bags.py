"""A BagIt bag of catalogue items for preservation, with everything the archive holds about them.

THE BAG CONTAINS STAFF-ONLY DATA. It is for the archive's own preservation copies: the untouched originals from
private storage, legal names and private notes of agents, consent records and their evidence, staff-only
transcripts and segments, and items that are not public. It is never a publication and must be stored and
transferred like the private storage itself.

Layout of the payload (data/):
    metadata/catalogue.csv                      the items in the import format (docs/csv.md)
    items/<accession>/item.json                 every field, the lists, the files, consents and history
    items/<accession>/assets/<id>/original/<original file name>
    items/<accession>/assets/<id>/derivatives/<profile folder>/...
    items/<accession>/assets/<id>/transcripts/<ISO 639-3>.vtt
    items/<accession>/assets/<id>/segments.vtt
    items/<accession>/consent/<id>/<evidence file>
"""

import csv
import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import bagit
from django.core.files.storage import default_storage
from django.db.models import Prefetch

from archive.languages import TEXT_LANGUAGES, field_name
from archive.models import ChangeRecord, Collection, ConsentRecord, Item, ItemAgent
from archive.exporting import items_export
from archive.spreadsheet import csv_writer
from archive.storage import private_storage
from oral_histories.models import Segment, Transcript
from oral_histories.segment_files import write_segments_vtt
from oral_histories.services import transcript_webvtt

CHECKSUMS = ["sha256", "sha512"]
STAFF_ONLY_NOTICE = ("Contains staff-only data (original files, legal names, private notes, consent records and "
                     "evidence, non-public items): for the archive's own preservation, never for publication.")


class BagError(Exception):
    """The bag cannot be written as asked; the message says why, and nothing was left behind."""


@dataclass
class BagReport:
    path: Path
    items: int = 0
    files: int = 0
    bytes: int = 0


def items_for_bag(*, accessions=(), collection=None):
    """The items a bag holds: the accession numbers and the collection (by slug) named, or every item."""
    items = Item.objects.none()
    if accessions:
        found = set(Item.objects.filter(accession_number__in=accessions).values_list("accession_number", flat=True))
        unknown = [accession for accession in accessions if accession not in found]
        if unknown:
            raise BagError(f"no item has the accession number(s): {', '.join(unknown)}")
        items |= Item.objects.filter(accession_number__in=accessions)
    if collection is not None:
        chosen = Collection.objects.filter(slug=collection).first()
        if chosen is None:
            raise BagError(f"there is no collection “{collection}”")
        items |= Item.objects.filter(collection=chosen)
    if not accessions and collection is None:
        items = Item.objects.all()
    items = items.distinct().order_by("accession_number")
    if not items.exists():
        raise BagError("there are no items to put in the bag")
    return items


def bag_export(*, out_dir, accessions=(), collection=None):
    """Write a bag of the chosen items to `out_dir` (a new or empty folder). Returns a BagReport.

    Raises BagError before writing anything when the choice or the folder is wrong; if writing fails halfway,
    what was written is removed."""
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BagError(f"{out} already exists and is not an empty folder; give a new folder for the bag")
    items = items_for_bag(accessions=accessions, collection=collection)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        report = _write_payload(out, items, whole_catalogue=not accessions and collection is None)
        bagit.make_bag(str(out), bag_info={
            "Source-Organization": "Migrant Labour History Archive",
            "External-Description": f"{report.items} catalogue item(s) with their files, metadata, transcripts and "
                                    f"consent records.",
            "Internal-Sender-Description": STAFF_ONLY_NOTICE,
        }, checksums=CHECKSUMS)
    except BaseException:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        else:
            for child in out.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise
    return report


def _write_payload(out, items, *, whole_catalogue):
    report = BagReport(path=out)
    metadata = out / "metadata"
    metadata.mkdir()
    _catalogue_csv(metadata / "catalogue.csv", items, whole_catalogue=whole_catalogue)
    items = items.select_related("collection", "tradition").prefetch_related(
        "places", "subjects", "tags", "languages", "assets__derivatives",
        Prefetch("item_agents", queryset=ItemAgent.objects.select_related("agent")),
        Prefetch("consents", queryset=ConsentRecord.objects.select_related("agent")),
    )
    for item in items.iterator(chunk_size=100):
        folder = out / "items" / _safe(item.accession_number)
        folder.mkdir(parents=True)
        record = _item_record(item)
        record["assets"] = [_write_asset(folder / "assets" / str(asset.pk), asset, report)
                            for asset in item.assets.all()]
        record["consents"] = [_write_consent(folder / "consent" / str(consent.pk), consent, report)
                              for consent in item.consents.all()]
        (folder / "item.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        report.items += 1
    return report


def _catalogue_csv(path, items, *, whole_catalogue):
    """The archive's own export, cut down to the items in the bag."""
    if whole_catalogue:
        items_export(out=path)
        return
    wanted = set(items.values_list("accession_number", flat=True))
    with tempfile.TemporaryDirectory() as work:
        full = Path(work) / "catalogue.csv"
        items_export(out=full)
        with open(full, encoding="utf-8-sig", newline="") as source, \
                open(path, "w", encoding="utf-8-sig", newline="") as target:
            reader, writer = csv.reader(source), csv_writer(target)
            header = next(reader)
            writer.writerow(header)
            column = header.index("accession_number")
            writer.writerows(row for row in reader if row[column] in wanted)


def _item_record(item):
    return {
        "accession_number": item.accession_number,
        "kind": item.kind,
        "status": item.status,
        "access": item.access,
        "embargo_until": _iso(item.embargo_until),
        "original_language": item.original_language,
        "title": {code: getattr(item, field_name("title", code)) for code in TEXT_LANGUAGES},
        "description": {code: getattr(item, field_name("description", code)) for code in TEXT_LANGUAGES},
        "date": item.date,
        "date_lower": _iso(item.date_lower),
        "date_upper": _iso(item.date_upper),
        "places": sorted(place.path() for place in item.places.all()),
        "agents": [{"role": link.role, "display_name": link.agent.display_name,
                    "is_pseudonym": link.agent.is_pseudonym, "private_name": link.agent.private_name,
                    "private_notes": link.agent.private_notes, "part": link.part, "is_minor": link.agent.is_minor,
                    "birth_year": link.agent.birth_year, "minor_public_name": link.agent.minor_public_name}
                   for link in item.item_agents.all()],
        "work": {**{name: {code: getattr(item, field_name(name, code)) for code in TEXT_LANGUAGES}
                    for name in ("medium", "support", "occasion")},
                 "dimensions": item.dimensions, "tradition": item.tradition.slug if item.tradition_id else None},
        "subjects": [subject.slug for subject in item.subjects.all()],
        "tags": sorted(item.tags.names()),
        "languages": [language.code for language in item.languages.all()],
        "rights": item.rights,
        "licence": item.licence,
        "provenance": item.provenance,
        "collection": item.collection.slug if item.collection else None,
        "created_at": _iso(item.created_at),
        "updated_at": _iso(item.updated_at),
        "history": [{"at": _iso(change.at), "action": change.action, "field": change.field,
                     "old_value": change.old_value, "new_value": change.new_value,
                     "user": change.user.get_username() if change.user else None, "source": change.source}
                    for change in ChangeRecord.objects.filter(model="archive.item", object_id=str(item.pk))
                    .select_related("user").order_by("at", "pk")],
    }


def _write_asset(folder, asset, report):
    folder.mkdir(parents=True)
    record = {"id": asset.pk, "kind": asset.kind, "original_name": asset.original_name, "sha256": asset.sha256,
              "size": asset.size, "mime_type": asset.mime_type, "withheld": asset.withheld,
              "position": asset.position, "created_at": _iso(asset.created_at)}
    if asset.original:
        name = _safe(asset.original_name or PurePosixPath(asset.original.name).name)
        target = folder / "original" / name
        _copy_private(asset.original.name, target, report,
                      missing=f"the original file “{asset.original_name}” of {asset.item.accession_number}")
        record["file"] = _bag_path(target, folder)
    derivatives = []
    copied = set()
    for derivative in asset.derivatives.all():
        if derivative.folder not in copied:
            _copy_tree(default_storage, derivative.folder, folder / "derivatives" / derivative.folder, report)
            copied.add(derivative.folder)
        derivatives.append({"role": derivative.role, "profile": derivative.profile, "mime_type": derivative.mime_type,
                            "width": derivative.width, "height": derivative.height,
                            "duration": derivative.duration, "file": f"derivatives/{derivative.path}"})
    record["derivatives"] = derivatives
    transcripts = []
    for transcript in Transcript.objects.filter(recording=asset).prefetch_related("cues"):
        target = folder / "transcripts" / f"{transcript.language_id}.vtt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(transcript_webvtt(transcript=transcript, labels_as_typed=True), encoding="utf-8")
        transcripts.append({"language": transcript.language_id, "staff_only": transcript.staff_only,
                            "source_format": transcript.source_format, "file": f"transcripts/{target.name}"})
        report.files += 1
    record["transcripts"] = transcripts
    segments = Segment.objects.filter(recording=asset).prefetch_related("subjects", "places")
    if segments:
        (folder / "segments.vtt").write_text(write_segments_vtt(segments), encoding="utf-8")
        record["segments"] = "segments.vtt"
        report.files += 1
    return record


def _write_consent(folder, consent, report):
    record = {"id": consent.pk, "agent": consent.agent.display_name, "agent_private_name": consent.agent.private_name,
              "uses": consent.uses(), "given_on": _iso(consent.given_on), "withdrawn_on": _iso(consent.withdrawn_on),
              "by_guardian": consent.by_guardian, "covers_pictures_in_lists": consent.covers_pictures_in_lists,
              "notes": consent.notes}
    if consent.evidence:
        target = folder / _safe(PurePosixPath(consent.evidence.name).name)
        _copy_private(consent.evidence.name, target, report,
                      missing=f"the consent evidence of {consent.item.accession_number}")
        record["evidence"] = f"consent/{consent.pk}/{target.name}"
    return record


def _copy_private(name, target, report, *, missing):
    """Copy a file from private storage into the bag; `missing` names it in the error if it is gone."""
    try:
        with private_storage.open(name, "rb") as source:
            _copy(source, target, report)
    except FileNotFoundError:
        raise BagError(f"{missing} is missing from private storage ({name}); no bag was written") from None


def _copy(source, target, report):
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        shutil.copyfileobj(source, out, length=1024 * 1024)
    report.files += 1
    report.bytes += target.stat().st_size


def _copy_tree(storage, name, target, report):
    folders, files = storage.listdir(name)
    for file_name in files:
        with storage.open(f"{name}/{file_name}", "rb") as source:
            _copy(source, target / file_name, report)
    for folder in folders:
        _copy_tree(storage, f"{name}/{folder}", target / folder, report)


def _safe(name):
    """A file or folder name that stays inside its folder; letters of every script are kept as they are."""
    name = unicodedata.normalize("NFC", name).replace("/", "_").replace("\\", "_").replace("\x00", "")
    return f"_{name}" if name in ("", ".", "..") or name.startswith(".") else name


def _bag_path(target, folder):
    return target.relative_to(folder).as_posix()


def _iso(value):
    return value.isoformat() if value else None
