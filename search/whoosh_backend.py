"""The archive's search backend: haystack's Whoosh backend taught the archive's languages, one writer at a time.

- Text fields are analysed with `search.analysis.multilingual_analyzer` (ICU word segmentation for Thai, Lao,
  Khmer and Burmese, English stemming for Latin script), and a query word that segments into several words
  becomes a phrase of them: "แรงงานข้ามชาติ" matches those three words in a row, never their letters elsewhere.
- Facet fields are exact, unanalysed terms (comma-separated when several), counted from a column.
- Highlighting uses the same analyzer and marks matches with bare `<mark>` elements.
- Every write (update, remove, clear) holds an exclusive lock on a file beside the index, so index writers in
  web processes, task workers and management commands take turns instead of failing on Whoosh's own lock; a
  writer that still meets a Whoosh LockError (some other program holding it) retries for a while.
"""

import fcntl
import time
from collections import Counter
from itertools import chain
from contextlib import contextmanager
from pathlib import Path

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT
from haystack.constants import ID as ID_FIELD
from haystack.fields import FacetField
from haystack.utils import get_identifier, get_model_ct
from whoosh.columns import VarBytesListColumn
from whoosh.fields import KEYWORD, TEXT
from whoosh.index import LockError

from .analysis import highlight_html, multilingual_analyzer, unsegment

WRITE_LOCK_TIMEOUT = 120  # seconds a writer waits for another to finish before giving up


class SearchIndexBusy(RuntimeError):
    """Another writer kept the search index locked for longer than WRITE_LOCK_TIMEOUT."""


class FacetValuesColumn(VarBytesListColumn):
    """A list of values per document; a segment without any yields empty lists."""

    _default = []


class FacetKeyword(KEYWORD):
    """Exact facet values, comma-separated, also kept in a list column: counting a facet then reads one column
    instead of walking every posting of the field on every query."""

    def __init__(self):
        super().__init__(stored=True, commas=True, scorable=False)
        self.column_type = FacetValuesColumn()

    def to_column_value(self, value):
        parts = value if isinstance(value, (list, tuple)) else str(value).split(",")
        return [part.strip().encode("utf-8") for part in parts if part.strip()]

    def from_column_value(self, value):
        return [part.decode("utf-8") for part in value]


class SharedSearcherIndex:
    """The Whoosh index with one searcher kept open until the index changes, instead of opening every segment
    file again for each query. Everything else is the index itself."""

    def __init__(self, index):
        self._index = index
        self._searcher = None

    def __getattr__(self, name):
        return getattr(self._index, name)

    def refresh(self):
        return self

    def doc_count(self):
        # Asked before every query (haystack's "is there anything?"): the index's own opens a reader on every
        # segment file each time; the shared searcher has them open already.
        return self.searcher().doc_count()

    def searcher(self, **kwargs):
        if kwargs:
            return self._index.searcher(**kwargs)
        # Not Searcher.refresh(): its reuse of segment readers keeps removed segments and old deletions.
        if self._searcher is not None and not self._searcher.up_to_date():
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._index.searcher()
        return BorrowedSearcher(self._searcher)


