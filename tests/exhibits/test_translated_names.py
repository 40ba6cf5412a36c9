"""Language names, rights statements, licence names and the citation words read in every language of the site."""

from datetime import date

import pytest
from django.utils import translation

from archive.languages import language_name
from archive.models import Item, Language
from archive.rights_names import LICENCE_NAMES, RIGHTS_NAMES, licence_name, rights_name
from exhibits.citations import citations
from tests.factories import add_agent, make_item

OTHER_LANGUAGES = ["th", "my", "km", "lo"]


@pytest.mark.parametrize("language, names", [
    ("en", {"shn": "Shan", "mya": "Burmese", "kar": "Karen languages", "ksw": "S'gaw Karen"}),
    ("th", {"shn": "ไทใหญ่", "mya": "พม่า", "kar": "ภาษากลุ่มกะเหรี่ยง", "ksw": "กะเหรี่ยงสะกอ", "mnw": "มอญ"}),
    ("my", {"shn": "ရှမ်း", "tha": "ထိုင်း", "kar": "ကရင်ဘာသာစကားများ", "ksw": "စကောကရင်", "mnw": "မွန်"}),
    ("km", {"vie": "វៀតណាម", "tha": "ថៃ", "kar": "ភាសាការ៉េន", "mnw": "មន"}),
    ("lo", {"shn": "ຊານ", "khm": "ຂະແມ", "kar": "ພາສາກຸ່ມກະຫຼ່ຽງ", "mnw": "ມອນ"}),
])
def test_language_names_in_each_language(language, names):
    assert {code: language_name(code, language) for code in names} == names


def test_a_code_nobody_names_stays_a_code():
    assert language_name("qqq", "th") == "qqq"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_rights_statement_and_licence_is_translated(language):
    with translation.override(language):
        for name in [*RIGHTS_NAMES.values(), *LICENCE_NAMES.values()]:
            with translation.override("en"):
                original = str(name)
            assert str(name) != original, f"{original} has no {language} name"
        assert rights_name(Item.Rights.IN_COPYRIGHT) != "In Copyright"
        assert not licence_name("CC-BY-4.0").isascii()


@pytest.mark.parametrize("language, words", [
    ("th", ["ภาพถ่าย", "เข้าถึงเมื่อ 26 พฤศจิกายน พ.ศ. 2569", "ประมาณ พ.ศ. 2538", "และ"]),
    ("my", ["ဓာတ်ပုံ", "2026၊ နိုဝင်ဘာ 26 တွင် ကြည့်ရှုခဲ့သည်", " နှင့် "]),
    ("km", ["រូបថត", "ចូលមើលនៅ 26 វិច្ឆិកា 2026", " និង "]),
    ("lo", ["ຮູບພາບ", "ເຂົ້າເຖິງເມື່ອ 26 ພະຈິກ 2026", " ແລະ "]),
])
@pytest.mark.django_db
def test_citation_words_in_each_language(language, words):
    item = make_item(title="Night shift", date="1995~")
    agents = [add_agent(item, role="filmmaker"), add_agent(item, role="photographer")]
    result = citations(item=item, title="เรือ", agents=agents, url="https://archive.example/th/items/X/",
                       accessed=date(2026, 11, 26), language=language)
    text = " ".join(str(value) for value in result.values())
    for word in words:
        assert word in text, (word, text)
    for english in ("Photograph", "Accessed", "Migrant Labour History Archive", " and "):
        assert english not in text, english


@pytest.mark.django_db
@pytest.mark.parametrize("prefix, rights, licence, language", [
    ("/th", "ยังไม่ได้ประเมินลิขสิทธิ์", "CC BY 4.0 (แสดงที่มา)", "ไทใหญ่"),
    ("/my", "မူပိုင်ခွင့်ကို မစိစစ်ရသေးပါ", "CC BY 4.0 (မူရင်းကို ဖော်ပြရန်)", "ရှမ်း"),
    ("/km", "មិនទាន់វាយតម្លៃរក្សាសិទ្ធិ", "CC BY 4.0 (បញ្ជាក់ប្រភព)", "ខ្មែរ"),
    ("/lo", "ຍັງບໍ່ໄດ້ປະເມີນລິຂະສິດ", "CC BY 4.0 (ອ້າງອີງແຫຼ່ງທີ່ມາ)", "ຊານ"),
])
def test_item_page_names_rights_licence_and_languages_in_the_readers_language(client, museum, prefix, rights, licence,
                                                                               language):
    photo = museum["photo"]
    photo.languages.add(Language.for_code("shn"), Language.for_code("khm"))
    html = client.get(f"{prefix}/items/{photo.accession_number}/").content.decode()
    assert rights in html and licence in html and language in html
    assert "Copyright Not Evaluated" not in html and "Shan" not in html
