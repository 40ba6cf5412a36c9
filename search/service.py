"""Searching the archive: one query to the index, results loaded in bulk through the access policy, snippets
highlighted with the index's own analyzer, facets labelled in the visitor's language."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from haystack import connections
from haystack.query import SearchQuerySet

from archive.languages import language_name, text_language
from archive.models import Collection, Item, Place, Subject
from exhibits.dates import date_label

from .analysis import highlight_html, query_terms, segment_query, unsegment

if TYPE_CHECKING:
    from archive.access import Visitor

Filters = dict[str, list[str]]  # {facet name: [values]}, as a query string gives them

FACETS = {
    "kind": gettext_lazy("Kind"),
    "language": gettext_lazy("Language"),
    "place": gettext_lazy("Place"),
    "subject": gettext_lazy("Subject"),
    "decade": gettext_lazy("Decade"),
    "collection": gettext_lazy("Collection"),
}
LABELLED_FROM_RECORDS = ("place", "subject", "collection")
MAX_QUERY_LENGTH = 200
MAX_FACET_VALUES = 12
_FILTER_VALUE = re.compile(r"^[\w-]{1,200}$")


class SearchInputError(ValueError):
    """A search request the archive cannot run; the message is fit to show the visitor."""


@dataclass
class SearchHit:
    object: object
    result: object  # haystack's SearchResult, with every stored field of the document
    url: str
    title_html: str
    snippet: str
    date_text: str
    template_names: list[str]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    querystring: str = ""  # this search with the value switched on or off, back on page 1


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchPage:
    query: str
    filters: Filters
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    facets: list[Facet] = field(default_factory=list)
    searched: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_querystring(self) -> str:
        return self.querystring(page=self.page - 1)

    @property
    def next_querystring(self) -> str:
        return self.querystring(page=self.page + 1)

    def querystring(self, *, page: int | None = None, toggle: tuple[str, str] | None = None) -> str:
        """The query string of this search on another page, or with one facet value switched on or off."""
        filters = {name: list(values) for name, values in self.filters.items()}
        if toggle is not None:
            name, value = toggle
            values = filters.setdefault(name, [])
            if value in values:
                values.remove(value)
            else:
                values.append(value)
        pairs = [("q", self.query)] if self.query else []
        pairs += [(name, value) for name in FACETS for value in filters.get(name, [])]
        if page and page > 1:
            pairs.append(("page", page))
        return urlencode(pairs)


def search_clean_filters(raw: Mapping[str, list[str]]) -> Filters:
    """{facet name: [values]} from a mapping of lists (a QueryDict's lists()); unknown names are ignored and
    malformed values rejected with SearchInputError."""
    filters = {}
    for name in FACETS:
        values = [value.strip() for value in raw.get(name, []) if value.strip()]
        for value in values:
            if not _FILTER_VALUE.match(value):
                raise SearchInputError(_("“%(value)s” is not a value of the %(facet)s filter.")
                                       % {"value": value[:50], "facet": FACETS[name]})
        if values:
            filters[name] = list(dict.fromkeys(values))
    return filters


def search_run(*, q: str | None, filters: Mapping[str, list[str]] | None = None, page: int = 1,
               user: Visitor = None, per_page: int | None = None, language: str | None = None) -> SearchPage:
    """One page of search results for query text `q` narrowed by `filters` ({facet name: [values]}).

    The index holds only what the access policy makes public, and results are loaded back through each index's
    `read_queryset()` (the policy again), so every visitor, `user` included, sees public records only.
    Raises SearchInputError for a query or filter the archive cannot run."""
    q = " ".join((q or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        raise SearchInputError(_("Search for at most %(count)s characters.") % {"count": MAX_QUERY_LENGTH})
    filters = search_clean_filters(filters or {})
    language = text_language(language)
    result = SearchPage(query=q, filters=filters)
    if not q and not filters:
        return result
    per_page = per_page or settings.HAYSTACK_SEARCH_RESULTS_PER_PAGE
    sqs = SearchQuerySet().auto_query(segment_query(q)) if q else SearchQuerySet().all()
    for name, values in filters.items():
        for value in values:
            sqs = sqs.narrow(f'{name}:"{value}"')
    for name in FACETS:
        sqs = sqs.facet(name)

    result.searched = True
    result.page = max(1, int(page or 1))
    start = (result.page - 1) * per_page
    raw_results = list(sqs[start:start + per_page])
    if not raw_results and result.page > 1:
        # Past the last page (an old link, a hand-typed number): show the last page instead.
        first = search_run(q=q, filters=filters, page=1, user=user, per_page=per_page, language=language)
        if first.num_pages > 1:
            return search_run(q=q, filters=filters, page=first.num_pages, user=user, per_page=per_page,
                              language=language)
        return first
    result.total = sqs.count()
    result.num_pages = math.ceil(result.total / per_page) if result.total else 0
    result.hits = _hits(raw_results, query_terms(q), language)
    result.facets = _facets(sqs.facet_counts().get("fields", {}), filters, language)
    for facet in result.facets:
        for value in facet.values:
            value.querystring = result.querystring(toggle=(facet.name, value.value))
    return result


def _hits(raw_results, terms, language):
    """Results whose objects the access policy still shows, each model's objects loaded in one query."""
    unified = connections["default"].get_unified_index()
    wanted = {}
    for raw in raw_results:
        wanted.setdefault(raw.model, []).append(raw.pk)
    loaded = {model: unified.get_index(model).read_queryset().in_bulk(pks) for model, pks in wanted.items()}
    hits, dates = [], {}
    for raw in raw_results:
        objects = loaded[raw.model]
        obj = objects.get(int(raw.pk)) if str(raw.pk).isdigit() else objects.get(raw.pk)
        if obj is None:
            continue
        title = obj.display_title(language) if hasattr(obj, "display_title") else str(obj)
        hits.append(SearchHit(
            object=obj,
            result=raw,
            url=obj.get_absolute_url(),
            title_html=highlight_html(title, terms, whole=True),
            snippet=highlight_html(unsegment(getattr(raw, "text", "")), terms),
            date_text=_date_text(obj, language, dates),
            template_names=[f"search/result_{raw.app_label}_{raw.model_name}.html", "search/result.html"],
        ))
    return hits


def _date_text(obj, language, labels):
    """The object's date as the visitor reads it; `labels` keeps those of one page, where dates often repeat."""
    edtf = getattr(obj, "date", "")
    if not isinstance(edtf, str):
        return ""
    if edtf not in labels:
        labels[edtf] = date_label(edtf, language)
    return labels[edtf]


def _facets(counts, filters, language):
    counts = {name: [(_text(value), count) for value, count in pairs] for name, pairs in counts.items()}
    labels = _facet_labels(counts, filters, language)
    facets = []
    for name, title in FACETS.items():
        selected = filters.get(name, [])
        pairs = [(value, count) for value, count in counts.get(name, []) if value]
        shown = pairs[:MAX_FACET_VALUES]
        shown += [(value, count) for value, count in pairs[MAX_FACET_VALUES:] if value in selected]
        shown += [(value, 0) for value in selected if value not in dict(pairs)]
        # A place, subject or collection deleted since its documents were written has no label: it is left out
        # rather than shown by its id, until the index catches up.
        values = [FacetValue(value=str(value), label=labels[name].get(str(value), str(value)), count=count,
                             selected=str(value) in selected) for value, count in shown
                  if str(value) in labels[name] or name not in LABELLED_FROM_RECORDS or str(value) in selected]
        if values:
            facets.append(Facet(name=name, label=str(title), values=values))
    return facets


def _language_name(code: str) -> str:
    """Every language by its name in the page's language."""
    return language_name(code)


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _facet_labels(counts, filters, language):
    def keys(name):
        # Only values the index returned: those come from public records. A visitor's own filter value is
        # never looked up, or any place or subject name could be read by guessing its id.
        return {str(value) for value, _count in counts.get(name, []) if value}

    kinds = {**{kind.value: str(kind.label) for kind in Item.Kind}, "exhibit": _("exhibit"), "kit": _("lesson kit")}
    place_ids = [int(key) for key in keys("place") if key.isdigit()]
    return {
        "kind": {key: kinds.get(key, key) for key in keys("kind")},
        "language": {key: _language_name(key) for key in keys("language")},
        "place": {str(pk): place.display_name(language)
                  for pk, place in Place.objects.in_bulk(place_ids).items()} if place_ids else {},
        "subject": {subject.slug: subject.display_title(language)
                    for subject in Subject.objects.filter(slug__in=keys("subject"))} if keys("subject") else {},
        "decade": {key: date_label(f"{key[:3]}X", language) for key in keys("decade") if key.isdigit()},
        "collection": {collection.slug: collection.display_title(language)
                       for collection in Collection.objects.filter(slug__in=keys("collection"))}
        if keys("collection") else {},
    }