class BorrowedSearcher:
    """A shared searcher that its borrower may "close" (haystack does) without closing it for the next query."""

    def __init__(self, searcher):
        self._searcher = searcher

    def __getattr__(self, name):
        return getattr(self._searcher, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def close(self):
        pass


class MultilingualWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self._facet_cache = {}  # (segment id, facet name) -> the facet's values of each document of the segment

    def setup(self):
        super().setup()
        self.index = SharedSearcherIndex(self.index)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field_class in fields.values():
            name = field_class.index_fieldname
            if isinstance(field_class, FacetField):
                schema.remove(name)
                schema.add(name, FacetKeyword())
            elif isinstance(schema[name], TEXT):
                schema.remove(name)
                schema.add(name, TEXT(
                    stored=True,
                    analyzer=field_class.analyzer or multilingual_analyzer(),
                    field_boost=field_class.boost,
                    multitoken_query="phrase",
                    spelling=field_class.document is True,
                ))
        return content_field_name, schema

    def build_models_list(self):
        # The index holds only registered models (rebuild_index and the index tasks write nothing else), so
        # narrowing every query to them is a filter over every document for nothing: a large share of a query's
        # time at 100,000 documents. Documents of an unregistered model would still be dropped from results.
        return []

    # Writers take turns.

    @contextmanager
    def write_lock(self):
        """Hold the index's writer lock (a file beside the index directory), waiting for the holder."""
        if not self.use_file_storage:
            yield
            return
        path = Path(f"{str(self.path).rstrip('/')}.writer-lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as handle:
            deadline = time.monotonic() + WRITE_LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SearchIndexBusy(
                            f"the search index at {self.path} stayed locked by another writer for "
                            f"{WRITE_LOCK_TIMEOUT} seconds") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _retrying(self, write):
        deadline = time.monotonic() + WRITE_LOCK_TIMEOUT
        with self.write_lock():
            while True:
                try:
                    return write()
                except LockError:
                    if time.monotonic() > deadline:
                        raise SearchIndexBusy(f"Whoosh kept the search index at {self.path} locked") from None
                    time.sleep(0.05)

    def update(self, index, iterable, commit=True):
        return self._retrying(lambda: super(MultilingualWhooshBackend, self).update(index, iterable, commit))

    def remove(self, obj_or_string, commit=True):
        """Remove one document. Not haystack's own remove, which logs and forgets a removal that meets a lock."""
        identifier = get_identifier(obj_or_string)

        def write():
            if not self.setup_complete:
                self.setup()
            self.index = self.index.refresh()
            writer = self.index.writer()
            try:
                writer.delete_by_term(ID_FIELD, identifier)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

        return self._retrying(write)

    def clear(self, models=None, commit=True):
        return self._retrying(lambda: super(MultilingualWhooshBackend, self).clear(models, commit))

    # Facet counts. Whoosh's FieldFacet decodes every matching document's values through its collector on every
    # query, which costs more than the search itself once a query matches thousands of documents. Segments never
    # change once written, so each segment's facet values are decoded once and kept; a query's counts are then
    # a walk over its matching document numbers.

    def search(self, query_string, facets=None, narrow_queries=None, models=None, **kwargs):
        narrow_queries = set(narrow_queries or ())
        if models:
            narrow_queries.add(" OR ".join(f"{DJANGO_CT}:{get_model_ct(model)}" for model in models))
        results = super().search(query_string, narrow_queries=set(narrow_queries) or None, **kwargs)
        if facets:
            counts = self.facet_counts(query_string, narrow_queries, facets) if results.get("hits") else {}
            results["facets"] = {**results.get("facets", {}), "queries": {},
                                 "fields": {name: counts.get(name, []) for name in facets}}
            results["facets"].setdefault("dates", {})
        return results

    def facet_counts(self, query_string, narrow_queries, names):
        """{facet name: [(value, count)...]} over every document the query and narrowing queries match,
        most frequent first."""
        self.index = self.index.refresh()
        parsed = self.parser.parse(query_string)
        if parsed is None:
            return {}
        with self.index.searcher() as searcher:
            docs = set(searcher.docs_for_query(parsed))
            for narrow in narrow_queries:
                docs &= set(searcher.docs_for_query(self.parser.parse(narrow)))
            counts = {}
            for name in names:
                values = self._facet_values(searcher, name)
                # Counted without a Python step per document: the matches' value tuples, chained, into a Counter.
                tally = Counter(chain.from_iterable(map(values.__getitem__, docs)))
                counts[name] = sorted(tally.items(), key=lambda pair: (-pair[1], pair[0]))
            return counts

    def _facet_values(self, searcher, name):
        """The values of facet `name` for every document number of the searcher, each segment decoded once."""
        combined, live = [], set()
        for leaf, _offset in searcher.reader().leaf_readers():
            key = (leaf.segment().segment_id(), name)
            live.add(key)
            if key not in self._facet_cache:
                if leaf.has_column(name):
                    column = leaf.column_reader(name, translate=False)
                    self._facet_cache[key] = [tuple(part.decode("utf-8") for part in column[docnum])
                                              for docnum in range(leaf.doc_count_all())]
                else:
                    self._facet_cache[key] = [()] * leaf.doc_count_all()
            combined.extend(self._facet_cache[key])
        for stale in [key for key in self._facet_cache if key[1] == name and key not in live]:
            del self._facet_cache[stale]
        return combined

    # Highlighting with the archive's analyzer.

    def _process_results(self, raw_page, highlight=False, query_string="", spelling_query=None,
                         result_class=None, facet_types=None):
        processed = super()._process_results(
            raw_page, highlight=False, query_string=query_string, spelling_query=spelling_query,
            result_class=result_class, facet_types=facet_types)
        if highlight:
            terms = self.content_terms(query_string)
            for result in processed["results"]:
                text = unsegment(getattr(result, self.content_field_name, ""))
                result.highlighted = {self.content_field_name: [highlight_html(text, terms)]}
        return processed

    def content_terms(self, query_string):
        """The analysed terms of the content field a parsed query looks for (what highlighting marks)."""
        if not self.setup_complete:
            self.setup()
        parsed = self.parser.parse(query_string)
        if parsed is None:
            return set()
        return {
            text.decode("utf-8") if isinstance(text, bytes) else text
            for fieldname, text in parsed.iter_all_terms()
            if fieldname == self.content_field_name
        }


class MultilingualWhooshEngine(WhooshEngine):
    backend = MultilingualWhooshBackend
    query = WhooshSearchQuery
