"""One normal form for text in Thai, Lao, Khmer and Burmese, as it is typed by the people the archive serves.

The same word reaches the archive in several spellings of code points that look alike on screen: Thai typed with
a decomposed sara am (`ท` + `ํ` + `า` for `ทำ`), Khmer with its subscripts and vowels in another order, Burmese in
the Zawgyi font encoding (which reuses Unicode's code points for other letters), zero-width spaces inside words.
Search, sorting and deduplication see different words; a Zawgyi subtitle shows as garbled text. `normalise()`
brings such text to one form, and says what it changed so the code that received it can tell the curator.

What it does, in order:

- Unicode NFC.
- Zero-width space, word joiner and a stray byte-order mark between two letters of these four scripts are
  removed: the scripts are written without spaces and read with a dictionary, and one of these inside a word
  splits it for search. Elsewhere (emoji sequences, other scripts) they are left alone; ZWJ and ZWNJ always are.
- Burmese lines in Zawgyi are converted to Unicode with ICU's `Zawgyi-my` transliterator. A line is converted
  only when it is not well formed as Unicode Burmese (`ေ` or the medial `ျ` written before its consonant, a
  virama that stacks nothing or a consonant of another row, an asat followed by a vowel sign) and Google's
  detector (`myanmartools`) gives it a Zawgyi probability of at least ZAWGYI_CONVERT_AT. A line that is ill
  formed with a lower but real probability (ZAWGYI_UNSURE_AT) is left as typed and reported as unsure.
  Well-formed Unicode Burmese is never converted, whatever the detector says about a short word.
- Thai and Lao: nikhahit + sara aa becomes sara am (a tone mark typed around the nikhahit goes before it);
  two sara e become sara ae; Thai lakkhangyao `ๅ` becomes sara aa except after `ฤ` and `ฦ`, where it belongs;
  a vowel sign or tone mark typed twice in a row is kept once.
- Khmer: within each syllable, subscript consonants (coeng + consonant, with coeng ro last), then register
  shifters, then vowel signs, then other signs, as Unicode's Khmer chapter orders them; `េ` + `ី` and `េ` + `ា`
  become the vowels `ើ` and `ោ` they are drawn as; a sign typed twice in a row is kept once.

Text with nothing to change costs a normalisation check and one regular-expression scan.
"""

import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import icu

# A line is converted from Zawgyi at or above this probability, and reported as unsure at or above the second.
ZAWGYI_CONVERT_AT = 0.95
ZAWGYI_UNSURE_AT = 0.2

ZAWGYI = "zawgyi"
ZAWGYI_UNSURE = "zawgyi-unsure"
NFC = "nfc"
ZERO_WIDTH = "zero-width"
SARA_AM = "sara-am"
LOOKALIKE = "look-alike"
REPEATED_MARK = "repeated-mark"
KHMER_ORDER = "khmer-order"
# What each change means, in words for reports.
DESCRIPTIONS = {
    ZAWGYI: "Burmese in Zawgyi, converted to Unicode",
    ZAWGYI_UNSURE: "Burmese that may be Zawgyi, left as typed (check it by hand)",
    NFC: "not in Unicode NFC",
    ZERO_WIDTH: "zero-width characters inside words",
    SARA_AM: "sara am typed as nikhahit and sara aa",
    LOOKALIKE: "look-alike letters (two sara e, lakkhangyao)",
    REPEATED_MARK: "a vowel sign or tone mark typed twice",
    KHMER_ORDER: "Khmer subscripts or vowels out of order",
}

# Each check is one character class (the characters a problem can start with) followed by conditions on that
# character's neighbours, so that a search skips everything else at the speed of a plain scan: text with nothing
# to change costs little more than reading it once.
_SCRIPTS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f"
_ZERO_WIDTH_CHARS = "\u200b\u2060\ufeff"
_ZERO_WIDTH = f"[{_ZERO_WIDTH_CHARS}]+(?=[{_SCRIPTS}])"  # and a letter of these scripts before it
_SCRIPT_LETTER = re.compile(f"[{_SCRIPTS}]")

# Burmese: what cannot stand in well-formed Unicode but is how Zawgyi is written.
_MY_CONSONANT = "\u1000-\u102a\u103f\u104c-\u104f\u1050-\u1055\u105a-\u105d\u1061\u1065\u1066\u106e-\u1070" \
                "\u1075-\u1081\u108e\ua9e0-\ua9e4\ua9e7-\ua9ef\ua9fa-\ua9fe\uaa60-\uaa6f\uaa71-\uaa76\uaa7a"
