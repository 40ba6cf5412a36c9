"""Words, not letters: the analyzer segments Thai, Lao, Khmer and Burmese with ICU, and search finds words inside
unspaced text but never a word's letters inside other words."""

import pytest

from search.analysis import (
    WORD_SEPARATOR,
    highlight_html,
    multilingual_analyzer,
    query_terms,
    segment_query,
    segment_text,
    unsegment,
)
from search.service import search_run
from search.upkeep import search_index_sync
from tests.factories import make_item
from tests.search.hits import found_names

THAI = "แรงงานข้ามชาติทำงานในเรือประมงที่มหาชัย"  # migrant workers work on fishing boats at Mahachai
THAI_2 = "ชาวประมงไทยหาปลาในทะเล"  # Thai fishermen fish at sea
THAI_3 = "เขามาก่อน"  # he came first
BURMESE = "ရေလုပ်သားများသည် ပင်လယ်ထဲတွင် အလုပ်လုပ်ကြသည်"  # fishery workers work at sea
KHMER = "កម្មករចំណាកស្រុកធ្វើការនៅប្រទេសថៃ"  # migrant workers work in Thailand
LAO = "ແຮງງານຂ້າມຊາດເຮັດວຽກຢູ່ໄທ"  # migrant labourers work in Thailand


def terms(text):
    return [token.text for token in multilingual_analyzer()(text)]


def test_unspaced_scripts_become_words():
    assert terms(THAI) == ["แรงงาน", "ข้าม", "ชาติ", "ทํางาน", "ใน", "เรือ", "ประมง", "ที่", "มหาชัย"]
    assert terms(BURMESE)[:2] == ["ရေလုပ်သား", "များသည်"]
    assert terms(KHMER)[:2] == ["កម្មករ", "ចំណាកស្រុក"]
    assert terms(LAO)[:3] == ["ແຮງງານ", "ຂ້າມ", "ຊາດ"]


def test_latin_words_are_lowercased_stemmed_and_punctuation_dropped():
    assert terms("Fishing BOATS, of Mahachai!") == ["fish", "boat", "mahachai"]
    assert query_terms("fish") == query_terms("fishing") == ["fish"]
    assert terms("— … « » , . ! ?") == []


def test_offsets_point_into_the_original_text():
    tokens = [(t.text, t.startchar, t.endchar) for t in multilingual_analyzer()("ชาวประมง fishing", chars=True)]
    assert tokens == [("ชาว", 0, 3), ("ประมง", 3, 8), ("fish", 9, 16)]


def test_zero_width_spaces_in_burmese_do_not_split_words():
    text = "ရေ\u200bလုပ်သား\u200bများ"
    tokens = [(t.text, t.startchar, t.endchar) for t in multilingual_analyzer()(text, chars=True)]
    assert tokens[0] == ("ရေလုပ်သား", 0, 10)
    assert text[tokens[0][1]:tokens[0][2]] == "ရေ\u200bလုပ်သား"


def test_characters_beyond_the_basic_plane_keep_offsets_right():
    text = "🙂 ประมง 🐟 fish"
    spans = [text[t.startchar:t.endchar] for t in multilingual_analyzer()(text, chars=True)]
    assert spans == ["ประมง", "fish"]


def test_highlight_marks_whole_words_and_escapes_everything_else():
    html = highlight_html("<b>ชาวประมง</b> & " + THAI, query_terms("ประมง"))
    assert html.count("<mark>ประมง</mark>") == 2
    assert "&lt;/b&gt;" in html and "&amp;" in html and "<b>" not in html and "</b>" not in html
    assert "<mark>" not in highlight_html("ข้ามชาติ", query_terms("ชา"))
    # One unspaced phrase reads as one highlight.
    assert "<mark>แรงงานข้ามชาติ</mark>" in highlight_html(THAI, query_terms("แรงงานข้ามชาติ"))


@pytest.fixture
def catalogue(db, engine):
    items = {
        "thai": make_item(title="Boats", title_th=THAI),
        "thai_2": make_item(title="Sea", description_th=THAI_2),
        "thai_3": make_item(title="Arrival", description_th=THAI_3),
        "burmese": make_item(title="Workers", title_my=BURMESE),
        "burmese_zwsp": make_item(title="Spaced", description_my="ရေ\u200bလုပ်သား\u200bဘဝ"),
        "khmer": make_item(title="Khmer", description_km=KHMER),
        "lao": make_item(title="Lao", title_lo=LAO),
        "english": make_item(title="Fishing boats of Samut Sakhon"),
    }
    search_index_sync()
    return items


@pytest.mark.parametrize("query, expected", [
    ("ประมง", ["thai", "thai_2"]),              # inside unspaced text
    ("แรงงานข้ามชาติ", ["thai"]),                 # an unspaced phrase becomes a phrase of its words
    ("ปลา ทะเล", ["thai_2"]),                     # two words: both must be there
    ("ရေလုပ်သား", ["burmese", "burmese_zwsp"]),  # with or without zero-width spaces
    ("ပင်လယ်", ["burmese"]),
    ("កម្មករ", ["khmer"]),
    ("ແຮງງານ", ["lao"]),
    ("fish", ["english"]),
    ("fishing", ["english"]),
    ("BOATS", ["english", "thai"]),
])
def test_queries_find_words_inside_unspaced_text(catalogue, query, expected):
    assert found_names(catalogue, query) == expected


@pytest.mark.parametrize("query", [
    "ชา",      # tea: its letters start ชาติ (nation) and ชาว (people)
    "มาก",     # much: its letters run across มา|ก่อน
    "มชา",     # letters across ข้าม|ชาติ
    "ชาติแรงงาน",  # both words are there, but not in this order
    "ရေ",      # water: inside ရေလုပ်သား
    "ງານ",     # inside ແຮງງານ
    "ការ",     # inside ធ្វើការ
])
def test_letters_of_a_word_inside_other_words_do_not_match(catalogue, query):
    assert found_names(catalogue, query) == []


def test_result_snippets_mark_the_thai_word(catalogue):
    hit = search_run(q="ประมง", filters={}).hits[0]
    assert "<mark>ประมง</mark>" in hit.snippet


def test_documents_reach_every_engine_already_segmented_and_snippets_show_the_text_as_stored(catalogue, engine):
    hit = search_run(q="ประมง", filters={}).hits[0]
    assert WORD_SEPARATOR in hit.result.text  # what the engine indexed: words apart
    assert WORD_SEPARATOR not in hit.snippet  # what the visitor reads: the text as written
    assert "<mark>ประมง</mark>" in hit.snippet


def test_segmenting_inserts_separators_only_between_words_that_touch():
    text = "ชาวประมง มาก่อน, fishing co-op ရေ\u200bလုပ်သား"
    segmented = segment_text(text)
    assert segmented.split() == ["ชาว", "ประมง", "มา", "ก่อน,", "fishing", "co-", "op", "ရေလုပ်သား"]
    assert unsegment(segmented) == text.replace("\u200b", "")


@pytest.mark.parametrize("query, prepared", [
    ("แรงงานข้ามชาติ", '"แรงงาน ข้าม ชาติ"'),
    ("ရေလုပ်သားများ", '"ရေလုပ်သား များ"'),
    ("fishing boats", "fishing boats"),
    ('"ปลาทะเล" ແຮງງານ', '"ปลา ทะเล" ແຮງງານ'),
])
def test_a_query_word_that_is_several_words_becomes_a_phrase(query, prepared):
    assert segment_query(query) == prepared
