"""Browsing the collection by kind, subject, tag, place, person, collection and decade."""

import hashlib
from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, Count, Max, OuterRef, Subquery
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.text import capfirst
from taggit.models import TaggedItem

from archive.access import item_audience
from archive.languages import field_names
from archive.models import Agent, ChangeRecord, Collection, Item, ItemAgent, Place, Subject

from .dates import decade_label

FACET_SIZE = 40
FACET_NAMES = ("kind", "subject", "tag", "place", "person", "collection", "decade")
OWN_ROW_FACETS = ("kind", "collection", "decade")  # counted from the item's own row; the rest through a relation
COUNTS_LIFETIME = 24 * 3600  # a ceiling only: any change to the catalogue makes a new key at once
MAX_VALUE_LENGTH = 200


@dataclass(frozen=True)
class Facet:
    name: str  # query parameter
    value: str
    label: str
    count: int
    query: str = ""  # the page's other filters with this one set (or, when it is already set, without it)
    selected: bool = False


def _number(value, *, digits=18):
    """A whole number written in ASCII digits, at most `digits` of them; None for anything else. str.isdigit()
    alone lets through "²" and Thai or Burmese digits, and int() refuses numbers of thousands of digits."""
    if value and len(value) <= digits and value.isascii() and value.isdigit():
        return int(value)
    return None


def _decade(value):
    decade = _number(value, digits=4)
    return decade if decade is not None and 1 <= decade <= 9990 and decade % 10 == 0 else None


def _text(value):
    """A slug or a name from a visitor, or None when it cannot name any record (too long, or holding a NUL byte,
    which PostgreSQL refuses in any query)."""
    return value if len(value) <= MAX_VALUE_LENGTH and "\x00" not in value else None


def filter_items(items, params):
    """Apply the browse filters in `params` (a QueryDict) to `items`; unknown or malformed values match nothing.

    A subject, tag, place or person is a subquery on its own table (`pk IN (...)`), not a join: the rows stay one per
    item, with no DISTINCT, and the database may start from the few items of a subject instead of walking the date
    index past every item of the decade that lacks it."""
    if kind := params.get("kind"):
        items = items.filter(kind=kind) if kind in Item.Kind.values else items.none()
    if subject := params.get("subject"):
        items = (items.filter(pk__in=Item.subjects.through.objects.filter(subject__slug=subject).values("item_id"))
                 if _text(subject) else items.none())
    if tag := params.get("tag"):
        items = (items.filter(pk__in=TaggedItem.objects.filter(content_type=_item_type(), tag__slug=tag)
                              .values("object_id")) if _text(tag) else items.none())
    if place := params.get("place"):
        place = _number(place)
        items = (items.filter(pk__in=Item.places.through.objects.filter(place_id=place).values("item_id"))
                 if place is not None else items.none())
    if person := params.get("person"):
        person = _number(person)
        items = (items.filter(pk__in=ItemAgent.objects.filter(agent_id=person).values("item_id"))
                 if person is not None else items.none())
    if collection := params.get("collection"):
        items = items.filter(collection__slug=collection) if _text(collection) else items.none()
    if "decade" in params:
        decade = _decade(params.get("decade"))
        items = items.filter(date_lower__year__gte=decade, date_lower__year__lt=decade + 10) if decade else items.none()
    return items


def _item_type():
    return ContentType.objects.get_for_model(Item)  # cached by Django after the first request


def _grouped(rows, related, fields, *, counting="item_id", distinct=False):
    """Group through-table `rows` by the `related` record with a count of items (of `counting`), most first, and
    that record's label `fields`. The grouping compares ids only; each label is read by primary key once per group
    rather than carried through the grouping on every row."""
    model = rows.model._meta.get_field(related).related_model
    labels = {f"label_{name}": Subquery(model.objects.filter(pk=OuterRef(related)).values(name)[:1])
              for name in fields}
    grouped = (rows.values(related).annotate(n=Count(counting, distinct=distinct)).annotate(**labels)
               .order_by("-n", f"label_{fields[0]}")[:FACET_SIZE])
    return [{f"{related}__{name}": row[f"label_{name}"] for name in fields} | {"n": row["n"]} for row in grouped]


def _labelled(model, row, related, fields):
    """An unsaved `model` carrying the label fields of `row`, so its own display method picks the language."""
    return model(**{name: row[f"{related}__{name}"] for name in fields})


def _without(params, name):
    rest = params.copy()
    rest.pop(name, None)
    rest.pop("page", None)
    return rest


def _counts(visible, params, language):
    """(facet lists, number of matching items): per kind, subject, tag, place, person, collection and decade, five
    queries.

    Each facet is counted among the visible items that match the page's other filters, so choosing a subject shows
    how many of its items are films; the facet's own filter is left out, so its other values stay reachable. Each
    relation's count reads its own table filtered by those items, so the access policy's subquery is evaluated once
    per facet rather than once per candidate row; kind, collection, decade and the total share one query."""
    def within(name):
        return filter_items(visible, _without(params, name)).order_by().values("pk")

    result, total = _own_row_counts(visible, params, language)
    fields = ("slug", *field_names("title"))
    rows = _grouped(Item.subjects.through.objects.filter(item__in=within("subject")), "subject", fields)
    result["subject"] = [Facet("subject", r["subject__slug"], _labelled(Subject, r, "subject", fields)
                               .display_title(language), r["n"]) for r in rows]
    tags = _grouped(TaggedItem.objects.filter(content_type=_item_type(), object_id__in=within("tag")), "tag",
                    ("slug", "name"), counting="object_id")
    result["tag"] = [Facet("tag", t["tag__slug"], t["tag__name"], t["n"]) for t in tags]
    fields = ("id", *field_names("name"))
    rows = _grouped(Item.places.through.objects.filter(item__in=within("place")), "place", fields)
    result["place"] = [Facet("place", str(r["place__id"]), _labelled(Place, r, "place", fields)
                             .display_name(language), r["n"]) for r in rows]
    fields = ("id", "display_name", "is_pseudonym", "is_minor", "minor_public_name")
    # One person may hold two roles on an item (narrator and interviewer): the item counts once.
    rows = _grouped(ItemAgent.objects.filter(item__in=within("person")), "agent", fields, distinct=True)
    result["person"] = [Facet("person", str(r["agent__id"]), _labelled(Agent, r, "agent", fields).public_name(),
                              r["n"]) for r in rows]
    return {name: result[name] for name in FACET_NAMES}, total


