"""The museum label of an artwork, a song or a performance, and the programme of who played what.

The label is what a visitor reads beside a work in a gallery: title, maker, medium and support, dimensions, year,
in the page's language; a recording of music or a performance adds its tradition, the occasion and the programme
(each performer, their role and the part they played). Names are the public ones (a minor's first name only).
"""

from dataclasses import dataclass, field

from archive.models import Item, ItemAgent

from .dates import date_label

WORK_KINDS = (Item.Kind.ARTWORK, Item.Kind.MUSIC, Item.Kind.PERFORMANCE)
MAKER_ROLES = (ItemAgent.Role.ARTIST, ItemAgent.Role.COMPOSER, ItemAgent.Role.PHOTOGRAPHER,
               ItemAgent.Role.FILMMAKER)
PERFORMER_ROLES = (ItemAgent.Role.PERFORMER, ItemAgent.Role.SINGER, ItemAgent.Role.MUSICIAN,
                   ItemAgent.Role.DANCER, ItemAgent.Role.PERFORMING_GROUP)


@dataclass
class Performer:
    name: str
    role: str
    part: str


@dataclass
class Label:
    title: str
    makers: list = field(default_factory=list)
    medium: str = ""
    support: str = ""
    dimensions: str = ""
    date: str = ""
    tradition: str = ""
    occasion: str = ""
    programme: list = field(default_factory=list)


def work_label(item, credits, language):
    """The label of `item` if it is an artwork, music or a performance, else None. `credits` are its ItemAgent
    rows with their agents loaded; the item's tradition is loaded with it."""
    if item.kind not in WORK_KINDS:
        return None
    return Label(
        title=item.display_title(language),
        makers=_unique(credit.agent.public_name() for credit in credits if credit.role in MAKER_ROLES),
        medium=item.display_medium(language),
        support=item.display_support(language),
        dimensions=item.dimensions,
        date=date_label(item.date, language),
        tradition=item.tradition.display_title(language) if item.tradition_id else "",
        occasion=item.display_occasion(language),
        programme=[Performer(credit.agent.public_name(), credit.get_role_display(), credit.part)
                   for credit in credits if credit.role in PERFORMER_ROLES],
    )


def _unique(names):
    return list(dict.fromkeys(names))
