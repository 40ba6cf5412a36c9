"""The normal form of Thai, Lao, Khmer and Burmese text, on samples typed as migrant workers type them."""

import re
from pathlib import Path

import pytest

from archive.normalise import (
    KHMER_ORDER,
    LOOKALIKE,
    NFC,
    REPEATED_MARK,
    SARA_AM,
    ZAWGYI,
    ZAWGYI_UNSURE,
    ZERO_WIDTH,
    needs_normalising,
    normalise,
    normalise_with_offsets,
)

ROOT = Path(__file__).resolve().parent.parent.parent

# Zawgyi samples, written as code points because an editor or a font would show them as Unicode text.
# Zawgyi for ရေလုပ်သား, a fishing-boat worker.
ZAWGYI_FISHER = "\u1031\u101b\u101c\u102f\u1015\u1039\u101e\u102c\u1038"
# Zawgyi for အလုပ်သမား, worker.
ZAWGYI_WORKER = "\u1021\u101c\u102f\u1015\u1039\u101e\u1019\u102c\u1038"
# Zawgyi for မြန်မာ, Myanmar.
ZAWGYI_MYANMAR = "\u103b\u1019\u1014\u1039\u1019\u102c"
# Zawgyi for ထိုင်းနိုင်ငံ, Thailand.
ZAWGYI_THAILAND = "\u1011\u102d\u102f\u1004\u1039\u1038\u108f\u102d\u102f\u1004\u1039\u1004\u1036"
# Zawgyi for ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ်, I work on a fishing boat.
ZAWGYI_SENTENCE = ("\u1000\u107d\u103c\u1014\u1039\u1031\u1010\u102c\u1039 \u1004\u102b\u1038\u1016\u1019\u1039\u1038"
                   "\u1031\u101c\u103d\u1019\u103d\u102c \u1021\u101c\u102f\u1015\u1039\u101c\u102f\u1015\u1039"
                   "\u1010\u101a\u1039")


@pytest.mark.parametrize("zawgyi, unicode", [
    (ZAWGYI_FISHER, "ရေလုပ်သား"),
    (ZAWGYI_WORKER, "အလုပ်သမား"),
    (ZAWGYI_MYANMAR, "မြန်မာ"),
    (ZAWGYI_THAILAND, "ထိုင်းနိုင်ငံ"),
    (ZAWGYI_SENTENCE, "ကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ်"),
])
def test_zawgyi_is_converted_to_unicode(zawgyi, unicode):
    result = normalise(zawgyi)
    assert result.text == unicode
    assert result.changes == {ZAWGYI}
    assert result.zawgyi_lines == (1,)
    assert normalise(unicode).text == unicode and not normalise(unicode).changed


def test_zawgyi_lines_are_converted_one_by_one_and_counted():
    text = f"Interview, Mahachai\n{ZAWGYI_SENTENCE}\nผู้สัมภาษณ์: ทำงานที่ไหน\n{ZAWGYI_WORKER} (Ko Min)"
    result = normalise(text)
    assert result.text == ("Interview, Mahachai\nကျွန်တော် ငါးဖမ်းလှေမှာ အလုပ်လုပ်တယ်\nผู้สัมภาษณ์: ทำงานที่ไหน\n"
                           "အလုပ်သမား (Ko Min)")
    assert result.zawgyi_lines == (2, 4)


def test_ill_formed_burmese_that_may_not_be_zawgyi_is_left_as_typed_and_reported():
    # A lone vowel sign e (U+1031) with nothing around it: not well formed, yet too little to call it Zawgyi.
    result = normalise("\u1031")
    assert result.text == "\u1031"
    assert result.unsure_lines == (1,) and result.changes == {ZAWGYI_UNSURE}


def test_zawgyi_is_not_converted_when_the_caller_says_not_to():
    assert normalise(ZAWGYI_FISHER, zawgyi=False).text == ZAWGYI_FISHER


# Well-formed Unicode Burmese that the detector alone scores high (short words), and kinzi, stacked consonants,
# asat before u: none of it may change.
@pytest.mark.parametrize("text", [
    "ငါး", "ဘာသာစကား", "လာအို", "ငါးဖမ်း", "ပဲခူး", "မင်္ဂလာပါ", "အင်္ဂလိပ်", "မန္တလေး", "ကမ္ဘာ", "ဗုဒ္ဓ",
    "ပစ္စည်း", "ကျွန်ုပ်", "မော်လမြိုင်", "ရေလုပ်သား အလုပ်", "ဘတ်စ်ကား", "ဥပမာ tha, mya, khm",
])
def test_unicode_burmese_is_never_converted(text):
    result = normalise(text)
    assert result.text == text and not result.changed


def _burmese_lines(paths):
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search("[\u1000-\u109f]", line):
                yield f"{path.relative_to(ROOT)}:{number}", line


