"""Thai and Burmese interface text is complete, and the committed .mo files are compiled from the .po files."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def msgfmt(*args):
    return subprocess.run(["msgfmt", *args], capture_output=True, text=True, timeout=60, check=True)


@pytest.mark.parametrize("language", ["th", "my"])
def test_thai_and_burmese_are_fully_translated(language):
    report = msgfmt("--check", "--statistics", "-o", "/dev/null", str(LOCALE / language / "LC_MESSAGES/django.po"))
    assert "untranslated" not in report.stderr and "fuzzy" not in report.stderr, report.stderr


@pytest.mark.parametrize("language", ["th", "my", "km", "lo"])
def test_compiled_messages_match_their_sources(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    msgfmt("--check", "-o", str(tmp_path / "django.mo"), str(folder / "django.po"))
    assert (tmp_path / "django.mo").read_bytes() == (folder / "django.mo").read_bytes(), \
        f"run msgfmt for {language}: locale/{language}/LC_MESSAGES/django.mo is stale"
