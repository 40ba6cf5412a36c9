"""Dates in every language come from ICU's calendar data, with the Buddhist Era on Thai pages and the EDTF
precision still in words."""

from datetime import date

import pytest
from django.utils import translation

from exhibits.dates import date_label, day_text


@pytest.mark.parametrize("language, edtf, label", [
    ("my", "2019-04", "2019 ဧပြီ"),
    ("my", "2001-03-15", "2001၊ မတ် 15"),
    ("my", "2019-04~", "2019 ဧပြီ ခန့်"),
    ("lo", "2003-05", "ພຶດສະພາ 2003"),
    ("lo", "2001-03-15?", "15 ມີນາ 2001 (ບໍ່ແນ່ນອນ)"),
    ("lo", "2019-04~", "ປະມານ ເມສາ 2019"),
    ("km", "2003-05/2004-01", "ឧសភា 2003 – មករា 2004"),
    ("th", "2019-04", "เมษายน พ.ศ. 2562"),
    ("th", "2001-03-15", "15 มีนาคม พ.ศ. 2544"),
    ("th", "../2019-04", "ก่อน เมษายน พ.ศ. 2562"),
    ("en", "2019-04~", "c. April 2019"),
    ("en", "2001-03-15", "15 March 2001"),
])
def test_month_names_and_eras_come_from_icu(language, edtf, label):
    with translation.override(language):
        assert date_label(edtf) == label


@pytest.mark.parametrize("language", ["my", "km", "lo", "th"])
def test_no_english_month_name_on_any_other_language_page(language):
    english = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
    for month in range(1, 13):
        label = date_label(f"2019-{month:02d}", language)
        assert not any(name in label for name in english), label


def test_a_thai_page_counts_years_in_the_buddhist_era():
    assert day_text(date(1995, 4, 9), "th") == "9 เมษายน พ.ศ. 2538"
    assert date_label("1995", "th") == "พ.ศ. 2538"
    assert date_label("1995", "lo") == "1995"  # Lao and Khmer pages keep the common era, as their readers do


def test_dates_before_1582_stay_in_the_proleptic_gregorian_calendar_edtf_uses():
    assert day_text(date(1500, 3, 1), "en") == "1 March 1500"
    assert day_text(date(1500, 3, 1), "th") == "1 มีนาคม พ.ศ. 2043"


@pytest.mark.django_db
def test_burmese_item_page_names_the_month_in_burmese(client, museum):
    html = client.get(f"/my/items/{museum['voice'].accession_number}/").content.decode()
    about = html.partition('<section class="cite"')[0]
    assert "2003 မေ" in about and "May" not in about
