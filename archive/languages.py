"""The languages the archive speaks, and the ISO 639-3 codes that describe what an item is in.

Interface and catalogue text come in five languages, listed once in `LANGUAGES`; everything else that names
them (settings.LANGUAGES, the language links, transcript labels, search facets, the catalogue's field suffixes,
the `lang` attributes of transcripts) reads this table. An item's own content may be in any language of the world
(Shan, Karen, Mon...), recorded as ISO 639-3 codes.
"""

import gettext as gnu_gettext
from dataclasses import dataclass
from functools import lru_cache

import icu
import pycountry
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, gettext_noop


@dataclass(frozen=True)
class TextLanguage:
    """One language of the interface and of catalogue text."""

    code: str  # in URLs (/th/...) and catalogue field suffixes (title_th); "" suffix for English
    iso639_3: str  # how an item, a transcript or a search facet names it
    own_name: str  # named in itself, as its readers look for it
    english_name: str  # msgid of its translated name, and the suffix of admin labels ("title (Thai)")
    html_lang: str  # the value of a `lang` attribute on text in it
    script: str  # ISO 15924, the script its text is written in

    @property
    def name(self) -> Promise:
        """Its name in the visitor's language: "Thai" in English, "ไทย" in Thai."""
        return gettext_lazy(self.english_name)


LANGUAGES: tuple[TextLanguage, ...] = (
    TextLanguage("en", "eng", "English", gettext_noop("English"), "en", "Latn"),
    TextLanguage("th", "tha", "ไทย", gettext_noop("Thai"), "th", "Thai"),
    TextLanguage("my", "mya", "မြန်မာ", gettext_noop("Burmese"), "my", "Mymr"),
    TextLanguage("km", "khm", "ខ្មែរ", gettext_noop("Khmer"), "km", "Khmr"),
    TextLanguage("lo", "lao", "ລາວ", gettext_noop("Lao"), "lo", "Laoo"),
)

_BY_CODE = {language.code: language for language in LANGUAGES}
_BY_ISO639_3 = {language.iso639_3: language for language in LANGUAGES}

# The codes alone, in the table's order: English first, then as the language links list them.
TEXT_LANGUAGES: tuple[str, ...] = tuple(_BY_CODE)


def language_for_code(code: str) -> TextLanguage:
    """The archive language with this interface code ("th"); KeyError for any other."""
    return _BY_CODE[code]


def language_for_iso639_3(code: str) -> TextLanguage | None:
    """The archive language an ISO 639-3 code ("tha") names, or None for the world's other languages."""
    return _BY_ISO639_3.get(code)


def field_name(base: str, language: str) -> str:
    """`title` in English, `title_th` in Thai, and so on."""
    return base if language == "en" else f"{base}_{language}"


def field_names(base: str) -> list[str]:
    """The five fields of one catalogue text: `title`, `title_th`, `title_my`, `title_km`, `title_lo`."""
    return [field_name(base, code) for code in TEXT_LANGUAGES]


def texts_in_every_language(record, base: str) -> list[str]:
    """The texts of `record`'s field `base` in the archive's languages, in their order ("" where one is empty)."""
    return [getattr(record, field_name(base, code), "") for code in TEXT_LANGUAGES]


def translated(instance, base, language=None, fallback=None):
    """Text of `base` in the visitor's language, else the record's original language, else English, else any."""
    wanted = text_language(language)
    order = [wanted, fallback or "en", "en", *TEXT_LANGUAGES]
    for code in order:
        value = getattr(instance, field_name(base, code), "")
        if value:
            return value
    return ""


def text_language(language: str | None = None) -> str:
    """The catalogue language for an interface language code such as "th" or "en-us"."""
    code = (language or get_language() or "en").split("-")[0].lower()
    return code if code in _BY_CODE else "en"


@lru_cache(maxsize=4096)
def iso639_3_name(code: object) -> str | None:
    """The English name of an ISO 639-3 code, or None when the code is not one.

    ISO 639-5 collective codes are accepted too: "kar" (Karen languages) is how many records name Karen when the
    exact language (S'gaw, Pwo...) is not known.
    """
    if not isinstance(code, str) or len(code) != 3 or not code.isascii() or not code.isalpha():
        return None
    code = code.lower()
    language = pycountry.languages.get(alpha_3=code) or pycountry.language_families.get(alpha_3=code)
    return language.name if language else None


# Languages of the region that neither ICU nor pycountry names in all five languages: their translations live in
# the archive's own catalogues, under their ISO 639-3 names.
REGIONAL_LANGUAGE_NAMES = (gettext_noop("Karen languages"), gettext_noop("S'gaw Karen"), gettext_noop("Mon"),
                           gettext_noop("Pwo Western Karen"), gettext_noop("Pwo Eastern Karen"),
                           gettext_noop("Pa'o Karen"))


@lru_cache(maxsize=4096)
def _language_name(code: str, language: str) -> str:
    archive_language = language_for_iso639_3(code)
    if archive_language:
        with translation.override(language):
            return str(archive_language.name)
    english = iso639_3_name(code) or code
    # ICU (CLDR) names the world's larger languages in each of ours; it echoes the code for the others.
    named = icu.Locale(code).getDisplayLanguage(icu.Locale(language))
    if named and named.lower() != code.lower():
        return named
    try:  # pycountry's own catalogues (Thai and Lao among ours)
        catalogue = gnu_gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language])
        named = catalogue.gettext(english)
        if named != english:
            return named
    except OSError:
        pass
    with translation.override(language):
        return translation.gettext(english)


def language_name(code: str, language: str | None = None) -> str:
    """The name of the ISO 639-3 language `code` in the reader's `language` (else the page's): "ไทใหญ่" for Shan
    on a Thai page; its English name where no catalogue names it, and the code itself when it is not one."""
    return _language_name((code or "").lower(), text_language(language))
