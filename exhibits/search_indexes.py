"""What the search index holds: public items and public exhibits, nothing else.

Both indexes draw their objects from the one access policy (`Item.objects.public()`, `Exhibit.objects.public()`)
for indexing and for loading results, so a document that has not yet left the index is still never shown.
Facet values are stable keys (kind and ISO 639-3 codes, place ids, subject and collection slugs, the decade's
first year); the search service turns them into labels in the visitor's language.
"""

from haystack import indexes
from haystack.fields import FacetMultiValueField

from archive.languages import TEXT_LANGUAGES, field_name
from archive.models import Item

from .analysis import MultilingualTextField
from .search_tasks import FingerprintedIndex
from .models import Block, Exhibit


def _all_languages(record, base):
    return [getattr(record, field_name(base, code), "") for code in TEXT_LANGUAGES]


def _lines(*groups):
    return "\n".join(text for group in groups for text in group if text)


class ItemIndex(FingerprintedIndex, indexes.Indexable):
    text = MultilingualTextField(document=True)
    accession = indexes.CharField(model_attr="accession_number", indexed=False)
    kind = indexes.FacetCharField()
    language = FacetMultiValueField()
    place = FacetMultiValueField()
    subject = FacetMultiValueField()
    decade = indexes.FacetCharField()
    collection = indexes.FacetCharField()

    def get_model(self):
        return Item

    def index_queryset(self, using=None):
        return (
            Item.objects.public()
            .select_related("collection", "tradition")
            .prefetch_related("places", "subjects", "languages", "tags", "item_agents__agent")
        )

    def read_queryset(self, using=None):
        return Item.objects.public().select_related("collection")

    def prepare_text(self, item):
        return _lines(
            _all_languages(item, "title"),
            _all_languages(item, "description"),
            [tag.name for tag in item.tags.all()],
            *(_all_languages(subject, "title") for subject in item.subjects.all()),
            *(_all_languages(place, "name") for place in item.places.all()),
            [role.agent.public_name() for role in item.item_agents.all()],
            *(_all_languages(item, base) for base in ("medium", "support", "occasion")),
            _all_languages(item.tradition, "title") if item.tradition_id else [],
            [item.collection.display_title("en")] if item.collection else [],
            [item.accession_number],
        )

    def prepare_kind(self, item):
        return item.kind

    def prepare_language(self, item):
        return sorted(language.code for language in item.languages.all())

    def prepare_place(self, item):
        return sorted(str(place.pk) for place in item.places.all())

    def prepare_subject(self, item):
        return sorted(subject.slug for subject in item.subjects.all())

    def prepare_decade(self, item):
        return str(item.date_lower.year // 10 * 10) if item.date_lower else None

    def prepare_collection(self, item):
        return item.collection.slug if item.collection else None


class ExhibitIndex(FingerprintedIndex, indexes.Indexable):
    text = MultilingualTextField(document=True)
    kind = indexes.FacetCharField()

    def get_model(self):
        return Exhibit

    def index_queryset(self, using=None):
        return Exhibit.objects.public().prefetch_related("blocks")

    def read_queryset(self, using=None):
        return Exhibit.objects.public()

    def prepare_text(self, exhibit):
        # Blocks built on items vanish from the page when the visitor may see none of their items; only the
        # blocks every visitor is shown may put words into the index.
        return _lines(
            _all_languages(exhibit, "title"),
            _all_languages(exhibit, "summary"),
            *(_all_languages(block, "heading") + _all_languages(block, "body")
              for block in exhibit.blocks.all() if block.kind not in Block.ITEM_KINDS),
        )

    def prepare_kind(self, exhibit):
        return "exhibit"
