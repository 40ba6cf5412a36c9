"""How the archive's text becomes search terms, in five languages.

Thai, Lao, Khmer and Burmese are written without spaces between words. Splitting them at every letter-class
change (Whoosh's default) breaks words apart and finds nothing useful; splitting into overlapping pairs of letters
finds words that are not there. ICU's dictionary-based word break finds the words themselves, and the same
analyzer runs when indexing, when parsing a query and when highlighting, so a query term is always one of the
words the index holds.

Text is first brought to the archive's normal form (archive/normalise.py: sara am, Khmer order, Zawgyi Burmese
converted, zero-width spaces inside words dropped), so a query finds a word however either side typed it; the
offsets of each word still point into the text as stored, so highlighting marks what the visitor sees.

Latin-script words are lowercased, English stop words dropped and stemmed (a search for "fishing" finds "fish").
Punctuation and spaces are never terms.

Segmentation happens once, here, before any engine sees the text, so engines that split text at spaces (Xapian,
Elasticsearch's whitespace tokeniser) find a word inside unspaced text too:

- `segment_text(text)`: a document's text, normalised, with WORD_SEPARATOR between words ICU finds side by side. Every
  free-text field of every index is prepared this way (search.upkeep.FingerprintedIndex); `unsegment(text)`
  takes the separators out again before a snippet is shown, and highlighting runs on that text as stored.
- `segment_query(q)`: a visitor's query, each word that ICU splits into several words becomes a quoted phrase of
  them ("แรงงานข้ามชาติ" becomes "แรงงาน ข้าม ชาติ"), so it matches those words in a row and never their letters
  elsewhere.

For other apps' search indexes:

- `MultilingualTextField` (a haystack CharField) is the field to use for any free text in these languages:
  the archive's search backend builds it with this analyzer, stored, so hits can be highlighted.
- `multilingual_analyzer()` is the analyzer itself; `query_terms(text)` the terms a query text becomes;
  `highlight_html(text, terms)` the snippet of `text` around those terms, HTML-escaped, terms in `<mark>`;
  `MultilingualHighlighter` the same for haystack's `{% highlight %}` tag.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import icu
from django.utils.html import escape
from django.utils.safestring import mark_safe
from haystack import indexes
from whoosh.analysis import Composable, Filter, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.highlight import ContextFragmenter, Formatter, WholeFragmenter
from whoosh.highlight import highlight as whoosh_highlight
from whoosh.lang.porter import stem

from archive.normalise import normalise, normalise_with_offsets

# Zero-width space and the BOM used as one: Burmese text often carries them between syllables or words, which
# would make ICU break a word it knows ("ရေလုပ်သား") into pieces. Words are found as if they were absent.
INVISIBLE_SEPARATORS = frozenset("\u200b\ufeff")
# ICU's rule status for a segment that is a number, a word of letters, kana or ideographs (not space or punctuation).
_WORD_STATUSES = range(100, 500)
# Put between words that meet without a space: a thin space, whitespace to every engine's tokeniser and hardly
# ever typed in a record. Taken out again before text is shown.
WORD_SEPARATOR = "\u2009"
_QUERY_PART = re.compile(r'"[^"]+"|\S+')
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_SPACE = re.compile(r"\s")
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE_SEPARATORS)) + "]")
_LATIN_WORD = re.compile(r"^[0-9a-z\u00c0-\u024f\u1e00-\u1eff'’]+$")

_local = threading.local()


def _word_breaker():
    """ICU break iterators are not thread-safe: one per thread."""
    breaker = getattr(_local, "breaker", None)
    if breaker is None:
        breaker = _local.breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return breaker


def words(text):
    """(start, end) character offsets in `text` of each word ICU finds, skipping spaces and punctuation."""
    if _INVISIBLE.search(text) is None:
        cleaned, offsets = text, None
    else:
        offsets = [i for i, char in enumerate(text) if char not in INVISIBLE_SEPARATORS]
        cleaned = "".join(text[i] for i in offsets)
        offsets.append(len(text))
    if not cleaned:
        return
    breaker = _word_breaker()
    breaker.setText(cleaned)
    # ICU counts UTF-16 code units; Python counts code points. They differ only beyond the BMP (emoji...).
    astral = _ASTRAL.search(cleaned) is not None
    utf16_to_index = _utf16_offsets(cleaned) if astral else None
    start = breaker.first()
    for end in breaker:
        if breaker.getRuleStatus() in _WORD_STATUSES:
            a, b = (utf16_to_index[start], utf16_to_index[end]) if astral else (start, end)
            if offsets is not None:
                a, b = offsets[a], offsets[b - 1] + 1
            yield a, b
        start = end


def segment_text(text):
    """`text` in the archive's normal form (so text stored before normalisation existed, Zawgyi Burmese among it,
    is found too) with WORD_SEPARATOR wherever two words meet without a space (zero-width spaces dropped): every
    engine's tokeniser then finds the words of Thai, Burmese, Khmer and Lao text."""
    if not text:
        return text or ""
    text = normalise(text).text
    if _INVISIBLE.search(text) is not None:
        return _visible(_segment(text))
    return _segment(text)