_MY_SIGN = "\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f" \
           "\u109a-\u109d\ua9e5\ua9e6\uaa7b-\uaa7d"
# Unicode stacks a consonant under another of its own row (န္တ, မ္ဘ) or under itself (လ္လ); Zawgyi's asat
# (U+1039) is followed by whatever consonant starts the next syllable.
_MY_ROWS = ("\u1000-\u1004", "\u1005-\u100a", "\u100b-\u100f", "\u1010-\u1014", "\u1015-\u1019")
_MY_ODD_STACK = "|".join(
    [f"(?<=[{row}].)(?![{row}])" for row in _MY_ROWS] + [f"(?<={c}.)(?!{c})" for c in map(chr, range(0x101A, 0x1022))]
)
# Where Zawgyi shows: each check starts at one of four signs, so other text is skipped at the speed of a scan.
_ZAWGYI_CONDITIONS = (
    "(?:"
    f"(?<=\u1031)(?<![{_MY_CONSONANT}\u103b-\u103e].)"  # e written before its consonant
    f"|(?<=\u103b)(?<![{_MY_CONSONANT}].)"  # Zawgyi's ya-yit, also written before its consonant
    f"|(?<=\u1039)(?:(?![{_MY_CONSONANT}])|(?=[\u1000-\u1021])(?:{_MY_ODD_STACK}))"  # Zawgyi's asat: a virama
    "|(?<=\u103a)[\u102b-\u102e\u1030\u1031\u1032\u103b-\u103e])"  # Zawgyi's medial ya, in Unicode the asat
)
_ZAWGYI_SHAPES = "[\u1031\u103b\u1039\u103a]" + _ZAWGYI_CONDITIONS

_SARA_AM = "\u0e4d[\u0e48-\u0e4b]?\u0e32|[\u0e48-\u0e4b]\u0e4d\u0e32|\u0ecd[\u0ec8-\u0ecb]?\u0eb2|[\u0ec8-\u0ecb]\u0ecd\u0eb2"
_LOOKALIKE = "\u0e40\u0e40|\u0ec0\u0ec0|\u0e45(?<![\u0e24\u0e26].)"
_THAI_LAO_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
_REPEATED = f"([{_THAI_LAO_MARKS}])\\1"
_THAI_LAO_CONDITIONS = "(?<=[\u0e4d\u0ecd\u0e45])|(?<=\u0e40)\u0e40|(?<=\u0ec0)\u0ec0"

_K_BASE = "\u1780-\u17b3"
_K_SUBSCRIPT = f"\u17d2[{_K_BASE}]"
_K_SHIFTER = "\u17c9\u17ca"
_K_VOWEL = "\u17b6-\u17c5"
_K_SIGN = "\u17c6-\u17c8\u17cb\u17cd-\u17d1\u17d3\u17dd"
_K_MARK = f"{_K_SHIFTER}{_K_VOWEL}{_K_SIGN}"
# Conditions on a Khmer sign or coeng just read; in order, the next character is nearly always a letter.
_KHMER_CONDITIONS = (
    f"(?=[{_K_MARK}\u17d2\u179a])(?:(?<=[{_K_MARK}])\u17d2|(?<=[{_K_VOWEL}{_K_SIGN}])[{_K_SHIFTER}]"
    f"|(?<=[{_K_SIGN}])[{_K_VOWEL}]|(?<=\u17d2)\u179a\u17d2|(?<=\u17c1)[\u17b6\u17b8]|(?<=([{_K_MARK}]))\\1)"
)
_KHMER_DISORDER = f"[{_K_MARK}\u17d2]" + _KHMER_CONDITIONS
_KHMER_SYLLABLE = re.compile(f"[{_K_BASE}](?:{_K_SUBSCRIPT}|[{_K_SHIFTER}{_K_VOWEL}{_K_SIGN}])+")
_KHMER_PART = re.compile(f"{_K_SUBSCRIPT}|.", re.DOTALL)
_KHMER_COMPOSITES = {"\u17c1\u17b8": "\u17be", "\u17c1\u17b6": "\u17c4"}

