"""The admin in the curator's language: where Django ships no translation of its own admin (Lao) or only part of one
(Burmese, Khmer), the archive's catalogue provides the most visible text."""

import json
import re

import pytest
from django.conf import settings

from tests.factories import make_item

pytestmark = pytest.mark.django_db

# Django's admin text, and what a Lao curator reads instead.
LAO = {"Save": "ບັນທຶກ", "Add": "ເພີ່ມ", "Save and continue editing": "ບັນທຶກ ແລະ ແກ້ໄຂຕໍ່", "Log out": "ອອກຈາກລະບົບ",
       "Filter": "ຕົວກອງ", "Search": "ຄົ້ນຫາ"}


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_lao_admin_has_a_lao_save_button_and_add_link(curator):
    in_language(curator, "lo")
    form = curator.get("/admin/archive/item/add/").content.decode()
    assert f'<input type="submit" value="{LAO["Save"]}" class="default" name="_save">' in form
    assert 'value="Save"' not in form and LAO["Save and continue editing"] in form

    index = curator.get("/admin/").content.decode()
    assert f'class="addlink" aria-describedby="archive-item">{LAO["Add"]}</a>' in index
    assert ">Add</a>" not in index and LAO["Log out"] in index
    # The sections of the apps the archive installs are named in Lao too, not "Axes" or "Tasks Database Backend".
    assert "ຄວາມພະຍາຍາມເຂົ້າສູ່ລະບົບ" in index and "ວຽກເບື້ອງຫຼັງ" in index and "ບັນຊີຜູ້ໃຊ້" in index
    assert ">Axes<" not in index and "Tasks Database Backend" not in index


def test_the_lao_change_list_has_its_filters_and_search_in_lao(curator):
    make_item(title="ຕະຫຼາດ")
    page = in_language(curator, "lo").get("/admin/archive/item/").content.decode()
    assert LAO["Filter"] in page and f'value="{LAO["Search"]}"' in page
    assert "ເລືອກ" in page  # "Select item to change"
    assert ">Filter<" not in page


@pytest.mark.parametrize("language, save", [("my", "သိမ်းရန်"), ("km", "រក្សាទុក"), ("th", "บันทึก")])
def test_every_language_has_its_save_button(curator, language, save):
    form = in_language(curator, language).get("/admin/archive/item/add/").content.decode()
    assert f'value="{save}" class="default" name="_save"' in form


def test_the_admins_calendar_and_clock_speak_lao(curator):
    # Django ships no Lao for its admin scripts; the archive's djangojs catalogue does.
    script = in_language(curator, "lo").get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["Today"] == "ມື້ນີ້" and catalogue["May"] == "ພຶດສະພາ" and catalogue["Choose a time"] == "ເລືອກເວລາ"
