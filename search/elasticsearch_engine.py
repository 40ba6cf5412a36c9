"""Elasticsearch 7 / OpenSearch for the archive, for a museum that runs a cluster. NOT tested: no server runs in
CI or on the development machine (see docs/search.md for what is and is not tested).

Text arrives already segmented into words (search.analysis), so the index needs no analysis plugin: free text is
split at spaces (the thin space between words of unspaced scripts included), other separators and punctuation,
lowercased and, for Latin-script words, stemmed. Settings: HAYSTACK_URL, HAYSTACK_ENGINE =
"search.elasticsearch_engine.ArchiveElasticsearchEngine", HAYSTACK_INDEX_NAME; requires the `elasticsearch`
client, 7.13.x (before the product check, so it talks to OpenSearch too), which requirements.txt does not pin.
"""

import copy

from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchEngine

WORDS_ANALYZER = {
    "type": "custom",
    # Any run of spaces (U+2009 among them), other separators and punctuation ends a word.
    "tokenizer": "archive_words",
    "filter": ["lowercase", "porter_stem"],
}
WORDS_TOKENIZER = {"type": "pattern", "pattern": "[\\s\\p{Z}\\p{P}]+"}


def _settings():
    settings = copy.deepcopy(Elasticsearch7SearchBackend.DEFAULT_SETTINGS)
    analysis = settings["settings"]["analysis"]
    analysis["analyzer"]["archive_words"] = WORDS_ANALYZER
    analysis.setdefault("tokenizer", {})["archive_words"] = WORDS_TOKENIZER
    return settings


class ArchiveElasticsearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = _settings()
    DEFAULT_FIELD_MAPPING = {"type": "text", "analyzer": "archive_words"}  # noqa: RUF012 (haystack's own attribute)


class ArchiveElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = ArchiveElasticsearchBackend