_THAI_LAO_CHECK = f"(?:{_THAI_LAO_CONDITIONS}|(?<=([{_THAI_LAO_MARKS}]))\\1)"
_THAI_LAO_RE = re.compile(f"[\u0e40\u0e45{_THAI_LAO_MARKS}\u0ec0]{_THAI_LAO_CHECK}")
# All of the checks in one scan, each guarded by the script of the character it starts at.
_SUSPECT = re.compile(
    f"[{_ZERO_WIDTH_CHARS}\u1031\u103b\u1039\u103a\u0e40\u0e45\u0ec0{_THAI_LAO_MARKS}{_K_MARK}\u17d2]"
    f"(?:(?<=[\u0e00-\u0eff]){_THAI_LAO_CHECK}"
    f"|(?<=[\u1780-\u17ff])" + _KHMER_CONDITIONS.replace("\\1", "\\2")
    + f"|(?<=[\u1000-\u109f]){_ZAWGYI_CONDITIONS}"
    f"|(?<=[{_ZERO_WIDTH_CHARS}]))"
)
_ZERO_WIDTH_RE = re.compile(_ZERO_WIDTH)
_ZAWGYI_RE = re.compile(_ZAWGYI_SHAPES)
_SARA_AM_RE = re.compile(_SARA_AM)
_LOOKALIKE_RE = re.compile(_LOOKALIKE)
_REPEATED_RE = re.compile(_REPEATED)
_KHMER_DISORDER_RE = re.compile(_KHMER_DISORDER)
_MYANMAR_RUN = re.compile(f"[{_MY_CONSONANT}{_MY_SIGN}\u1040-\u104b\u108e-\u109f\u200b\u200c\u200d]+")
_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class Normalised:
    """The normalised text; what was changed (NFC, ZAWGYI, ...); the lines (from 1) converted from Zawgyi and the
    lines that may be Zawgyi but were left as typed."""

    text: str
    changes: frozenset = frozenset()
    zawgyi_lines: tuple = ()
    unsure_lines: tuple = ()

    @property
    def changed(self):
        return bool(self.changes)


@dataclass
class _Work:
    """Text being normalised, with the span of the original each of its characters came from (for highlighting
    the words of stored text that a normalised query matches)."""

    text: str
    starts: list = None
    ends: list = None
    changes: set = field(default_factory=set)

    def substitute(self, pattern, replace, change):
        """Replace each match of `pattern` with `replace(match)`; a replacement's characters map to the span of
        the original that the whole match came from."""
        pieces, starts, ends, at, changed = [], [], [], 0, False
        track = self.starts is not None
        for match in pattern.finditer(self.text):
            new = replace(match)
            if new == match.group():
                continue
            a, b = match.span()
            pieces.append(self.text[at:a])
            pieces.append(new)
            if track:
                starts += self.starts[at:a]
                ends += self.ends[at:a]
                starts += [self.starts[a] if a < b else self.starts[a - 1]] * len(new)
                ends += [self.ends[b - 1] if a < b else self.ends[a - 1]] * len(new)
            at, changed = b, True
        if not changed:
            return
        pieces.append(self.text[at:])
        if track:
            self.starts = starts + self.starts[at:]
            self.ends = ends + self.ends[at:]
        self.text = "".join(pieces)
        self.changes.add(change)


def normalise(text, *, zawgyi=True):
    """`text` in the archive's normal form, as a Normalised (text, changes, Zawgyi lines)."""
    work = _normalise(text or "", zawgyi=zawgyi, offsets=False)
    return work if isinstance(work, Normalised) else work[0]


def normalise_with_offsets(text):
    """(normalised text, starts, ends): for each character of the normalised text, the span of `text` it came
    from; (text, None, None) when nothing changes."""
    if not needs_normalising(text):
        return text, None, None
    result = _normalise(text, zawgyi=True, offsets=True)
    if isinstance(result, Normalised):
        return text, None, None
    normalised, work = result
    return normalised.text, work.starts, work.ends


def needs_normalising(text):
    """False when normalise() has nothing to do with `text` (cheap); True when it should have a closer look."""
    if not text or text.isascii():
        return False
    return not unicodedata.is_normalized("NFC", text) or _SUSPECT.search(text) is not None


