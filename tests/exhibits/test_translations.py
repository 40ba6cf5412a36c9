"""Thai, Burmese, Khmer and Lao interface text is complete, and the committed .mo files are compiled from the .po files."""

import gettext
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["th", "my", "km", "lo"]


def msgfmt(*args):
    return subprocess.run(["msgfmt", *args], capture_output=True, text=True, timeout=60, check=True)


def translated_msgids(po_file, tmp_path):
    """The msgids (singular, for plurals) that have a translation in po_file."""
    mo_file = tmp_path / f"{abs(hash(str(po_file)))}.mo"
    msgfmt("-o", str(mo_file), str(po_file))
    with mo_file.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {key[0] if isinstance(key, tuple) else key for key in catalog} - {""}


def assert_complete(po_file, reference, tmp_path):
    report = msgfmt("--check", "--statistics", "-o", "/dev/null", str(po_file))
    assert "untranslated" not in report.stderr and "fuzzy" not in report.stderr, report.stderr
    missing = reference - translated_msgids(po_file, tmp_path)
    assert not missing, f"{po_file} has no translation for: {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_interface_is_fully_translated(language, tmp_path):
    """Every string translated into Thai is translated, and no translation is left untranslated or fuzzy."""
    reference = translated_msgids(LOCALE / "th/LC_MESSAGES/django.po", tmp_path)
    assert len(reference) > 100
    assert_complete(LOCALE / language / "LC_MESSAGES/django.po", reference, tmp_path)


@pytest.mark.parametrize("language", ["km", "lo"])
def test_khmer_and_lao_have_one_plural_form(language):
    header = (LOCALE / language / "LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header


@pytest.mark.parametrize("how", ["untranslated", "fuzzy", "missing"])
def test_an_incomplete_catalogue_fails(how, tmp_path):
    text = (LOCALE / "km/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entry = 'msgid "Interview index"\nmsgstr "លិបិក្រមបទសម្ភាសន៍"\n'
    assert entry in text
    text = text.replace(entry, {
        "untranslated": 'msgid "Interview index"\nmsgstr ""\n',
        "fuzzy": '#, fuzzy\n' + entry,
        "missing": "",
    }[how])
    (tmp_path / "km").mkdir()
    broken = tmp_path / "km/django.po"
    broken.write_text(text, encoding="utf-8")
    reference = translated_msgids(LOCALE / "th/LC_MESSAGES/django.po", tmp_path)
    with pytest.raises(AssertionError):
        assert_complete(broken, reference, tmp_path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_messages_match_their_sources(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    msgfmt("--check", "-o", str(tmp_path / "django.mo"), str(folder / "django.po"))
    assert (tmp_path / "django.mo").read_bytes() == (folder / "django.mo").read_bytes(), \
        f"run msgfmt for {language}: locale/{language}/LC_MESSAGES/django.mo is stale"
