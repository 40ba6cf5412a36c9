"""Items in the search index: public items, nothing else.

The index draws its objects from the one access policy (`Item.objects.public()`)
for indexing and for loading results, so a document that has not yet left the index is still never shown.
Facet values are stable keys (kind and ISO 639-3 codes, place ids, subject and collection slugs, the decade's
first year); the search service turns them into labels in the visitor's language.
"""

from django.db.models import Prefetch
from haystack import indexes
from haystack.fields import FacetMultiValueField

from search.analysis import MultilingualTextField, document_text
from search.upkeep import FingerprintedIndex, search_register_expander, search_track, search_track_relation

from .languages import texts_in_every_language
from .models import Agent, Collection, ConsentRecord, Item, ItemAgent, Place, Subject

# Records shown inside an item's document, and how to reach the items from them.
TERM_RELATIONS = {Place: "places", Subject: "subjects", Agent: "item_agents__agent", Collection: "collection"}
# An item's lists as index_queryset() loads them for a whole batch: plain lists on each item (Prefetch's to_attr),
# so Django builds no related manager and queryset per item and list, which cost more than the queries themselves.
_LISTS = {"places": "search_places", "subjects": "search_subjects", "languages": "search_languages",
          "tags": "search_tags"}


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
            .prefetch_related(
                *(Prefetch(relation, to_attr=attribute) for relation, attribute in _LISTS.items()),
                Prefetch("item_agents", ItemAgent.objects.select_related("agent"), to_attr="search_roles"),
            )
        )

    def read_queryset(self, using=None):
        return Item.objects.public().select_related("collection")

    def prepare_text(self, item):
        return document_text(
            texts_in_every_language(item, "title"),
            texts_in_every_language(item, "description"),
            [tag.name for tag in _listed(item, "tags")],
            *(texts_in_every_language(subject, "title") for subject in _listed(item, "subjects")),
            *(texts_in_every_language(place, "name") for place in _listed(item, "places")),
            [role.agent.public_name() for role in _roles(item)],
            *(texts_in_every_language(item, base) for base in ("medium", "support", "occasion")),
            texts_in_every_language(item.tradition, "title") if item.tradition_id else [],
            [item.collection.display_title("en")] if item.collection else [],
            [item.accession_number],
        )

    def prepare_kind(self, item):
        return item.kind

    def prepare_language(self, item):
        return sorted(language.code for language in _listed(item, "languages"))

    def prepare_place(self, item):
        return sorted(str(place.pk) for place in _listed(item, "places"))

    def prepare_subject(self, item):
        return sorted(subject.slug for subject in _listed(item, "subjects"))

    def prepare_decade(self, item):
        return str(item.date_lower.year // 10 * 10) if item.date_lower else None

    def prepare_collection(self, item):
        return item.collection.slug if item.collection else None


def _listed(item, relation):
    """The records of one of an item's lists, as index_queryset() loaded them, or by a query for an item loaded
    some other way (one saved item's update)."""
    loaded = getattr(item, _LISTS[relation], None)
    return loaded if loaded is not None else getattr(item, relation).all()


def _roles(item):
    loaded = getattr(item, "search_roles", None)
    return loaded if loaded is not None else item.item_agents.select_related("agent")


def search_track_changes():
    """What marks an item's document: the item, its consent records and people, its lists (places, subjects,
    languages, tags), and a change to a place, subject, person, collection or tag it shows."""
    from taggit.models import Tag

    def item_of(part):
        return "archive.item", [part.item_id]

    search_track(Item)
    search_track(ConsentRecord, marks=item_of)
    search_track(ItemAgent, marks=item_of)
    for relation in (Item.places, Item.subjects, Item.languages, Item.tags):
        search_track_relation(relation.through, label="archive.item")
    for model, relation in {**TERM_RELATIONS, ConsentRecord: "consents"}.items():
        search_register_expander(model._meta.label_lower, _items_of(relation))
    search_register_expander("taggit.tag", _tagged_items)
    for model in (*TERM_RELATIONS, Tag):
        search_track(model, changes_only=True, follow_before_delete=True)


def _items_of(relation):
    """An expander: the items linked to records of one kind through `relation` (a lookup from Item)."""
    def expand(ids):
        return {"archive.item": list(Item.objects.filter(**{f"{relation}__in": ids}).values_list("pk", flat=True)
                                     .distinct())}
    return expand


def _tagged_items(ids):
    from taggit.models import TaggedItem

    rows = TaggedItem.objects.filter(tag_id__in=ids, content_type__app_label="archive", content_type__model="item")
    return {"archive.item": list(rows.values_list("object_id", flat=True))}
