"""Dates as visitors read them: the EDTF precision in words ("c. 1995", "1990s"), years in the Buddhist Era on
Thai pages (CE + 543), month names in the page's language."""

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from archive.edtf import EDTFError, parse_edtf

BUDDHIST_ERA_OFFSET = 543


def uses_buddhist_era(language=None):
    return (language or translation.get_language() or "en").split("-")[0] == "th"


def year_text(year, language=None):
    """1995 in most languages; พ.ศ. 2538 on Thai pages."""
    if uses_buddhist_era(language):
        return _("BE %(year)s") % {"year": year + BUDDHIST_ERA_OFFSET}
    return str(year)


def day_text(day, language=None):
    return _("%(day)s %(month)s %(year)s") % {
        "day": day.day, "month": MONTHS[day.month], "year": year_text(day.year, language)}


def _single_label(parsed, language):
    if parsed.precision == "day":
        text = day_text(parsed.lower, language)
    elif parsed.precision == "month":
        text = _("%(month)s %(year)s") % {"month": MONTHS[parsed.lower.month],
                                          "year": year_text(parsed.lower.year, language)}
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
    """The label for an item's EDTF date in the page's language; "" for no date, the raw text if unreadable."""
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
