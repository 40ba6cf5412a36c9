"""The languages the archive speaks, and the ISO 639-3 codes that describe what an item is in.

Interface and catalogue text come in five languages; an item's own content may be in any language of the world
(Shan, Karen, Mon...), recorded as ISO 639-3 codes.
"""

from functools import lru_cache

import pycountry
from django.utils.translation import get_language

# Code of the interface language -> suffix of the catalogue field that holds text in it ("" for English).
TEXT_LANGUAGES = ("en", "th", "my", "km", "lo")
ISO639_3_OF = {"en": "eng", "th": "tha", "my": "mya", "km": "khm", "lo": "lao"}


def field_name(base, language):
    """`title` in English, `title_th` in Thai, and so on."""
    return base if language == "en" else f"{base}_{language}"


def field_names(base):
    return [field_name(base, code) for code in TEXT_LANGUAGES]


def text_language(language=None):
    """The catalogue language for an interface language code such as "th" or "en-us"."""
    code = (language or get_language() or "en").split("-")[0].lower()
    return code if code in TEXT_LANGUAGES else "en"


@lru_cache(maxsize=4096)
def iso639_3_name(code):
    """The English name of an ISO 639-3 code, or None when the code is not one.

    ISO 639-5 collective codes are accepted too: "kar" (Karen languages) is how many records name Karen when the
    exact language (S'gaw, Pwo...) is not known.
    """
    if not isinstance(code, str) or len(code) != 3 or not code.isascii() or not code.isalpha():
        return None
    code = code.lower()
    language = pycountry.languages.get(alpha_3=code) or pycountry.language_families.get(alpha_3=code)
    return language.name if language else None
