"""Search finds a word however it was typed, in the query or in text stored before normalisation existed, and
marks the word as it is stored."""

import pytest

from search.analysis import highlight_html, query_terms
from search.service import search_run
from search.upkeep import search_index_sync
from tests.factories import make_item
from tests.search.hits import found_names

WORK_COMPOSED = "ทำงาน"  # to work, sara am as one character
WORK_DECOMPOSED = "ท\u0e4dางาน"  # the same word with nikhahit + sara aa, as some keyboards and PDFs give it
# Zawgyi for ရေလုပ်သား (a fishing-boat worker).
ZAWGYI_FISHER = "\u1031\u101b\u101c\u102f\u1015\u1039\u101e\u102c\u1038"
# Zawgyi for ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ် (I work on a fishing boat).
ZAWGYI_SENTENCE = ("\u1000\u107d\u103c\u1014\u1039\u1031\u1010\u102c\u1039 \u1004\u102b\u1038\u1016\u1019\u1039\u1038"
                   "\u1031\u101c\u103d\u1019\u103d\u102c \u1021\u101c\u102f\u1015\u1039\u101c\u102f\u1015\u1039"
                   "\u1010\u101a\u1039")
KHMER_STANDARD = "កម្មករស្ត្រីធ្វើការនៅរោងចក្រ"  # women workers work in a factory
KHMER_VARIANT = "កម្មករស្រ្តីធ្វើការនៅរោងចក្រ"  # the same, coeng ro typed before coeng ta


@pytest.fixture
def catalogue(db, engine):
    # Stored as typed: records imported before normalisation existed are not normal until repaired.
    items = {
        "composed": make_item(title="Composed", title_th=f"แรงงานข้ามชาติ{WORK_COMPOSED}ในเรือประมง"),
        "decomposed": make_item(title="Decomposed", description_th=f"พ่อ{WORK_DECOMPOSED}ที่โรงงานอาหารทะเล"),
        "burmese": make_item(title="Unicode Burmese", title_my="ရေလုပ်သားများ၏ ဘဝ"),
        "zawgyi": make_item(title="Zawgyi Burmese", description_my=ZAWGYI_SENTENCE),
        "khmer": make_item(title="Khmer", description_km=KHMER_STANDARD),
        "khmer_variant": make_item(title="Khmer variant", description_km=KHMER_VARIANT),
    }
    search_index_sync()
    return items


@pytest.mark.parametrize("query, expected", [
    (WORK_COMPOSED, ["composed", "decomposed"]),
    (WORK_DECOMPOSED, ["composed", "decomposed"]),
    ("ရေလုပ်သား", ["burmese"]),
    (ZAWGYI_FISHER, ["burmese"]),  # a Zawgyi query finds the Unicode text
    ("ငါးဖမ်းလှေ", ["zawgyi"]),  # a Unicode query finds text stored in Zawgyi
    ("ស្ត្រី", ["khmer", "khmer_variant"]),
    ("ស្រ្តី", ["khmer", "khmer_variant"]),
])
def test_a_word_is_found_however_it_was_typed(catalogue, query, expected):
    assert found_names(catalogue, query) == expected


def test_a_query_is_normalised_silently():
    assert query_terms(WORK_DECOMPOSED) == query_terms(WORK_COMPOSED)
    assert query_terms(ZAWGYI_FISHER) == query_terms("ရေလုပ်သား") == ["ရေလုပ်သား"]


def test_the_snippet_of_a_zawgyi_query_shows_the_unicode_text(catalogue):
    hit = search_run(q=ZAWGYI_FISHER, filters={}).hits[0]
    assert hit.object.pk == catalogue["burmese"].pk
    assert "<mark>ရေလုပ်သား</mark>" in hit.snippet


def test_highlighting_marks_the_word_as_it_is_stored():
    stored = f"พ่อ{WORK_DECOMPOSED}ที่โรงงาน"
    html = highlight_html(stored, query_terms(WORK_COMPOSED), whole=True)
    assert html == f"พ่อ<mark>{WORK_DECOMPOSED}</mark>ที่โรงงาน"
    html = highlight_html(KHMER_VARIANT, query_terms("ស្ត្រី"), whole=True)
    assert "<mark>" in html and html.replace("<mark>", "").replace("</mark>", "") == KHMER_VARIANT
    html = highlight_html(f"Ko Min: {ZAWGYI_SENTENCE}", query_terms("ငါးဖမ်း"), whole=True)
    assert html.startswith("Ko Min: ") and "<mark>" in html
    assert html.replace("<mark>", "").replace("</mark>", "") == f"Ko Min: {ZAWGYI_SENTENCE}"
