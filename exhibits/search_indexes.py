"""Exhibits in the search index: public exhibits, nothing else, drawn from the access policy
(`Exhibit.objects.public()`) for indexing and for loading results."""

from haystack import indexes

from archive.languages import texts_in_every_language
from search.analysis import MultilingualTextField, document_text
from search.upkeep import FingerprintedIndex, search_track

from .models import Block, Exhibit


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
        return document_text(
            texts_in_every_language(exhibit, "title"),
            texts_in_every_language(exhibit, "summary"),
            *(texts_in_every_language(block, "heading") + texts_in_every_language(block, "body")
              for block in exhibit.blocks.all() if block.kind not in Block.ITEM_KINDS),
        )

    def prepare_kind(self, exhibit):
        return "exhibit"


def search_track_changes():
    """An exhibit's document changes with the exhibit and with any of its blocks."""
    search_track(Exhibit)
    search_track(Block, marks=lambda block: ("exhibits.exhibit", [block.exhibit_id]))
