"""Browsing the collection by kind, subject, tag, place, person, collection and decade."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.text import capfirst
from taggit.models import TaggedItem

from archive.models import Agent, Collection, Item, Place, Subject

from .dates import decade_label

FACET_SIZE = 40


@dataclass(frozen=True)
class Facet:
    name: str  # query parameter
    value: str
    label: str
    count: int


def _decade(value):
    try:
        decade = int(value)
    except (TypeError, ValueError):
        return None
    return decade if 1 <= decade <= 9990 and decade % 10 == 0 else None


def filter_items(items, params):
    """Apply the browse filters in `params` (a QueryDict) to `items`; unknown or malformed values match nothing."""
    if kind := params.get("kind"):
        items = items.filter(kind=kind)
    if subject := params.get("subject"):
        items = items.filter(subjects__slug=subject)
    if tag := params.get("tag"):
        items = items.filter(tags__slug=tag)
    if place := params.get("place"):
        items = items.filter(places__pk=place) if place.isdigit() else items.none()
    if person := params.get("person"):
        items = items.filter(item_agents__agent__pk=person) if person.isdigit() else items.none()
    if collection := params.get("collection"):
        items = items.filter(collection__slug=collection)
    if "decade" in params:
        decade = _decade(params.get("decade"))
        items = items.filter(date_lower__year__gte=decade, date_lower__year__lt=decade + 10) if decade else items.none()
    return items.distinct()


def facets(visible, language):
    """Counts of the visible items per kind, subject, tag, place, person, collection and decade: seven queries."""
    in_visible = visible.values("pk")
    kinds = dict(Item.Kind.choices)
    result = {
        "kind": [Facet("kind", row["kind"], capfirst(str(kinds.get(row["kind"], row["kind"]))), row["n"])
                 for row in visible.order_by().values("kind").annotate(n=Count("pk")).order_by("kind")],
    }
    subjects = (Subject.objects.annotate(n=Count("items", filter=Q(items__in=in_visible), distinct=True))
                .filter(n__gt=0).order_by("-n", "slug")[:FACET_SIZE])
    result["subject"] = [Facet("subject", s.slug, s.display_title(language), s.n) for s in subjects]
    tags = (TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Item), object_id__in=in_visible)
            .values("tag__slug", "tag__name").annotate(n=Count("pk")).order_by("-n", "tag__slug")[:FACET_SIZE])
    result["tag"] = [Facet("tag", t["tag__slug"], t["tag__name"], t["n"]) for t in tags]
    places = (Place.objects.annotate(n=Count("items", filter=Q(items__in=in_visible), distinct=True))
              .filter(n__gt=0).order_by("-n", "name")[:FACET_SIZE])
    result["place"] = [Facet("place", str(p.pk), p.display_name(language), p.n) for p in places]
    people = (Agent.objects.only("pk", "display_name")
              .annotate(n=Count("item_roles__item", filter=Q(item_roles__item__in=in_visible), distinct=True))
              .filter(n__gt=0).order_by("-n", "display_name")[:FACET_SIZE])
    result["person"] = [Facet("person", str(a.pk), a.display_name, a.n) for a in people]
    collections = (Collection.objects.annotate(n=Count("items", filter=Q(items__in=in_visible), distinct=True))
                   .filter(n__gt=0).order_by("slug")[:FACET_SIZE])
    result["collection"] = [Facet("collection", c.slug, c.display_title(language), c.n) for c in collections]
    decades = (visible.filter(date_lower__isnull=False).order_by()
               .annotate(decade=ExtractYear("date_lower") / 10 * 10).values("decade")
               .annotate(n=Count("pk")).order_by("decade"))
    result["decade"] = [Facet("decade", str(d["decade"]), decade_label(d["decade"], language), d["n"])
                        for d in decades]
    return result


def active_filters(params, facet_lists):
    """[(Facet, url without it)] for the filters the page is showing, labelled as the facets label them."""
    active = []
    for name, values in facet_lists.items():
        if name in params:
            label = next((f.label for f in values if f.value == params.get(name)), params.get(name))
            rest = params.copy()
            rest.pop(name)
            rest.pop("page", None)
            active.append((Facet(name, params.get(name), label, 0), rest.urlencode()))
    return active
