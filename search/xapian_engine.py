"""Xapian for the archive: xapian-haystack's backend with an index that is there before anything is written,
exact counts and facets over every match.

Text reaches it already segmented into words (search.analysis.segment_text, segment_query), so Xapian's own
tokeniser, which splits at spaces and punctuation, finds Thai, Burmese, Khmer and Lao words inside unspaced text.
Writers take turns on xapian-haystack's lock file inside the index directory.

xapian-haystack counts facets of several values per document (languages, places, subjects) over the page of
results only, and single-valued ones over the first thousand matches. Here every facet is counted by Xapian over
every match: a document's several values are kept in one value slot, space-separated (facet values are codes,
ids and slugs, never spaces), and each combination's count is added to each of its values.

Documents are written with the terms the archive's queries look for, and nothing else (xapian-haystack writes
every text field four times: with and without the field's prefix, each both through Xapian's term generator and
word by word as typed, with start and end markers, for exact-match filters the archive never runs):

- the document field (the text every search looks in): its words, positions and English stems, without prefix,
  as the query parser reads a visitor's query;
- every other field of text: its words under the field's prefix (`XKIND`...), for a query such as `kind:film`,
  and its value slot for facet counts and sorting;
- each facet value, whole, as one boolean term (`XFACETSUBJECT:fishing`): a narrowing query `subject:"fishing"`
  is read as that term, so it matches the value exactly, never a longer one made of the same words
  ("fishing-boats"), and counts and results agree;
- the document's identifiers and content type, and its stored fields, as xapian-haystack writes them, so its
  queries, `models()`, `django_id` filters and results read them unchanged.

An index with fields of other types (dates, numbers) is written by xapian-haystack itself.
"""

import pickle
import re

import xapian
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.fields import FacetField
from haystack.utils import get_identifier
from xapian_backend import (
    MEMORY_DB_NAME,
    TERM_PREFIXES,
    TERMPOS_DISTANCE,
    InvalidIndexError,
    XapianEngine,
    XapianSearchBackend,
    _term_to_xapian_value,
    filelocked,
)

from .analysis import highlight_html, query_terms, unsegment

FACET_VALUE_SEPARATOR = " "
FACET_TERM_PREFIX = "XFACET"
_NARROWING = re.compile(r'^(\w+):"([^"\s]+)"$')


def facet_term(name, value):
    """The boolean term of one facet value of a document."""
    return f"{FACET_TERM_PREFIX}{name.upper()}:{str(value).lower()}"


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
        self._facets = {field.index_fieldname for field in fields.values() if isinstance(field, FacetField)}
        self._multi_facets = {field.index_fieldname for field in fields.values()
                              if isinstance(field, FacetField) and field.is_multivalued}
        for field in schema:
            if field["field_name"] in self._multi_facets:
                field["multi_valued"] = "false"  # one slot, space-separated: see the module's docstring
        return content_field_name, schema

    def build_models_list(self):
        # The index holds only registered models (rebuild_index and the index tasks write nothing else), so
        # narrowing every query to them adds a posting list over every document to every query for nothing.
        return []

    @property
    def facets(self):
        self._update_cache()
        return self._facets

    @property
    def multi_facets(self):
        self._update_cache()
        return self._multi_facets

    @property
    def writes_own_documents(self):
        """Whether documents are written as the module's docstring says (every field is text), not by
        xapian-haystack."""
        return all(field["type"] == "text" and field["multi_valued"] == "false" for field in self.schema
                   if field["field_name"] not in (ID, DJANGO_ID, DJANGO_CT))

    def update(self, index, iterable, commit=True):
        index = _JoinedFacets(index, self.multi_facets)
        if not self.writes_own_documents:
            return super().update(index, iterable, commit=commit)
        return self._write(index, iterable)

    @filelocked
    def _write(self, index, iterable):
        """Write the documents of `iterable` (see the module's docstring for the terms each gets)."""
        database = self._database(writable=True)
        try:
            generator = xapian.TermGenerator()
            generator.set_database(database)
            generator.set_stemmer(xapian.Stem(self.language))
            generator.set_stemming_strategy(self.stemming_strategy)
            weights = index.get_field_weights()
            private = {ID, DJANGO_ID, DJANGO_CT}
            fields = [(field["field_name"], field["column"], int(weights.get(field["field_name"], 1)),
                       TERM_PREFIXES["field"] + field["field_name"].upper()) for field in self.schema]
            content = self.content_field_name
            facets, multi_facets = self._facets, self._multi_facets
            for obj in iterable:
                data = index.full_prepare(obj)
                document = xapian.Document()
                generator.set_document(document)
                for name, column, weight, prefix in fields:
                    value = data.get(name)
                    if value is None:
                        continue
                    if name in private:
                        value = _term_to_xapian_value(int(value) if name == DJANGO_ID else value,
                                                      "integer" if name == DJANGO_ID else "text")
                        document.add_term(TERM_PREFIXES[name] + value, weight)
                        document.add_value(column, value)
                    elif name == content:
                        generator.index_text(str(value), weight)
                        generator.increase_termpos(TERMPOS_DISTANCE)
                    else:
                        value = _term_to_xapian_value(value, "text")
                        document.add_value(column, value)
                        if value:
                            generator.index_text(value, weight, prefix)
                            generator.increase_termpos(TERMPOS_DISTANCE)
                        if name in facets:
                            for part in value.split(FACET_VALUE_SEPARATOR) if name in multi_facets else [value]:
                                if part:
                                    document.add_boolean_term(facet_term(name, part))
                document.set_data(pickle.dumps((obj._meta.app_label, obj._meta.model_name, obj.pk, data),
                                               pickle.HIGHEST_PROTOCOL))
                identifier = TERM_PREFIXES[ID] + get_identifier(obj)
                document.add_term(identifier)
                database.replace_document(identifier, document)
        finally:
            database.close()

    def parse_query(self, query_string):
        narrowing = _NARROWING.match(query_string)
        if narrowing and narrowing.group(1) in self.facets and self.writes_own_documents:
            # One facet value, exactly (see the module's docstring); a filter, adding nothing to relevance.
            return xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(facet_term(*narrowing.groups())), 0)
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
        # Look at every match, so that counts and facet spies are exact; the count is kept with the query, which
        # then runs once for its page, its count and its facets.
        mset = XapianSearchBackend._get_enquire_mset(database, enquire, start_offset, end_offset,
                                                     checkatleast=database.get_doccount())
        enquire.archive_hit_count = mset.get_matches_estimated()
        return mset

    def _get_hit_count(self, database, enquire):
        # Exact: the query looked at every match (above).
        count = getattr(enquire, "archive_hit_count", None)
        if count is None:
            count = enquire.get_mset(0, 0, database.get_doccount()).get_matches_estimated()
        return count

    def _process_facet_field_spies(self, spies):
        if any(self.schema[spy.slot]["type"] != "text" for spy in spies):
            counts = super()._process_facet_field_spies(spies)
        else:
            # Facet values of text fields are the slot's text itself: read straight from each spy.
            counts = {self.schema[spy.slot]["field_name"]: [(item.term.decode("utf-8"), item.termfreq)
                                                            for item in spy.values()] for spy in spies}
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
