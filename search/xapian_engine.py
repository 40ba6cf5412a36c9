"""Xapian for the archive: xapian-haystack's backend with an index that is there before anything is written,
exact counts and facets over every match.

Text reaches it already segmented into words (search.analysis.segment_text, segment_query), so Xapian's own
tokeniser, which splits at spaces and punctuation, finds Thai, Burmese, Khmer and Lao words inside unspaced text.
Writers take turns on xapian-haystack's lock file inside the index directory.

xapian-haystack counts facets of several values per document (languages, places, subjects) over the page of
results only, and single-valued ones over the first thousand matches. Here every facet is counted by Xapian over
every match: a document's several values are kept in one value slot, space-separated (facet values are codes,
ids and slugs, never spaces), and each combination's count is added to each of its values.
"""

import xapian
from haystack.fields import FacetField
from xapian_backend import MEMORY_DB_NAME, InvalidIndexError, XapianEngine, XapianSearchBackend

from .analysis import highlight_html, query_terms, unsegment

FACET_VALUE_SEPARATOR = " "


class _JoinedFacets:
    """A search index whose several-valued facets are prepared as one space-separated value, and whose empty
    fields are left out (xapian-haystack would index None as the word "none")."""

    def __init__(self, index, names):
        self._index = index
        self._names = names

    def __getattr__(self, name):
        return getattr(self._index, name)

    def full_prepare(self, obj, **kwargs):
        prepared = self._index.full_prepare(obj, **kwargs)
        for name in self._names:
            if isinstance(prepared.get(name), (list, tuple)):
                prepared[name] = FACET_VALUE_SEPARATOR.join(str(value) for value in prepared[name])
        return {name: value for name, value in prepared.items() if value is not None}


class ArchiveXapianBackend(XapianSearchBackend):
    def _database(self, writable=False):
        # A search before the first document was written finds nothing, as on Whoosh, instead of failing.
        try:
            return super()._database(writable=writable)
        except InvalidIndexError:
            if self.path == MEMORY_DB_NAME:
                raise
            xapian.WritableDatabase(self.path, xapian.DB_CREATE_OR_OPEN).close()
            return super()._database(writable=writable)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        self._multi_facets = {field.index_fieldname for field in fields.values()
                              if isinstance(field, FacetField) and field.is_multivalued}
        for field in schema:
            if field["field_name"] in self._multi_facets:
                field["multi_valued"] = "false"  # one slot, space-separated: see the module's docstring
        return content_field_name, schema

    @property
    def multi_facets(self):
        self._update_cache()
        return self._multi_facets

    def update(self, index, iterable, commit=True):
        return super().update(_JoinedFacets(index, self.multi_facets), iterable, commit=commit)

    def parse_query(self, query_string):
        # Visitor input such as a bare "AND" is not a query Xapian's boolean syntax accepts: read it as words.
        try:
            return super().parse_query(query_string)
        except xapian.QueryParserError:
            return xapian.QueryParser().parse_query(query_string.lower(), 0)

    def search(self, query, highlight=False, **kwargs):
        results = super().search(query, highlight=False, **kwargs)
        if highlight and results.get("results"):
            # Highlighted with the archive's analysis, as on every engine, instead of xapian-haystack's <em>.
            # The query's words: unprefixed terms and stems ("Z" + word); field terms carry capital prefixes.
            words = [word for word in (term.decode("utf-8").removeprefix("Z") for term in query)
                     if word[:1].islower() or not word[:1].isascii()]
            terms = query_terms(" ".join(words))
            for result in results["results"]:
                text = unsegment(getattr(result, self.content_field_name, ""))
                result.highlighted = {self.content_field_name: [highlight_html(text, terms)]}
        return results

    @staticmethod
    def _get_enquire_mset(database, enquire, start_offset, end_offset, checkatleast=None):
        # Look at every match, so that counts and facet spies are exact.
        return XapianSearchBackend._get_enquire_mset(database, enquire, start_offset, end_offset,
                                                     checkatleast=database.get_doccount())

    def _get_hit_count(self, database, enquire):
        return enquire.get_mset(0, 0, database.get_doccount()).get_matches_estimated()

    def _process_facet_field_spies(self, spies):
        counts = super()._process_facet_field_spies(spies)
        for name in set(counts) & self.multi_facets:
            tally = {}
            for combination, count in counts[name]:
                for value in str(combination).split(FACET_VALUE_SEPARATOR):
                    if value:
                        tally[value] = tally.get(value, 0) + count
            counts[name] = list(tally.items())
        for name, pairs in counts.items():
            counts[name] = sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))
        return counts


class ArchiveXapianEngine(XapianEngine):
    backend = ArchiveXapianBackend
