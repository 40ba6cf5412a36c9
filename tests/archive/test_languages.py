"""The one table of the archive's languages, and everything that reads it."""

import unicodedata

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from archive.languages import (
    LANGUAGES,
    TEXT_LANGUAGES,
    field_names,
    iso639_3_name,
    language_for_code,
    language_for_iso639_3,
    text_language,
)
from archive.models import Item, Language
from oral_histories.item_texts import language_label
from oral_histories.models import Transcript
from tests.factories import make_oral_history, make_recording

# The word Unicode uses in the names of each ISO 15924 script's letters.
UNICODE_SCRIPT = {"Latn": "LATIN", "Thai": "THAI", "Mymr": "MYANMAR", "Khmr": "KHMER", "Laoo": "LAO"}


def test_the_table_lists_five_languages_with_english_first():
    assert TEXT_LANGUAGES == ("en", "th", "my", "km", "lo")
    assert [language.iso639_3 for language in LANGUAGES] == ["eng", "tha", "mya", "khm", "lao"]
    assert [language.script for language in LANGUAGES] == ["Latn", "Thai", "Mymr", "Khmr", "Laoo"]
    assert [language.html_lang for language in LANGUAGES] == ["en", "th", "my", "km", "lo"]
    assert language_for_code("my").own_name == "မြန်မာ"
    with pytest.raises(KeyError):
        language_for_code("fr")


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_each_language_is_named_in_its_own_script(language):
    letters = [char for char in language.own_name if unicodedata.category(char).startswith("L")]
    assert letters
    assert all(unicodedata.name(char).startswith(UNICODE_SCRIPT[language.script]) for char in letters)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_each_iso_639_3_code_is_a_real_one_and_leads_back(language):
    assert iso639_3_name(language.iso639_3)
    assert language_for_iso639_3(language.iso639_3) is language


def test_languages_of_the_world_are_not_archive_languages():
    assert language_for_iso639_3("shn") is None
    assert iso639_3_name("shn") == "Shan"


def test_the_translated_name_follows_the_visitor():
    lao = language_for_code("lo")
    with translation.override("th"):
        assert str(lao.name) == "ลาว"
    with translation.override("my"):
        assert str(lao.name) == "လာအို"
    with translation.override("en"):
        assert str(lao.name) == "Lao"


def test_settings_languages_agree_with_the_table():
    """Django routes /th/, /my/... by settings.LANGUAGES: the same codes, in the same order, with the same names."""
    assert [code for code, _name in settings.LANGUAGES] == list(TEXT_LANGUAGES)
    assert settings.LANGUAGE_CODE in TEXT_LANGUAGES
    for interface in TEXT_LANGUAGES:
        with translation.override(interface):
            assert [str(name) for _code, name in settings.LANGUAGES] == [str(lang.name) for lang in LANGUAGES]
    # Django has no entry of its own for Lao; the admin's language menu names it from the table.
    assert get_language_info("lo")["name_local"] == "ລາວ"


def test_interface_codes_become_catalogue_languages():
    assert text_language("en-us") == "en"
    assert text_language("lo") == "lo"
    assert text_language("fr") == "en"
    with translation.override("km"):
        assert text_language() == "km"


def _multilingual_fields():
    """(model, base) for every catalogue text that has a Thai field: `title_th` means the text `title`."""
    for model in apps.get_models():
        if model._meta.app_label not in ("archive", "exhibits", "oral_histories"):
            continue
        for field in model._meta.concrete_fields:
            if field.name.endswith("_th"):
                yield model, field.name.removesuffix("_th")


def test_every_catalogue_text_has_one_field_per_language():
    texts = list(_multilingual_fields())
    assert {(model.__name__, base) for model, base in texts} >= {
        ("Item", "title"), ("Item", "description"), ("Place", "name"), ("Exhibit", "summary"), ("Block", "body"),
        ("BlockItem", "caption"), ("Segment", "keywords"),
    }
    for model, base in texts:
        fields = [model._meta.get_field(name) for name in field_names(base)]
        assert len({type(field) for field in fields}) == 1, (model, base)
        assert all(field.blank for field in fields[1:]), (model, base)
        for field, language in zip(fields[1:], LANGUAGES[1:], strict=True):
            # Each is declared for the language its name says ("name (th)" is how places' fields always were).
            assert str(field.verbose_name).endswith((f"({language.english_name})", f"({language.code})")), field


def test_catalogue_fields_are_labelled_with_the_english_name_of_their_language():
    item_titles = [Item._meta.get_field(name).verbose_name for name in field_names("title")]
    assert item_titles == ["title (English)", "title (Thai)", "title (Burmese)", "title (Khmer)", "title (Lao)"]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "html_lang", "label"), [("tha", "th", "ไทย"), ("mya", "my", "မြန်မာ"),
                                                         ("shn", "shn", "Shan")])
def test_a_transcript_is_tagged_and_named_from_the_table(code, html_lang, label):
    recording = make_recording(make_oral_history())
    transcript = Transcript.objects.create(recording=recording, language=Language.for_code(code))
    assert transcript.html_lang() == html_lang
    assert language_label(transcript) == label


@pytest.mark.django_db
def test_the_language_links_name_each_language_in_itself(client):
    html = client.get("/km/").content.decode()
    for language in LANGUAGES:
        assert f'lang="{language.code}" hreflang="{language.code}"' in html
        assert f">{language.own_name}</a>" in html
