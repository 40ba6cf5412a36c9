"""The API's endpoints: read the parameters, ask records.py or the search service, serialize."""

import html

from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from archive.languages import TEXT_LANGUAGES, text_language
from archive.models import Item
from search.service import MAX_QUERY_LENGTH, SearchInputError, search_run

from . import records
from .pagination import MAX_PAGE_SIZE, PAGE_SIZE
from .serializers import (CollectionSerializer, ExhibitDetailSerializer, ExhibitListSerializer, ItemDetailSerializer,
                          ItemListSerializer, PlaceSerializer, SubjectSerializer)

# A slug or an accession number in a path: anything but a slash or a control character (a NUL never reaches
# the database).
TEXT_LOOKUP = r"[^/\x00-\x1f\x7f]+"
MAX_SEARCH_PAGE = 1000
FILTER_VALUE = r"^[\w-]{1,200}$"  # what the search service accepts as a filter value


def requested_language(request):
    """`?lang=` if given (one of the catalogue languages), else the first catalogue language of the
    Accept-Language header. The choice is activated, so Content-Language and error messages follow it."""
    translation.activate(accepted_language(request.headers.get("Accept-Language", "")))
    code = request.query_params.get("lang")
    if code is None:
        return translation.get_language()
    if code not in TEXT_LANGUAGES:
        raise ValidationError({"lang": [_("Choose one of the languages %(codes)s.")
                                        % {"codes": ", ".join(TEXT_LANGUAGES)}]})
    translation.activate(code)
    return code


def accepted_language(header):
    """The first catalogue language of an Accept-Language header, by preference; English when none is.

    The site's language cookie and path prefix play no part: the same request always gets the same answer."""
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return text_language(translation.get_supported_language_variant(code))
        except LookupError:
            continue
    return "en"


class LanguageMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = requested_language(request)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": self.language}


class ItemFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Item.Kind.choices, required=False)
    # A slug may be written in any script, but never holds a null character, which the schema says too.
    collection = serializers.RegexField(r"^[^\x00]*$", required=False, max_length=200, help_text="A collection's slug")
    subject = serializers.RegexField(r"^[^\x00]*$", required=False, max_length=200, help_text="A subject's slug")
    place = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1, help_text="A place's id")


class ItemViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Public items, by accession number."""

    lookup_field = "accession_number"
    lookup_url_kwarg = "accession"
    lookup_value_regex = TEXT_LOOKUP

    def get_queryset(self):
        if self.action != "list":
            return records.public_item_detail()
        filters = ItemFilters(data=self.request.query_params.dict())
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        items = records.public_item_list()
        if "kind" in wanted:
            items = items.filter(kind=wanted["kind"])
        if "collection" in wanted:
            items = items.filter(collection__slug=wanted["collection"])
        if "subject" in wanted:
            items = items.filter(subjects__slug=wanted["subject"])
        if "place" in wanted:
            items = items.filter(places=wanted["place"])
        return items

    def get_serializer_class(self):
        return ItemListSerializer if self.action == "list" else ItemDetailSerializer

    @extend_schema(parameters=[ItemFilters])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class BySlugViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Records addressed by their slug, which may be written in any of the archive's scripts."""

    lookup_field = "slug"
    lookup_value_regex = TEXT_LOOKUP


class ExhibitViewSet(BySlugViewSet):
    """Public exhibits, by slug."""

    def get_queryset(self):
        return records.public_exhibits()

    def get_serializer_class(self):
        return ExhibitListSerializer if self.action == "list" else ExhibitDetailSerializer


class CollectionViewSet(BySlugViewSet):
    """Collections with at least one public item."""

    serializer_class = CollectionSerializer

    def get_queryset(self):
        return records.public_collections()


class SubjectViewSet(BySlugViewSet):
    """Subjects that public items are described with, and their broader subjects."""

    serializer_class = SubjectSerializer

    def get_queryset(self):
        return records.public_subjects()


class PlaceViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Places of public items, and the larger places they lie in."""

    lookup_value_regex = r"[0-9]{1,18}"
    serializer_class = PlaceSerializer

    def get_queryset(self):
        return records.public_places()


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_QUERY_LENGTH, help_text="Words to find")
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_SEARCH_PAGE, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=PAGE_SIZE)
    kind = serializers.ChoiceField(choices=[*Item.Kind.values, "exhibit"], required=False)
    language = serializers.RegexField(r"^[a-z]{3}$", required=False, help_text="An ISO 639-3 code")
    place = serializers.RegexField(r"^[0-9]{1,18}$", required=False, help_text="A place's id")
    subject = serializers.RegexField(FILTER_VALUE, required=False, help_text="A subject's slug")
    decade = serializers.RegexField(r"^[0-9]{4}$", required=False, help_text="The first year of a decade: 1990")
    collection = serializers.RegexField(FILTER_VALUE, required=False, help_text="A collection's slug")


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["item", "exhibit"])
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="Plain text around the words found")
    url = serializers.URLField(help_text="The public page")
    api_url = serializers.URLField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchHitSerializer(many=True)
    facets = FacetSerializer(many=True)


API_DETAIL = {"item": ("api:item-detail", "accession", "accession_number"),
              "exhibit": ("api:exhibit-detail", "slug", "slug")}


class SearchView(LanguageMixin, APIView):
    """The archive's search: public items and exhibits, in the language asked for."""

    @extend_schema(parameters=[SearchQuery], responses=SearchResultsSerializer)
    def get(self, request):
        query = SearchQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        try:
            results = search_run(q=wanted.get("q", ""), filters=dict(request.query_params.lists()),
                                 page=wanted["page"], per_page=wanted["page_size"], language=self.language)
        except SearchInputError as error:
            raise ValidationError({"search": [str(error)]}) from error
        return Response(SearchResultsSerializer({
            "query": results.query,
            "count": results.total,
            "page": results.page,
            "num_pages": results.num_pages,
            "next": self.page_link(results.page + 1) if results.has_next else None,
            "previous": self.page_link(results.page - 1) if results.has_previous else None,
            "results": [self.hit(hit) for hit in results.hits],
            "facets": results.facets,
        }).data)

    def page_link(self, page):
        url = self.request.build_absolute_uri()
        return replace_query_param(url, "page", page) if page > 1 else remove_query_param(url, "page")

    def hit(self, hit):
        kind = hit.result.model_name
        url_name, kwarg, attribute = API_DETAIL[kind]
        return {
            "type": kind,
            "title": hit.object.display_title(self.language),
            "snippet": html.unescape(strip_tags(hit.snippet)),
            "url": self.request.build_absolute_uri(hit.url),
            "api_url": self.request.build_absolute_uri(
                reverse(url_name, kwargs={kwarg: getattr(hit.object, attribute)})),
        }


class RootView(LanguageMixin, APIView):
    """The endpoints of the API."""

    schema = None

    def get(self, request):
        names = ["items", "exhibits", "collections", "subjects", "places"]
        links = {name: request.build_absolute_uri(reverse(f"api:{name[:-1]}-list")) for name in names}
        links["search"] = request.build_absolute_uri(reverse("api:search"))
        links["schema"] = request.build_absolute_uri(reverse("api:schema"))
        return Response(links)
