"""How to cite an item, in the three styles students and researchers are asked for."""

from django.utils import translation
from django.utils.html import format_html

from .dates import date_label

ARCHIVE_NAME = "Migrant Labour History Archive"
KIND_NAMES = {"oral_history": "Oral history", "photograph": "Photograph", "film": "Film", "document": "Document",
              "artwork": "Artwork", "music": "Music recording", "performance": "Performance"}
MONTHS_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _creators(agents):
    return [agent.public_name() for agent in agents]


def _joined(names):
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def citations(*, item, title, agents, url, accessed):
    """{"Chicago": html, "APA": html, "MLA": html} for `item`, in the styles' own English conventions and common-era
    dates whatever the page's language; the title stays as the reader sees it."""
    with translation.override("en"):
        return _citations(item=item, title=title, agents=agents, url=url, accessed=accessed)


def _citations(*, item, title, agents, url, accessed):
    names = _creators(agents)
    date = date_label(item.date, "en") or "n.d."
    parsed = item.parsed_date() if item.date_lower else None
    year = str(parsed.lower.year) if parsed and parsed.precision in ("year", "month", "day") else date
    kind = KIND_NAMES.get(item.kind, "Item")
    collection = item.collection.display_title("en") if item.collection_id else ""
    in_collection = f"{collection}, " if collection else ""
    lead = f"{_joined(names)}. " if names else ""
    chicago = format_html(
        "{}“{}.” {}, {}. {}{}, {}. {}.", lead, title, kind, date, in_collection, ARCHIVE_NAME,
        item.accession_number, url)
    if names:
        apa = format_html("{} ({}). <i>{}</i> [{}]. {}. {}", " & ".join(names), year, title, kind, ARCHIVE_NAME, url)
    else:  # APA moves the title to the author's place
        apa = format_html("<i>{}</i> [{}]. ({}). {}. {}", title, kind, year, ARCHIVE_NAME, url)
    accessed_mla = f"{accessed.day} {MONTHS_MLA[accessed.month - 1]} {accessed.year}"
    mla = format_html(
        "{}“{}.” {}{}, {}. <i>{}</i>, {}. Accessed {}.", lead, title, in_collection, kind, date, ARCHIVE_NAME,
        url, accessed_mla)
    return {"Chicago": chicago, "APA": apa, "MLA": mla}
