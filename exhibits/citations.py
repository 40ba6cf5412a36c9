"""How to cite an item, in the three styles students and researchers are asked for."""

from django.utils import translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .dates import date_label, day_text

MONTHS_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _creators(agents):
    return [agent.public_name() for agent in agents]


def _joined(names):
    if len(names) <= 2:
        return _(" and ").join(names)
    return ", ".join(names[:-1]) + _(", and ") + names[-1]


def _accessed(day, language):
    if language == "en":
        return f"{day.day} {MONTHS_MLA[day.month - 1]} {day.year}"
    return day_text(day, language)


def citations(*, item, title, agents, url, accessed, language="en"):
    """{"Chicago": html, "APA": html, "MLA": html} for `item` in the styles' order, with their words (kind, "n.d.",
    "Accessed"), the archive's name and the dates in the reader's `language`; the title as the reader sees it."""
    language = (language or "en").split("-")[0]
    with translation.override(language):
        return _citations(item=item, title=title, agents=agents, url=url, accessed=accessed, language=language)


def _citations(*, item, title, agents, url, accessed, language):
    names = _creators(agents)
    date = date_label(item.date, language) or _("n.d.")
    parsed = item.parsed_date() if item.date_lower else None
    year = date_label(str(parsed.lower.year), language) if parsed and parsed.precision in ("year", "month", "day") \
        else date
    kind = capfirst(item.get_kind_display())
    collection = item.collection.display_title(language) if item.collection_id else ""
    archive = _("Migrant Labour History Archive")
    in_collection = f"{collection}, " if collection else ""
    lead = f"{_joined(names)}. " if names else ""
    chicago = format_html(
        "{}“{}.” {}, {}. {}{}, {}. {}.", lead, title, kind, date, in_collection, archive,
        item.accession_number, url)
    if names:
        apa = format_html("{} ({}). <i>{}</i> [{}]. {}. {}", " & ".join(names), year, title, kind, archive, url)
    else:  # APA moves the title to the author's place
        apa = format_html("<i>{}</i> [{}]. ({}). {}. {}", title, kind, year, archive, url)
    mla = format_html(
        "{}“{}.” {}{}, {}. <i>{}</i>, {}. {}.", lead, title, in_collection, kind, date, archive,
        url, _("Accessed %(date)s") % {"date": _accessed(accessed, language)})
    return {"Chicago": chicago, "APA": apa, "MLA": mla}