def test_no_burmese_text_of_the_archive_is_taken_for_zawgyi():
    """The false-positive rate on the archive's own Burmese (demo collection, demo exhibits, the interface
    translation, every test) is zero: nothing converted, nothing reported as unsure."""
    paths = [*(ROOT / "demo").iterdir(),
             ROOT / "locale" / "my" / "LC_MESSAGES" / "django.po", *(ROOT / "tests").rglob("*.py")]
    lines = list(_burmese_lines([path for path in paths if path.suffix in (".py", ".csv", ".po")]))
    assert len(lines) > 250
    flagged = [(where, line) for where, line in lines if normalise(line).changes & {ZAWGYI, ZAWGYI_UNSURE}]
    assert flagged == []


@pytest.mark.parametrize("typed, normal, change", [
    ("ท\u0e4dางาน", "ทำงาน", SARA_AM),  # to work, with a decomposed sara am
    ("น\u0e49\u0e4dา", "น้ำ", SARA_AM),  # water: tone mark, nikhahit, sara aa
    ("น\u0e4d\u0e49า", "น้ำ", SARA_AM),  # water: nikhahit, tone mark, sara aa
    ("ນ\u0ec9\u0ecdາ", "ນ້ຳ", SARA_AM),  # Lao water
    ("ເຮັດວຽກ\u0ecdາ", "ເຮັດວຽກຳ", SARA_AM),
    ("มๅก", "มาก", LOOKALIKE),  # lakkhangyao typed for sara aa
    ("\u0e40\u0e40ม่", "แม่", LOOKALIKE),  # two sara e typed for sara ae (mother)
    ("\u0ec0\u0ec0ມ່", "ແມ່", LOOKALIKE),  # Lao: two e for ae
    ("แม่\u0e48", "แม่", REPEATED_MARK),  # tone mark typed twice
    ("กิ\u0e34น", "กิน", REPEATED_MARK),
    ("ทำ\u200bงาน", "ทำงาน", ZERO_WIDTH),  # zero-width space inside a word
    ("ရေ\u200bလုပ်သား", "ရေလုပ်သား", ZERO_WIDTH),
    ("Cafe\u0301 ทำงาน", "Café ทำงาน", NFC),
    ("កម្មករស្រ្តី", "កម្មករស្ត្រី", KHMER_ORDER),  # woman worker: coeng ro typed before coeng ta
    ("ក\u17b6\u17d2\u179a", "ក្រា", KHMER_ORDER),  # vowel typed before the subscript
    ("ប\u17b8\u17ca", "ប៊ី", KHMER_ORDER),  # register shifter typed after the vowel
    ("ក\u17c6\u17b6", "កាំ", KHMER_ORDER),  # nikahit typed before the vowel
    ("ព\u17c1\u17b8ង", "ពើង", KHMER_ORDER),  # e + ii drawn as oe
    ("ត\u17c1\u17b6ះ", "តោះ", KHMER_ORDER),  # e + aa drawn as oo
    ("ក\u17bb\u17bbម", "កុម", KHMER_ORDER),  # a vowel sign typed twice
])
def test_typing_variants_become_one_form(typed, normal, change):
    assert needs_normalising(typed) and not needs_normalising(normal)
    result = normalise(typed)
    assert result.text == normal
    assert change in result.changes
    assert normalise(normal).text == normal and not normalise(normal).changed


@pytest.mark.parametrize("text", [
    "ฤๅษี", "ฦๅ", "ทำงาน", "น้ำ", "แม่", "កម្មករស្ត្រី", "ប្រទេសថៃ", "ສຳລັບ", "hello world",
    "emoji 👩\u200d💻 joined", "میخواهم\u200cبروم", "\ufeffBOM at the start is not between letters", "",
])
def test_text_already_normal_is_left_exactly_as_it_is(text):
    assert not needs_normalising(text) or not normalise(text).changed
    assert normalise(text).text == text


def test_normalising_twice_changes_nothing_more():
    text = f"ท\u0e4dางาน {ZAWGYI_SENTENCE} កម្មករស្រ្តី ทำ\u200bงาน"
    once = normalise(text).text
    assert normalise(once).text == once and not normalise(once).changed


def test_offsets_map_every_normalised_character_to_the_text_it_came_from():
    text = f"ผมท\u0e4dางานที่ {ZAWGYI_FISHER} boat"
    normalised, starts, ends = normalise_with_offsets(text)
    assert normalised == "ผมทำงานที่ ရေလုပ်သား boat"
    assert len(starts) == len(ends) == len(normalised)
    word = normalised.index("ทำงาน")
    assert text[starts[word]:ends[word + len("ทำงาน") - 1]] == "ท\u0e4dางาน"
    burmese = normalised.index("ရေလုပ်သား")
    assert text[starts[burmese]:ends[burmese + len("ရေလုပ်သား") - 1]] == ZAWGYI_FISHER
    boat = normalised.index("boat")
    assert text[starts[boat]:ends[boat + 3]] == "boat"
    assert normalise_with_offsets("ทำงาน") == ("ทำงาน", None, None)
