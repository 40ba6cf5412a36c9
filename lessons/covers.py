"""The cover picture of each kit on the kit list: the picture of its first source the kit page shows.

The list shows many kits, so their sources are judged together, in a fixed number of queries, with the same
classroom rule as lessons/contents.py (the same item, file and exhibit querysets); the kit page itself judges one
kit with `kit_contents`.
"""

from archive.models import Item
from exhibits.exhibit_pages import covers_for
from exhibits.models import Exhibit
from exhibits.players import Picture, assets_prefetch, thumbnail

from .contents import PLAYABLE, classroom_files, classroom_items
from .models import KitSource


def kit_covers(kits) -> dict[int, Picture]:
    """{kit id: Picture} of the first source each kit shows that has a picture; kits without one are left out."""
    sources = list(KitSource.objects.filter(kit__in=kits).only("kit_id", "kind", "item_id", "exhibit_id",
                                                                "position"))
    if not sources:
        return {}
    item_pks = {source.item_id for source in sources if source.item_id}
    shown_items = set(classroom_items(item_pks).values_list("pk", flat=True)) if item_pks else set()
    clips = {source.item_id for source in sources if source.kind == KitSource.Kind.CLIP} & shown_items
    playable = (set(classroom_files(clips).filter(kind__in=PLAYABLE).values_list("item_id", flat=True))
                if clips else set())
    exhibit_pks = {source.exhibit_id for source in sources if source.exhibit_id}
    exhibits = ({exhibit.pk: exhibit for exhibit in Exhibit.objects.public().filter(pk__in=exhibit_pks)}
                if exhibit_pks else {})

    shown = {}  # kit id -> its shown sources, in order
    for source in sources:
        if source.kind == KitSource.Kind.EXHIBIT:
            keep = source.exhibit_id in exhibits
        elif source.kind == KitSource.Kind.CLIP:
            keep = source.item_id in playable
        else:
            keep = source.item_id in shown_items
        if keep:
            shown.setdefault(source.kit_id, []).append(source)

    wanted_items = {source.item_id for kit_sources in shown.values() for source in kit_sources if source.item_id}
    items = (Item.objects.filter(pk__in=wanted_items)
             .prefetch_related(assets_prefetch(None, use="classroom", to_attr="shown_assets")).in_bulk()
             if wanted_items else {})
    item_pictures = {pk: thumbnail(item.shown_assets) for pk, item in items.items()}
    exhibit_pictures = covers_for(list(exhibits.values()), None)
    covers = {}
    for kit_id, kit_sources in shown.items():
        for source in sorted(kit_sources, key=lambda s: (s.position, s.pk)):
            found = (exhibit_pictures.get(source.exhibit_id) if source.exhibit_id
                     else item_pictures.get(source.item_id))
            if found:
                covers[kit_id] = found
                break
    return covers
