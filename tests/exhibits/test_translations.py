"""Thai, Burmese, Khmer and Lao interface text is complete, and the committed .mo files are compiled from the .po files.

Complete means: every string `makemessages` finds in the source (Python, templates) has a translation in each
catalogue. The test runs makemessages on a copy of the source into a temporary folder, so it sees every string
as merged, whoever added it, and never rewrites the real catalogues.
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

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


# Folders of the worktree that hold no interface text makemessages should see (tests hold sample strings).
NOT_SOURCE = (".venv", "node_modules", "var", ".git", "locale", "tests", "bench", "docs", "static", "media",
              "__pycache__", "*.pyc")


def po_msgids(text):
    """The msgids of a .po or .pot text, with their context as gettext keys them ("context\x04msgid")."""
    keys = set()
    for block in re.split(r"\n\s*\n", text):
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                current = match[1]
                fields[current] = ast.literal_eval(match[2])
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            keys.add(f"{fields['msgctxt']}\x04{fields['msgid']}" if "msgctxt" in fields else fields["msgid"])
    return keys


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What makemessages extracts from a copy of the source: the msgids every catalogue must translate."""
    folder = tmp_path_factory.mktemp("makemessages")
    source = folder / "source"
    shutil.copytree(settings.BASE_DIR, source, ignore=shutil.ignore_patterns(*NOT_SOURCE), symlinks=True)
    (source / "locale").mkdir()
    here = Path.cwd()
    try:
        os.chdir(source)
        with override_settings(LOCALE_PATHS=[source / "locale"]):
            call_command("makemessages", locale=["th"], keep_pot=True, verbosity=0)
    finally:
        os.chdir(here)
    return po_msgids((source / "locale" / "django.pot").read_text(encoding="utf-8"))


def assert_complete(po_file, reference, tmp_path):
    report = msgfmt("--check", "--statistics", "-o", "/dev/null", str(po_file))
    assert "untranslated" not in report.stderr and "fuzzy" not in report.stderr, report.stderr
    missing = reference - translated_msgids(po_file, tmp_path)
    assert not missing, f"{po_file} has no translation for: {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_interface_is_fully_translated(language, extracted, tmp_path):
    """Every string in the source is translated, and no translation is left untranslated or fuzzy."""
    assert len(extracted) > 400 and "not public because…" in extracted
    assert_complete(LOCALE / language / "LC_MESSAGES/django.po", extracted, tmp_path)


def test_the_extraction_sees_a_string_no_catalogue_has(extracted, tmp_path):
    """A string added to the source without a translation makes the test fail: the reference is the source."""
    (tmp_path / "th").mkdir()
    catalogue = tmp_path / "th" / "django.po"
    catalogue.write_text((LOCALE / "th/LC_MESSAGES/django.po").read_text(encoding="utf-8").replace(
        'msgid "not public because…"', 'msgid "not public because… (renamed)"'), encoding="utf-8")
    with pytest.raises(AssertionError, match="not public because…"):
        assert_complete(catalogue, extracted, tmp_path)


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
    with pytest.raises(AssertionError):
        assert_complete(broken, {"Interview index"}, tmp_path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_messages_match_their_sources(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    msgfmt("--check", "-o", str(tmp_path / "django.mo"), str(folder / "django.po"))
    assert (tmp_path / "django.mo").read_bytes() == (folder / "django.mo").read_bytes(), \
        f"run msgfmt for {language}: locale/{language}/LC_MESSAGES/django.mo is stale"