def _segment(text):
    parts, previous = [], 0
    for start, end in words(text):
        gap = text[previous:start]
        parts.append(gap)
        if previous and (not gap or (gap != " " and _SPACE.search(gap) is None)):
            parts.append(WORD_SEPARATOR)
        parts.append(text[start:end])
        previous = end
    parts.append(text[previous:])
    return "".join(parts)


def unsegment(text):
    """The text a visitor sees: `segment_text` output without its separators."""
    return (text or "").replace(WORD_SEPARATOR, "")


def segment_query(query):
    """A query text for any engine: quoted phrases and words as typed, but a word that ICU splits into several
    (unspaced Thai, Burmese, Khmer, Lao) becomes a quoted phrase of those words."""
    normalised = normalise(query or "").text
    parts = []
    for match in _QUERY_PART.finditer(normalised):
        part = match.group(0)
        if part.startswith('"'):
            inner = part.strip('"')
            parts.append(f'"{" ".join(inner[a:b] for a, b in words(inner))}"')
            continue
        found = [_visible(part[a:b]) for a, b in words(part)]
        parts.append(f'"{" ".join(found)}"' if len(found) > 1 and not part.startswith("-") else part)
    return " ".join(parts)


def _visible(text):
    if INVISIBLE_SEPARATORS.isdisjoint(text):
        return text
    return "".join(char for char in text if char not in INVISIBLE_SEPARATORS)


def _utf16_offsets(text):
    mapping, unit = {0: 0}, 0
    for index, char in enumerate(text, start=1):
        unit += 2 if ord(char) > 0xFFFF else 1
        mapping[unit] = index
    return mapping


class ICUWordTokenizer(Tokenizer):
    """Tokens for the words of any script, found by ICU's word break iterator."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
                 start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        # Words are found in the normal form (a decomposed sara am, Zawgyi...), their offsets in `value`.
        text, starts, ends = normalise_with_offsets(value)
        spans = words(text) if tokenize else [(0, len(text))]
        for pos, (start, end) in enumerate(spans):
            token.text = _normalise(text[start:end])
            if starts is not None:
                start, end = starts[start], ends[end - 1]
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def _normalise(word):
    if not INVISIBLE_SEPARATORS.isdisjoint(word):
        word = "".join(char for char in word if char not in INVISIBLE_SEPARATORS)
    return unicodedata.normalize("NFKC", word).lower()


class LatinWordFilter(Filter):
    """English stop words and stemming, for Latin-script words only; other scripts' words pass untouched."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        pos_shift = 0
        for token in tokens:
            if _LATIN_WORD.match(token.text):
                if len(token.text) < 2 or token.text in STOP_WORDS:
                    if token.removestops:
                        pos_shift += 1
                        continue
                    token.stopped = True
                    yield token
                    continue
                token.text = _stem(token.text)
            token.stopped = False
            if pos_shift and token.positions:
                token.pos -= pos_shift
            yield token


