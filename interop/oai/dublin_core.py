"""An item as simple Dublin Core (oai_dc), with its text in every catalogue language it has.

Only what the public item page shows goes out: agents by their public display names (often pseudonyms),
places by name without coordinates, no provenance, consent or staff notes.
"""

from django.db.models import Prefetch

from archive.languages import TEXT_LANGUAGES, field_name
from archive.models import Item, ItemAgent, Place

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

# The DCMI Type Vocabulary term for each kind of item.
DCMI_TYPES = {
    Item.Kind.ORAL_HISTORY: "Sound",
    Item.Kind.PHOTOGRAPH: "StillImage",
    Item.Kind.FILM: "MovingImage",
    Item.Kind.DOCUMENT: "Text",
    Item.Kind.ARTWORK: "StillImage",  # the pictures of the work are what the archive holds
    Item.Kind.MUSIC: "Sound",
    Item.Kind.PERFORMANCE: "Event",
}
CREATOR_ROLES = {ItemAgent.Role.NARRATOR, ItemAgent.Role.FILMMAKER, ItemAgent.Role.PHOTOGRAPHER,
                 ItemAgent.Role.ARTIST, ItemAgent.Role.COMPOSER, ItemAgent.Role.PERFORMER, ItemAgent.Role.SINGER,
                 ItemAgent.Role.MUSICIAN, ItemAgent.Role.DANCER, ItemAgent.Role.PERFORMING_GROUP}
CONTRIBUTOR_ROLES = {ItemAgent.Role.INTERVIEWER, ItemAgent.Role.TRANSLATOR}


def with_metadata(items):
    """The queryset with what oai_dc needs fetched in a fixed number of queries."""
    return items.select_related("collection").prefetch_related(
        "languages", "subjects", "tags", "places",
        Prefetch("item_agents", queryset=ItemAgent.objects.select_related("agent")),
    )


class PlaceNames:
    """Place paths in each language, from one query over the gazetteer."""

    def __init__(self):
        fields = ["pk", "parent_id", *(field_name("name", code) for code in TEXT_LANGUAGES)]
        self.rows = {row["pk"]: row for row in Place.objects.values(*fields)}

    def path(self, pk, language):
        parts = []
        while pk is not None:
            row = self.rows[pk]
            parts.insert(0, row[field_name("name", language)] or row["name"])
            pk = row["parent_id"]
        return " > ".join(parts)


def dublin_core(item, *, url, places):
    """[(element name, text, xml:lang or None)] for one item, in the order they are written."""
    elements = []
    for base, name in (("title", "title"), ("description", "description")):
        for code in TEXT_LANGUAGES:
            text = getattr(item, field_name(base, code))
            if text:
                elements.append((name, text, code))
    for link in item.item_agents.all():
        if link.role in CREATOR_ROLES:
            elements.append(("creator", link.agent.public_name(), None))
    for link in item.item_agents.all():
        if link.role in CONTRIBUTOR_ROLES:
            elements.append(("contributor", link.agent.public_name(), None))
    for subject in item.subjects.all():
        for code in TEXT_LANGUAGES:
            text = getattr(subject, field_name("title", code))
            if text:
                elements.append(("subject", text, code))
    elements.extend(("subject", tag.name, None) for tag in item.tags.all())
    if item.date:
        elements.append(("date", item.date, None))
    elements.append(("type", DCMI_TYPES[item.kind], None))
    elements.append(("identifier", url, None))
    elements.extend(("language", language.code, None) for language in item.languages.all())
    for place in item.places.all():
        seen = set()
        for code in TEXT_LANGUAGES:
            path = places.path(place.pk, code)
            if code == "en" or path not in seen:
                elements.append(("coverage", path, code))
                seen.add(path)
    elements.append(("rights", item.rights, None))
    if item.licence:
        elements.append(("rights", item.licence_url() or item.licence, None))
    return elements


def set_description(collection):
    """A set (collection) described by its title and description in every language it has."""
    return [(name, getattr(collection, field_name(base, code)), code)
            for base, name in (("title", "title"), ("description", "description"))
            for code in TEXT_LANGUAGES if getattr(collection, field_name(base, code))]