def _own_row_counts(visible, params, language):
    """The kind, collection and decade facets and the number of matching items, from one query.

    The visible items matching the page's other filters are grouped by kind, collection and decade: as many groups
    as there are such combinations in use, however many items share them. Each of the three facets adds up the groups that pass the other two
    filters, and the total those that pass all three, so the access policy is read once for the four counts."""
    rest = params.copy()
    for name in OWN_ROW_FACETS:
        rest.pop(name, None)
    fields = ("slug", *field_names("title"))
    # The first three digits of the ISO date name the decade; cheaper than extracting the year on every row. The
    # collection's labels are read by its key once per group, as in _grouped.
    labels = {f"collection__{name}": Subquery(Collection.objects.filter(pk=OuterRef("collection")).values(name)[:1])
              for name in fields}
    groups = list(filter_items(visible, rest).order_by().annotate(decade=Substr(Cast("date_lower", CharField()), 1, 3))
                  .values("kind", "decade", "collection").annotate(n=Count("pk")).annotate(**labels))
    tests = _own_row_tests(params)

    def among(leaving_out=None):
        return [g for g in groups if all(test(g) for name, test in tests.items() if name != leaving_out)]

    def added_up(rows, key):
        totals, first = {}, {}
        for row in rows:
            if (value := row[key]) is not None:
                totals[value] = totals.get(value, 0) + row["n"]
                first.setdefault(value, row)
        return sorted(totals.items()), first

    kinds = dict(Item.Kind.choices)
    counts, _rows = added_up(among("kind"), "kind")
    result = {"kind": [Facet("kind", kind, capfirst(str(kinds.get(kind, kind))), n) for kind, n in counts]}
    counts, rows = added_up(among("collection"), "collection__slug")
    result["collection"] = [Facet("collection", slug, _labelled(Collection, rows[slug], "collection", fields)
                                  .display_title(language), n) for slug, n in counts[:FACET_SIZE]]
    counts, _rows = added_up(among("decade"), "decade")
    result["decade"] = [Facet("decade", str(int(d) * 10), decade_label(int(d) * 10, language), n) for d, n in counts]
    return result, sum(g["n"] for g in among())


def _own_row_tests(params):
    """{facet: whether a group of `_own_row_counts` passes the page's filter on it}, as `filter_items` filters."""
    tests = {}
    if kind := params.get("kind"):
        tests["kind"] = lambda g: kind in Item.Kind.values and g["kind"] == kind
    if collection := params.get("collection"):
        tests["collection"] = lambda g: _text(collection) is not None and g["collection__slug"] == collection
    if "decade" in params:
        decade = _decade(params.get("decade"))
        tests["decade"] = lambda g: decade is not None and g["decade"] is not None and int(g["decade"]) * 10 == decade
    return tests


def _counts_key(params, language, audience):
    """The cache key of the counts for these filters as `audience` sees them: it changes with every recorded change
    to the catalogue (an item published or withdrawn, a consent withdrawn, a subject renamed: the history keeps them
    all) and with the day, on which embargoes lift."""
    version = ChangeRecord.objects.aggregate(latest=Max("pk"))["latest"] or 0
    filters = sorted((name, params.get(name)) for name in FACET_NAMES if name in params)
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()
    return f"browse-counts:{audience}:{version}:{timezone.localdate().isoformat()}:{language}:{digest}"


def browse_counts(*, user, params, language):
    """(facet lists, number of matching items) for a browse page as `user` sees it. They are kept in the cache for
    everyone who sees the same items (`item_audience`: the public, signed in or not; researchers; people who may
    view every item), so a page costs the same at 20,000 items as at 2,000; one audience never gets another's."""
    key = _counts_key(params, language, item_audience(user))
    cached = cache.get(key)
    if cached is None:
        cached = _counts(Item.objects.visible_to(user), params, language)
        cache.set(key, cached, COUNTS_LIFETIME)
    facet_counts, total = cached
    return {name: [_linked(facet, params) for facet in values] for name, values in facet_counts.items()}, total


def _linked(facet, params):
    """`facet` with the address that adds it to the page's other filters, or takes it away when it is chosen."""
    selected = params.get(facet.name) == facet.value
    rest = _without(params, facet.name)
    if not selected:
        rest[facet.name] = facet.value
    return replace(facet, query=rest.urlencode(), selected=selected)


def active_filters(params, facet_lists):
    """[(Facet, url without it)] for the filters the page is showing, labelled as the facets label them."""
    active = []
    for name, values in facet_lists.items():
        if name in params:
            label = next((f.label for f in values if f.value == params.get(name)), params.get(name))
            active.append((Facet(name, params.get(name), label, 0), _without(params, name).urlencode()))
    return active
