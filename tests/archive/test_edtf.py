from datetime import date

import pytest

from archive.edtf import EDTFError, parse_edtf


@pytest.mark.parametrize(
    "text, lower, upper, precision",
    [
        ("1995", date(1995, 1, 1), date(1995, 12, 31), "year"),
        ("199X", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31), "century"),
        ("1995~", date(1995, 1, 1), date(1995, 12, 31), "year"),
        ("1990/1999", date(1990, 1, 1), date(1999, 12, 31), "interval"),
        ("2003-05", date(2003, 5, 1), date(2003, 5, 31), "month"),
        ("2004-02", date(2004, 2, 1), date(2004, 2, 29), "month"),
        ("2001-03-15", date(2001, 3, 15), date(2001, 3, 15), "day"),
        ("2001-03-15?", date(2001, 3, 15), date(2001, 3, 15), "day"),
        ("1998/..", date(1998, 1, 1), date(9999, 12, 31), "interval"),
        ("/2005-06", date(1, 1, 1), date(2005, 6, 30), "interval"),
    ],
)
def test_valid_dates_have_sortable_bounds(text, lower, upper, precision):
    parsed = parse_edtf(text)
    assert (parsed.lower, parsed.upper, parsed.precision) == (lower, upper, precision)


def test_qualifiers_are_recorded():
    assert parse_edtf("1995~").approximate and not parse_edtf("1995~").uncertain
    assert parse_edtf("1995?").uncertain
    assert parse_edtf("1995%").approximate and parse_edtf("1995%").uncertain


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("95", "not an EDTF date"),
        ("1995-13", "no month 13"),
        ("2003-02-30", "no day 30"),
        ("1999/1990", "ends before it starts"),
        ("199X-05", "decade or century"),
        ("1990/1995/1999", "one slash"),
        ("๒๕๓๘", "not an EDTF date"),
        ("../..", "at least one end"),
    ],
)
def test_invalid_dates_say_why(text, reason):
    with pytest.raises(EDTFError, match=reason):
        parse_edtf(text)