@lru_cache(maxsize=50000)
def _stem(word):
    return stem(word)


@lru_cache(maxsize=1)
def multilingual_analyzer():
    """The analyzer for every free-text field of the archive's search index."""
    analyzer = ICUWordTokenizer() | LatinWordFilter()
    assert isinstance(analyzer, Composable)
    return analyzer


def query_terms(text):
    """The index terms a visitor's query text becomes, in order, without repeats."""
    seen = []
    for token in multilingual_analyzer()(text or ""):
        if token.text not in seen:
            seen.append(token.text)
    return seen


class MarkFormatter(Formatter):
    """Escaped text with matched words in bare <mark> elements: the only markup a snippet carries."""

    between = " … "

    def _text(self, text):
        return escape(text)

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(text[token.startchar:token.endchar])}</mark>"

    def format(self, fragments, replace=False):
        parts, previous_end = [], 0
        for fragment in sorted(fragments, key=lambda f: f.startchar):
            if fragment.startchar > previous_end or (not parts and fragment.startchar > 0):
                parts.append(self.between if parts else "… ")
            parts.append(self.format_fragment(fragment, replace=replace).strip())
            previous_end = fragment.endchar
        if parts and previous_end < len(fragments[0].text.rstrip()):
            parts.append(" …")
        return "".join(parts)


def _lines_that_may_match(text, terms):
    """The lines of a long document that contain the start of a term, a cheap first pass before the analyzer
    decides what really matches (a stem's first letters are those of the word: "famili" from "family")."""
    lines = text.splitlines()
    if len(lines) < 3:
        return text
    starts = {term[:4] for term in terms}
    kept = [line for line in lines
            if any(start in unicodedata.normalize("NFKC", normalise(line).text).lower() for start in starts)]
    return "\n".join(kept) or text


def highlight_html(text, terms, *, maxchars=200, surround=60, whole=False, top=2):
    """Safe HTML of `text` with the words that are `terms` marked.

    Returns the fragments of `text` around the matches (or, with whole=True, all of `text`); an empty string
    when nothing matches and whole is False.
    """
    text = text or ""
    terms = frozenset(terms)
    if not text or not terms:
        return mark_safe(escape(text)) if whole else mark_safe("")
    if not whole:
        text = _lines_that_may_match(text, terms)
    fragmenter = WholeFragmenter(charlimit=None) if whole else ContextFragmenter(
        maxchars=maxchars, surround=surround, charlimit=None)
    html = whoosh_highlight(text, terms, multilingual_analyzer(), fragmenter, MarkFormatter(), top=top)
    if whole and not html:
        html = escape(text)
    # Words of one unspaced phrase read as one highlight.
    return mark_safe(html.replace("</mark><mark>", ""))


class MultilingualHighlighter:
    """haystack's `{% highlight %}` template tag with this analyzer (settings.HAYSTACK_CUSTOM_HIGHLIGHTER =
    "search.analysis.MultilingualHighlighter"); haystack's own splits text at spaces."""

    def __init__(self, query, **kwargs):
        self.terms = query_terms(query)
        self.max_length = int(kwargs.get("max_length", 200))

    def highlight(self, text_block):
        return highlight_html(text_block, self.terms, maxchars=self.max_length)


class MultilingualTextField(indexes.CharField):
    """Free text in any of the archive's languages, segmented into words and stored for highlighting.

    Use it in any app's search_indexes.py: `text = MultilingualTextField(document=True, use_template=True)`,
    `transcript = MultilingualTextField(model_attr="text")`.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("analyzer", multilingual_analyzer())
        super().__init__(**kwargs)


def document_text(*groups) -> str:
    """A document's text from groups of texts (a record's title in every language, its subjects' names...): one
    line per text, empty ones left out."""
    return "\n".join(text for group in groups for text in group if text)
