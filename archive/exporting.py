"""The catalogue as a spreadsheet: every item in the import format (docs/csv.md)."""

from django.db.models import Prefetch

from .models import ConsentRecord, Item, ItemAgent, Place
from .spreadsheet import COLUMNS, csv_writer, item_row
from .spreadsheet_curation import format_coordinates


def items_export(*, out):
    """Write every item to `out` (a path or a text stream) in the import format; returns the number of items."""
    if hasattr(out, "write"):
        return _export_to(out)
    with open(out, "w", encoding="utf-8-sig", newline="") as stream:
        return _export_to(stream)


def _export_to(stream):
    writer = csv_writer(stream)
    writer.writerow(COLUMNS)
    places = {pk: (name, parent) for pk, name, parent in Place.objects.values_list("pk", "name", "parent_id")}

    def place_path(place):
        parts, pk = [], place.pk
        while pk is not None:
            name, pk = places[pk]
            parts.insert(0, name)
        return " > ".join(parts) + format_coordinates(place.latitude, place.longitude)

    items = (Item.objects.select_related("collection", "tradition").order_by("accession_number")
             .prefetch_related("subjects", "languages", "tags", "assets", "places",
                               Prefetch("item_agents", queryset=ItemAgent.objects.select_related("agent")),
                               Prefetch("consents", queryset=ConsentRecord.objects.select_related("agent")
                                        .order_by("given_on", "pk"))))
    count = 0
    for item in items.iterator(chunk_size=500):
        writer.writerow(item_row(
            item,
            agents=[(link.role, link.agent.display_name) for link in item.item_agents.all()],
            places=sorted(place_path(place) for place in item.places.all()),
            media_names=[asset.original_name for asset in item.assets.all() if asset.original_name],
            consents=item.consents.all(),
        ))
        count += 1
    return count
