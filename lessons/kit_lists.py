"""Many kits at once, for the kit list's covers and the admin's list: which sources each kit shows.

Lists show many kits, so their sources are judged together, in a fixed number of queries, with the same classroom
rule as lessons/contents.py (the same item, file and exhibit querysets); a kit's own surfaces judge one kit with
`kit_contents`.
"""

from archive.models import Item
from exhibits.exhibit_pages import covers_for
from exhibits.models import Exhibit
from exhibits.players import Picture, assets_prefetch, thumbnail

from .contents import PLAYABLE, KitContents, classroom_files, classroom_items
from .models import KitSource


def kits_contents(kits) -> dict[int, KitContents]:
    """{kit id: KitContents} for every kit of `kits`, their sources' items and exhibits not loaded."""
    contents = {kit.pk: KitContents(kit=kit) for kit in kits}
    if not contents:
        return {}
    sources = list(KitSource.objects.filter(kit__in=contents).only("kit_id", "kind", "item_id", "exhibit_id",
                                                                     "position"))
    item_pks = {source.item_id for source in sources if source.item_id}
    shown_items = set(classroom_items(item_pks).values_list("pk", flat=True)) if item_pks else set()
    clips = {source.item_id for source in sources if source.kind == KitSource.Kind.CLIP} & shown_items
    playable = (set(classroom_files(clips).filter(kind__in=PLAYABLE).values_list("item_id", flat=True))
                if clips else set())
    exhibit_pks = {source.exhibit_id for source in sources if source.exhibit_id}
    shown_exhibits = (set(Exhibit.objects.public().filter(pk__in=exhibit_pks).values_list("pk", flat=True))
                      if exhibit_pks else set())
    for source in sources:
        if source.kind == KitSource.Kind.EXHIBIT:
            shown = source.exhibit_id in shown_exhibits
        elif source.kind == KitSource.Kind.CLIP:
            shown = source.item_id in playable
        else:
            shown = source.item_id in shown_items
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
