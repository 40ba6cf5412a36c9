"""A kit's own texts as its page shows them: in the page's language, or in two languages side by side.

Each text is a list of columns, one per language shown, each with the `lang` of what it actually holds: a kit not
written in the page's language shows its own language there, marked as such, so each script is shaped and set in
its own font.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from archive.languages import TEXT_LANGUAGES, field_name, language_for_code

from .models import Kit

# The guiding questions, in the order a class meets them: (field base, heading).
QUESTIONS = (
    ("questions_observe", _("Observe")),
    ("questions_reflect", _("Reflect")),
    ("questions_question", _("Question")),
)


@dataclass
class Column:
    language: str  # the code of the language the text is in ("th"), for its lang attribute
    text: str = ""

    @property
    def lines(self):
        return [line.strip() for line in self.text.splitlines() if line.strip()]


@dataclass
class KitText:
    base: str
    columns: list[Column] = field(default_factory=list)

    def __bool__(self):
        return any(column.text for column in self.columns)


def shown_in(kit: Kit, base: str, language: str) -> Column:
    """The text in `language`, else in the kit's own language, else in English, else any: with its language."""
    for code in (language, kit.original_language, "en", *TEXT_LANGUAGES):
        value = getattr(kit, field_name(base, code), "")
        if value:
            return Column(language=code, text=value)
    return Column(language=language)


def kit_text(kit: Kit, base: str, language: str, beside: str | None) -> KitText:
    columns = [shown_in(kit, base, language)]
    if beside:
        columns.append(Column(language=beside, text=kit.text_exactly_in(base, beside)))
    return KitText(base=base, columns=columns)


def second_language(value, *, kit: Kit, language: str) -> str | None:
    """The language a visitor asked to read beside the page's (?with=en): one the kit is written in, other than
    the page's own. Anything else (unknown, malformed, the page's language) shows one language."""
    if not isinstance(value, str) or value not in TEXT_LANGUAGES or value == language:
        return None
    return value if value in kit.languages() else None


def language_choices(kit: Kit, language: str):
    """[(code, name in itself)] of the languages a reader may put beside the page's."""
    return [(code, language_for_code(code).own_name) for code in kit.languages() if code != language]
