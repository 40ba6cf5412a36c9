"""What the API shows: public records only, and only their public fields.

Items come from `Item.objects.public()`, exhibits from `Exhibit.objects.public()` (the one access policy in
archive/access.py). A collection, subject or place is shown when a public item uses it or, for a broader subject
or a larger place, one below it: a place named only by hidden items may be where someone at risk lives or works,
so it stays as hidden as they are. Counts of items are counts of public items.
"""

import functools
import operator

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from archive.models import PUBLIC_NAME_FIELDS, Asset, Collection, Item, ItemAgent, Place, Subject
from exhibits.maps import map_precision
from exhibits.models import Exhibit, visible_block_items
from exhibits.players import assets_prefetch

# Places go country > province > district > locality; the subject vocabulary is no deeper.
HIERARCHY_DEPTH = 4


def public_coordinates(place):
    """{"latitude", "longitude"} of a place as the public may see them, or None.

    Rounded as public maps round them (ARCHIVE_MAP_PRECISION, about 11 km by default), and none at all below district
    level: a locality can be a village, a workplace or a house, and coordinates there could lead to a person.
    Unlike a map, a place's record names no ancestor to stand in for it, so a locality has none."""
    if place.latitude is None or place.longitude is None or place.kind == Place.Kind.LOCALITY:
        return None
    precision = map_precision()
    return {"latitude": round(float(place.latitude), precision),
            "longitude": round(float(place.longitude), precision)}


def _public_item_count(relation):
    """The number of public items whose `relation` is the outer record, as one subquery per row."""
    items = (Item.objects.public().filter(**{relation: OuterRef("pk")}).order_by()
             .annotate(count=Func(F("pk"), function="COUNT")).values("count"))
    return Coalesce(Subquery(items, output_field=IntegerField()), Value(0))


def _used_by_public_items(relation):
    """A public item uses the record itself, or one up to HIERARCHY_DEPTH levels below it."""
    lookups = [relation + "__parent" * depth for depth in range(HIERARCHY_DEPTH)]
    return functools.reduce(operator.or_, (Exists(Item.objects.public().filter(**{lookup: OuterRef("pk")}))
                                           for lookup in lookups))


def public_items():
    return Item.objects.public()


def public_item_list():
    """Public items with what a list shows: their picture, from their public files."""
    return public_items().select_related(None).prefetch_related(assets_prefetch(None)).order_by("accession_number")


def public_item_detail():
    """Public items with everything a record shows, in a fixed number of queries."""
    credits = ItemAgent.objects.select_related("agent").only(
        "item_id", "role", "part", "position", *PUBLIC_NAME_FIELDS)
    return (public_items().select_related("collection", "tradition")
            .prefetch_related("places", "subjects", "tags", "languages",
                              Prefetch("item_agents", queryset=credits, to_attr="credits"), assets_prefetch(None)))


def public_exhibits():
    """Public exhibits with their cover when its item may be shown in exhibits."""
    covers = Asset.objects.public(use="exhibits").shown_in_lists(None).prefetch_related("derivatives")
    return Exhibit.objects.public().prefetch_related(Prefetch("cover", queryset=covers)).order_by(
        "-published_at", "slug")


def exhibit_items(exhibit):
    """The public items an exhibit shows, in the order it shows them, each once."""
    block_items = (visible_block_items(None).filter(block__exhibit=exhibit)
                   .order_by("block__position", "block_id", "position", "pk"))
    seen = {}
    for block_item in block_items:
        seen.setdefault(block_item.item_id, block_item.item)
    return list(seen.values())


def public_collections():
    return (Collection.objects.annotate(item_count=_public_item_count("collection"))
            .filter(Exists(Item.objects.public().filter(collection=OuterRef("pk")))).order_by("slug"))


def public_subjects():
    return (Subject.objects.select_related("parent").annotate(item_count=_public_item_count("subjects"))
            .filter(_used_by_public_items("subjects")).order_by("slug"))


def public_places():
    return (Place.objects.annotate(item_count=_public_item_count("places"))
            .filter(_used_by_public_items("places")).order_by("name", "pk"))
