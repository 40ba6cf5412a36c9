"""What a kit may show, print and pack: the one place the classroom use of the access policy is applied to kits.

A kit is made to be shown to a class and carried out of the archive (printed, packed onto a USB stick), so every
kit surface (the kit page, the slideshow, the handout and the offline pack) shows a source only when anyone on the
internet may see it for classroom use: `Item.objects.public(use="classroom")` and its files, or a public exhibit.
Who asks does not widen it: a curator who may view every item still gets the kit the class gets. A clip also needs
a film or recording of its item that the public may play. A source that fails is left out and counted, so a kit
can say that something was removed, never what.
"""

from dataclasses import dataclass, field

from archive.models import Asset, Item
from exhibits.models import Exhibit

from .models import Kit, KitSource

PLAYABLE = (Asset.Kind.VIDEO, Asset.Kind.AUDIO)


@dataclass
class KitContents:
    kit: Kit
    sources: list[KitSource] = field(default_factory=list)
    removed: int = 0


def classroom_items(pks=None):
    """Items a kit may show: what anyone may see for classroom use."""
    items = Item.objects.public(use="classroom")
    return items if pks is None else items.filter(pk__in=pks)


def classroom_files(item_pks):
    """The files of those items the public may see for classroom use, and show off the item's own page."""
    return Asset.objects.public(use="classroom").shown_in_lists(None).filter(item_id__in=item_pks)


def classroom_shows(sources) -> list[bool]:
    """For each of `sources` (of one kit or many), whether the classroom rule lets it be shown: three queries
    whatever their number."""
    item_pks = {source.item_id for source in sources if source.item_id}
    shown_items = set(classroom_items(item_pks).values_list("pk", flat=True)) if item_pks else set()
    clips = {source.item_id for source in sources if source.kind == KitSource.Kind.CLIP} & shown_items
    playable = (set(classroom_files(clips).filter(kind__in=PLAYABLE).values_list("item_id", flat=True))
                if clips else set())
    exhibit_pks = {source.exhibit_id for source in sources if source.exhibit_id}
    shown_exhibits = (set(Exhibit.objects.public().filter(pk__in=exhibit_pks).values_list("pk", flat=True))
                      if exhibit_pks else set())
    shows = []
    for source in sources:
        if source.kind == KitSource.Kind.EXHIBIT:
            shows.append(source.exhibit_id in shown_exhibits)
        elif source.kind == KitSource.Kind.CLIP:
            shows.append(source.item_id in playable)
        else:
            shows.append(source.item_id in shown_items)
    return shows


def kit_contents(kit: Kit) -> KitContents:
    """The kit's sources that may be shown, in order, with their items and exhibits loaded, and how many were
    left out. Three queries whatever the number of sources."""
    sources = list(kit.sources.select_related("item", "exhibit"))
    contents = KitContents(kit=kit)
    for source, shown in zip(sources, classroom_shows(sources), strict=True):
        if shown:
            contents.sources.append(source)
        else:
            contents.removed += 1
    return contents