def _normalise(text, *, zawgyi, offsets):
    if not needs_normalising(text):
        return Normalised(text)
    work = _Work(text)
    if offsets:
        work.starts, work.ends = list(range(len(text))), list(range(1, len(text) + 1))
    if not unicodedata.is_normalized("NFC", text):
        work.substitute(_CLUSTER, lambda m: unicodedata.normalize("NFC", m.group()), NFC)
    work.substitute(_ZERO_WIDTH_RE, _zero_width, ZERO_WIDTH)
    zawgyi_lines, unsure_lines = (), ()
    if zawgyi and _ZAWGYI_RE.search(work.text):
        zawgyi_lines, unsure_lines = _convert_zawgyi(work)
    if _THAI_LAO_RE.search(work.text):
        work.substitute(_SARA_AM_RE, _sara_am, SARA_AM)
        work.substitute(_LOOKALIKE_RE, _lookalike, LOOKALIKE)
        work.substitute(_REPEATED_RE, lambda m: m.group(1), REPEATED_MARK)
    if _KHMER_DISORDER_RE.search(work.text):
        work.substitute(_KHMER_SYLLABLE, _khmer_syllable, KHMER_ORDER)
    if unsure_lines:
        work.changes.add(ZAWGYI_UNSURE)
    result = Normalised(work.text, frozenset(work.changes), zawgyi_lines, unsure_lines)
    return (result, work) if offsets else result


# A base character and the combining marks after it: the unit NFC composes or reorders.
_CLUSTER = re.compile(r"[^\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]?"
                      r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+|"
                      r"[^\x00-\u02ff]+")


@lru_cache(maxsize=1)
def _zawgyi_detector():
    from myanmartools import ZawgyiDetector

    with warnings.catch_warnings():  # it loads its model with a deprecated importlib.resources call
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()


def _zawgyi_to_unicode(text):
    return icu.Transliterator.createInstance("Zawgyi-my").transliterate(text)


def zawgyi_probability(text):
    """Google's estimate that `text` is Zawgyi rather than Unicode Burmese (negative when it has no Burmese)."""
    return _zawgyi_detector().get_zawgyi_probability(text)


def _convert_zawgyi(work):
    """Convert the lines of work.text that are Zawgyi, one run of Burmese at a time so the rest of the line and
    its offsets stay as they are. Returns (converted line numbers, unsure line numbers)."""
    text, converted, unsure, starts = work.text, [], [], set()
    for number, line in enumerate(_LINE.finditer(text), start=1):
        if not _ZAWGYI_RE.search(line.group()):
            continue
        probability = zawgyi_probability(line.group())
        if probability >= ZAWGYI_CONVERT_AT:
            converted.append(number)
            starts.add(line.start())
        elif probability >= ZAWGYI_UNSURE_AT:
            unsure.append(number)

    def convert(run):
        in_converted_line = text.rfind("\n", 0, run.start()) + 1 in starts
        return _zawgyi_to_unicode(run.group()) if in_converted_line else run.group()

    if converted:
        work.substitute(_MYANMAR_RUN, convert, ZAWGYI)
    return tuple(converted), tuple(unsure)


def _zero_width(match):
    after_letter = match.start() and _SCRIPT_LETTER.match(match.string, match.start() - 1)
    return "" if after_letter else match.group()


def _sara_am(match):
    found = match.group()
    tones = "".join(char for char in found if char in "\u0e48\u0e49\u0e4a\u0e4b\u0ec8\u0ec9\u0eca\u0ecb")
    return tones + ("\u0e33" if found[-1] == "\u0e32" else "\u0eb3")


def _lookalike(match):
    found = match.group()
    return "\u0e32" if found == "\u0e45" else chr(ord(found[0]) + 1)


def _khmer_rank(part):
    if part.startswith("\u17d2"):
        return 1 if part != "\u17d2\u179a" else 2
    if part in _K_SHIFTER:
        return 3
    if "\u17b6" <= part <= "\u17c5":
        return 4
    return 5


def _khmer_syllable(match):
    syllable = match.group()
    parts = sorted(_KHMER_PART.findall(syllable[1:]), key=_khmer_rank)
    kept = []
    for part in parts:
        if kept and kept[-1] == part:
            continue
        composite = _KHMER_COMPOSITES.get(kept[-1] + part) if kept else None
        if composite:
            kept[-1] = composite
        else:
            kept.append(part)
    return syllable[0] + "".join(kept)
