"""The spreadsheet columns of artworks, music and performances (docs/csv.md, "Artworks, music and performances").

Kept apart from the item's other columns so that the format's blocks stay easy to read and to change:
medium, support and occasion in the five catalogue languages, dimensions as written, and the tradition by its
slug or by its name in any language (a controlled list: a name the list lacks is an error, not a new term).
"""

from .art import Tradition
from .languages import field_names

WORK_TEXT_COLUMNS = (*field_names("medium"), *field_names("support"), *field_names("occasion"))
WORK_COLUMNS = (*WORK_TEXT_COLUMNS, "dimensions", "tradition")
WORK_MAX_LENGTHS = {**{name: 300 for name in WORK_TEXT_COLUMNS}, "dimensions": 100}


def tradition_names():
    """{name or slug, case-folded: tradition id} for every tradition; slugs win over names."""
    names = {}
    for tradition in Tradition.objects.all():
        for name in (getattr(tradition, title) for title in field_names("title")):
            if name:
                names.setdefault(name.casefold(), tradition.pk)
    names.update({slug.casefold(): pk for pk, slug in Tradition.objects.values_list("pk", "slug")})
    return names


def parse_work_cell(name, cell, traditions):
    """(model field, value) for a cell of a WORK_COLUMNS column; ValueError with a reason for a bad one."""
    value = cell.strip()
    if len(value) > WORK_MAX_LENGTHS.get(name, 10**6):
        raise ValueError(f"longer than {WORK_MAX_LENGTHS[name]} characters")
    if name != "tradition":
        return name, value
    if not value:
        return "tradition_id", None
    if value.casefold() not in traditions:
        raise ValueError(f"unknown tradition “{value}”; traditions are a controlled list: add it in the admin "
                         "first (Catalogue › Genres and traditions)")
    return "tradition_id", traditions[value.casefold()]


def work_cells(item):
    """The work columns of `item` as the export writes them (the tradition by its slug)."""
    return {**{name: getattr(item, name) for name in (*WORK_TEXT_COLUMNS, "dimensions")},
            "tradition": item.tradition.slug if item.tradition_id else ""}
