"""Many kits at once, for the kit list's covers and the admin's list: which sources each kit shows.

Lists show many kits, so their sources are judged together, in a fixed number of queries, by the classroom rule
of lessons/contents.py (`classroom_shows`), which also judges one kit for its own surfaces (`kit_contents`).
"""

from archive.models import Item
from exhibits.exhibit_pages import covers_for
from exhibits.models import Exhibit
from exhibits.players import Picture, assets_prefetch, thumbnail

from .contents import KitContents, classroom_shows
from .models import KitSource


def kits_contents(kits) -> dict[int, KitContents]:
    """{kit id: KitContents} for every kit of `kits`, their sources' items and exhibits not loaded."""
    contents = {kit.pk: KitContents(kit=kit) for kit in kits}
    if not contents:
        return {}
    sources = list(KitSource.objects.filter(kit__in=contents).only("kit_id", "kind", "item_id", "exhibit_id",
                                                                     "position"))
    for source, shown in zip(sources, classroom_shows(sources), strict=True):
        if shown:
            contents[source.kit_id].sources.append(source)
        else:
            contents[source.kit_id].removed += 1
    return contents


def kit_covers(kits) -> dict[int, Picture]:
    """{kit id: Picture} of the first source each kit shows that has a picture; kits without one are left out."""
    shown = {pk: contents.sources for pk, contents in kits_contents(kits).items() if contents.sources}
    wanted_items = {source.item_id for kit_sources in shown.values() for source in kit_sources if source.item_id}
    items = (Item.objects.filter(pk__in=wanted_items)
             .prefetch_related(assets_prefetch(None, use="classroom", to_attr="shown_assets")).in_bulk()
             if wanted_items else {})
    item_pictures = {pk: thumbnail(item.shown_assets) for pk, item in items.items()}
    wanted_exhibits = {source.exhibit_id for kit_sources in shown.values() for source in kit_sources
                       if source.exhibit_id}
    exhibit_pictures = (covers_for(list(Exhibit.objects.filter(pk__in=wanted_exhibits)), None)
                        if wanted_exhibits else {})
    covers = {}
    for kit_id, kit_sources in shown.items():
        for source in kit_sources:
            found = (exhibit_pictures.get(source.exhibit_id) if source.exhibit_id
                     else item_pictures.get(source.item_id))
            if found:
                covers[kit_id] = found
                break
    return covers
