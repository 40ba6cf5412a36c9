"""The JSON of each record: text in the language asked for, every language the record has, and public fields
only (no private names or notes, consent, original file names, provenance or exact coordinates)."""

from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.languages import TEXT_LANGUAGES, field_name
from archive.models import Place, translated
from exhibits.players import thumbnail

from .records import exhibit_items, public_coordinates

TEXTS_SCHEMA = {
    "type": "object",
    "description": "The text in every catalogue language the record has it in.",
    "properties": {code: {"type": "string"} for code in TEXT_LANGUAGES},
    "additionalProperties": False,
}
PICTURE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {"url": {"type": "string", "format": "uri"}, "width": {"type": "integer"},
                   "height": {"type": "integer"}},
    "required": ["url", "width", "height"],
}
COORDINATES_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "Rounded to one decimal place (about 11 km); null below district level.",
    "properties": {"latitude": {"type": "number"}, "longitude": {"type": "number"}},
    "required": ["latitude", "longitude"],
}


def absolute(serializer, path):
    return serializer.context["request"].build_absolute_uri(path)


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field):
    """`base` in the language asked for, else the record's original language, else English, else any."""

    def __init__(self, base, **kwargs):
        self.base = base
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return translated(record, self.base, self.context["language"], getattr(record, "original_language", None))


@extend_schema_field(TEXTS_SCHEMA)
class TextsField(serializers.Field):
    """{language: text} for every catalogue language `base` is written in."""

    def __init__(self, base, **kwargs):
        self.base = base
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        texts = {code: getattr(record, field_name(self.base, code), "") for code in TEXT_LANGUAGES}
        return {code: text for code, text in texts.items() if text}


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """An absolute address: the record's public page (`page=True`) or its API record (a URL name)."""

    def __init__(self, url_name=None, lookup=None, **kwargs):
        self.url_name, self.lookup = url_name, lookup
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        if self.url_name is None:
            return absolute(self.parent, record.get_absolute_url())
        kwarg, attribute = self.lookup
        return absolute(self.parent, reverse(self.url_name, kwargs={kwarg: getattr(record, attribute)}))


@extend_schema_field(OpenApiTypes.URI)
class ItemsLinkField(serializers.Field):
    """The address of the list of public items filtered by this record."""

    def __init__(self, parameter, attribute, **kwargs):
        self.parameter, self.attribute = parameter, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        query = urlencode({self.parameter: getattr(record, self.attribute)})
        return absolute(self.parent, f"{reverse('api:item-list')}?{query}")


def picture_json(serializer, picture):
    if not picture:
        return None
    return {"url": absolute(serializer, picture.src), "width": picture.width, "height": picture.height}


class CollectionReferenceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = TranslatedField("title")
    api_url = LinkField("api:collection-detail", ("slug", "slug"))


class SubjectReferenceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = TranslatedField("title")
    api_url = LinkField("api:subject-detail", ("slug", "slug"))


class PlaceReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = TranslatedField("name")
    api_url = LinkField("api:place-detail", ("pk", "pk"))


class ItemReferenceSerializer(serializers.Serializer):
    accession_number = serializers.CharField()
    kind = serializers.CharField()
    title = TranslatedField("title")
    url = LinkField()
    api_url = LinkField("api:item-detail", ("accession", "accession_number"))


class ItemListSerializer(ItemReferenceSerializer):
    titles = TextsField("title")
    date = serializers.CharField(help_text="EDTF: 1995, 199X, 1995~, 1990/1999, 2003-05...")
    thumbnail = serializers.SerializerMethodField()

    @extend_schema_field(PICTURE_SCHEMA)
    def get_thumbnail(self, item):
        return picture_json(self, thumbnail(item.visible_assets))


class CreditSerializer(serializers.Serializer):
    name = serializers.CharField(source="agent.public_name",
                                 help_text="The public name, often a pseudonym; a minor's first name only.")
    role = serializers.CharField()
    part = serializers.CharField(help_text="A performer's instrument, voice or character; empty for others.")


class TraditionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = TranslatedField("title")
    titles = TextsField("title")


class WorkSerializer(serializers.Serializer):
    """What an artwork, a song or a performance says about itself; empty strings and null for other items."""

    medium = TranslatedField("medium")
    mediums = TextsField("medium")
    support = TranslatedField("support")
    supports = TextsField("support")
    dimensions = serializers.CharField()
    tradition = TraditionSerializer(allow_null=True)
    occasion = TranslatedField("occasion")
    occasions = TextsField("occasion")


class LanguageSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 639-3 (or ISO 639-5) code")
    name = serializers.CharField()


class MediaFileSerializer(serializers.Serializer):
    role = serializers.CharField(help_text="image, poster, sprite, sprite-vtt, hls-master, hls-variant, mp4, "
                                           "audio, peaks or captions")
    url = serializers.SerializerMethodField()
    mime_type = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    duration = serializers.FloatField(allow_null=True, help_text="seconds")
    size = serializers.IntegerField(allow_null=True, help_text="bytes")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, derivative):
        return absolute(self, derivative.url)


class MediaSerializer(serializers.Serializer):
    kind = serializers.CharField()
    files = MediaFileSerializer(source="derivatives.all", many=True)


class ItemDetailSerializer(ItemListSerializer):
    description = TranslatedField("description")
    descriptions = TextsField("description")
    original_language = serializers.CharField()
    date_earliest = serializers.DateField(source="date_lower", allow_null=True)
    date_latest = serializers.DateField(source="date_upper", allow_null=True)
    collection = CollectionReferenceSerializer(allow_null=True)
    places = PlaceReferenceSerializer(source="places.all", many=True)
    subjects = SubjectReferenceSerializer(source="subjects.all", many=True)
    credits = CreditSerializer(many=True)
    work = WorkSerializer(source="*")
    languages = LanguageSerializer(source="languages.all", many=True)
    tags = serializers.SerializerMethodField()
    rights = serializers.URLField(help_text="A rightsstatements.org statement")
    licence = serializers.CharField(help_text="An SPDX identifier, or empty for all rights reserved")
    media = MediaSerializer(source="visible_assets", many=True)
    updated_at = serializers.DateTimeField()

    def get_tags(self, item) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class ExhibitListSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = TranslatedField("title")
    titles = TextsField("title")
    summary = TranslatedField("summary")
    url = LinkField()
    api_url = LinkField("api:exhibit-detail", ("slug", "slug"))
    published_at = serializers.DateTimeField()
    cover = serializers.SerializerMethodField()

    @extend_schema_field(PICTURE_SCHEMA)
    def get_cover(self, exhibit):
        return picture_json(self, thumbnail([exhibit.cover])) if exhibit.cover else None


class ExhibitDetailSerializer(ExhibitListSerializer):
    summaries = TextsField("summary")
    credits = TranslatedField("credits")
    items = serializers.SerializerMethodField()

    @extend_schema_field(ItemReferenceSerializer(many=True))
    def get_items(self, exhibit):
        return ItemReferenceSerializer(exhibit_items(exhibit), many=True, context=self.context).data


class VocabularySerializer(serializers.Serializer):
    """A term of the catalogue's own vocabulary, addressed by slug and titled in every language."""

    slug = serializers.CharField()
    title = TranslatedField("title")
    titles = TextsField("title")


class CollectionSerializer(VocabularySerializer):
    description = TranslatedField("description")
    item_count = serializers.IntegerField(help_text="Public items in the collection")
    items_url = ItemsLinkField("collection", "slug")
    api_url = LinkField("api:collection-detail", ("slug", "slug"))


class SubjectSerializer(VocabularySerializer):
    broader = serializers.CharField(source="parent.slug", allow_null=True, default=None,
                                    help_text="The slug of the broader subject")
    item_count = serializers.IntegerField(help_text="Public items with this subject")
    items_url = ItemsLinkField("subject", "slug")
    api_url = LinkField("api:subject-detail", ("slug", "slug"))


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = TranslatedField("name")
    names = TextsField("name")
    kind = serializers.ChoiceField(choices=Place.Kind.choices)
    parent = serializers.IntegerField(source="parent_id", allow_null=True, help_text="The id of the larger place")
    coordinates = serializers.SerializerMethodField()
    item_count = serializers.IntegerField(help_text="Public items at this place")
    items_url = ItemsLinkField("place", "pk")
    api_url = LinkField("api:place-detail", ("pk", "pk"))

    @extend_schema_field(COORDINATES_SCHEMA)
    def get_coordinates(self, place):
        return public_coordinates(place)
