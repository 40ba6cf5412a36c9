"""Dates as visitors read them: the EDTF precision in words ("c. 1995", "1990s"), years in the Buddhist Era on
Thai pages (CE + 543), and days and months written as ICU's calendar data (CLDR) writes them in the page's
language: "15 มีนาคม พ.ศ. 2544", "2003 မေ", "ພຶດສະພາ 2003"."""

from datetime import date
from functools import lru_cache

import icu
from django.utils import translation
from django.utils.translation import gettext as _

from archive.edtf import EDTFError, parse_edtf

BUDDHIST_ERA_OFFSET = 543


def uses_buddhist_era(language=None):
    return (language or translation.get_language() or "en").split("-")[0] == "th"


def year_text(year, language=None):
    """1995 in most languages; พ.ศ. 2538 on Thai pages."""
    if uses_buddhist_era(language):
        return _icu_text(date(year, 1, 1), "y", language)
    return str(year)


# The ICU locale for each page language. Thai pages count years in the Buddhist Era and name it; Burmese keeps the
# ASCII digits the rest of its pages use.
ICU_LOCALES = {"en": "en_GB", "th": "th_TH@calendar=buddhist", "my": "my@numbers=latn", "km": "km", "lo": "lo"}
# Proleptic Gregorian throughout, as EDTF reads dates: no switch to the Julian calendar before October 1582.
_ALWAYS_GREGORIAN = -8.64e15


@lru_cache(maxsize=64)
def _pattern(locale_id, skeleton):
    return icu.DateTimePatternGenerator.createInstance(icu.Locale(locale_id)).getBestPattern(skeleton)


def _calendar(locale):
    calendar = icu.Calendar.createInstance(icu.TimeZone.getGMT(), locale)
    calendar.setGregorianChange(_ALWAYS_GREGORIAN)
    return calendar


def _icu_text(day, skeleton, language):
    """`day` written by ICU from a skeleton ("yMMMMd", "yMMMM"), with the era on Thai pages. Formatters are made
    per call: ICU's are not safe to share between threads."""
    code = (language or translation.get_language() or "en").split("-")[0]
    locale_id = ICU_LOCALES.get(code, ICU_LOCALES["en"])
    locale = icu.Locale(locale_id)
    formatter = icu.SimpleDateFormat(_pattern(locale_id, ("G" if uses_buddhist_era(code) else "") + skeleton), locale)
    formatter.setCalendar(_calendar(locale))
    gregorian = _calendar(icu.Locale("en"))
    gregorian.clear()
    gregorian.set(day.year, day.month - 1, day.day)
    return formatter.format(gregorian.getTime())


def day_text(day, language=None):
    return _icu_text(day, "yMMMMd", language)


def _single_label(parsed, language):
    if parsed.precision == "day":
        text = day_text(parsed.lower, language)
    elif parsed.precision == "month":
        text = _icu_text(parsed.lower, "yMMMM", language)
    elif parsed.precision == "year":
        text = year_text(parsed.lower.year, language)
    elif parsed.precision == "decade" and not uses_buddhist_era(language):
        text = _("%(decade)ss") % {"decade": parsed.lower.year}
    else:
        # Centuries, and decades on Thai pages: a Buddhist Era decade does not line up with a CE one, so the
        # honest label is the span of years.
        text = _("%(start)s–%(end)s") % {"start": year_text(parsed.lower.year, language),
                                         "end": parsed.upper.year + (BUDDHIST_ERA_OFFSET
                                                                     if uses_buddhist_era(language) else 0)}
    return _qualified(text, parsed)


def _qualified(text, parsed):
    if parsed.approximate and parsed.uncertain:
        return _("c. %(date)s?") % {"date": text}
    if parsed.approximate:
        return _("c. %(date)s") % {"date": text}
    if parsed.uncertain:
        return _("%(date)s?") % {"date": text}
    return text


def date_label(edtf_text, language=None):
    """The label for an item's EDTF date in `language` (else the page's); "" for no date, the raw text if
    unreadable."""
    if language:
        with translation.override(language):
            return _date_label(edtf_text, language)
    return _date_label(edtf_text, language)


def _date_label(edtf_text, language):
    if not edtf_text:
        return ""
    try:
        parsed = parse_edtf(edtf_text)
    except EDTFError:
        return edtf_text
    if parsed.precision != "interval":
        return _single_label(parsed, language)
    start_text, _slash, end_text = edtf_text.strip().partition("/")
    start = None if start_text in ("", "..") else parse_edtf(start_text)
    end = None if end_text in ("", "..") else parse_edtf(end_text)
    if start is None:
        return _("before %(date)s") % {"date": _single_label(end, language)}
    if end is None:
        return _("after %(date)s") % {"date": _single_label(start, language)}
    return _("%(start)s – %(end)s") % {"start": _single_label(start, language), "end": _single_label(end, language)}


def decade_label(decade, language=None):
    if uses_buddhist_era(language):
        return _("%(start)s–%(end)s") % {"start": year_text(decade, language),
                                         "end": decade + 9 + BUDDHIST_ERA_OFFSET}
    return _("%(decade)ss") % {"decade": decade}
