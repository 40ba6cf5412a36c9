"""schema.org JSON-LD for item and exhibit pages, so search engines and catalogues read them as records."""

import json

from django.utils.safestring import mark_safe

from .works import MAKER_ROLES, PERFORMER_ROLES

SCHEMA_TYPES = {"oral_history": "AudioObject", "photograph": "Photograph", "film": "VideoObject",
                "document": "DigitalDocument", "artwork": "VisualArtwork", "music": "MusicRecording",
                "performance": "Event"}


def json_ld(data):
    """A <script type="application/ld+json"> whose content cannot close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def item_data(*, item, title, description, url, agents, places, image="", language="en", credits=()):
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(item.kind, "CreativeWork"),
        "@id": url,
        "url": url,
        "name": title,
        "identifier": item.accession_number,
        "inLanguage": language,
        "publisher": {"@type": "Organization", "name": "Migrant Labour History Archive"},
    }
    if description:
        data["description"] = description
    if item.date and item.kind == "performance":
        data["startDate"] = item.date  # EDTF of a day, month or year is ISO 8601; schema.org reads it as such
    elif item.date:
        data["dateCreated"] = item.date
        data["temporalCoverage"] = item.date
    if agents:
        data["contributor"] = [{"@type": "Person", "name": agent.public_name()} for agent in agents]
    if places and item.kind == "performance":
        data["location"] = [{"@type": "Place", "name": place.display_name(language)} for place in places]
    elif places:
        data["contentLocation"] = [{"@type": "Place", "name": place.display_name(language)} for place in places]
    data.update(_work_data(item, credits, language))
    if item.licence_url():
        data["license"] = item.licence_url()
    elif item.rights:
        data["license"] = item.rights
    if image:
        data["image"] = image
    languages = [lang.code for lang in item.languages.all()]
    if languages:
        data["inLanguage"] = languages  # what the item itself is in; the page's language is the description's
    return json_ld(data)


def _person(credit):
    kind = "PerformingGroup" if credit.role == "performing_group" else "Person"
    return {"@type": kind, "name": credit.agent.public_name()}


def _work_data(item, credits, language):
    """What schema.org says of an artwork (VisualArtwork), a song (MusicRecording) or a performance (Event)."""
    data = {}
    makers = [_person(c) for c in credits if c.role in MAKER_ROLES]
    performers = [_person(c) for c in credits if c.role in PERFORMER_ROLES]
    if item.kind == "artwork":
        if makers:
            data["creator"] = makers
        if medium := item.display_medium(language):
            data["artMedium"] = medium
        if support := item.display_support(language):
            data["artworkSurface"] = support
        if item.dimensions:
            data["size"] = item.dimensions
    elif item.kind in ("music", "performance"):
        if performers:
            data["byArtist" if item.kind == "music" else "performer"] = performers
        if makers:
            data["creator"] = makers
        if item.tradition_id:
            data["genre"] = item.tradition.display_title(language)
        if occasion := item.display_occasion(language):
            data["recordedAt" if item.kind == "music" else "superEvent"] = {"@type": "Event", "name": occasion}
    return data


def exhibit_data(*, exhibit, title, summary, url, image="", item_urls=(), language="en"):
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": "https://schema.org/ExhibitionEvent",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": language,
        "publisher": {"@type": "Organization", "name": "Migrant Labour History Archive"},
    }
    if summary:
        data["abstract"] = summary
    if exhibit.published_at:
        data["datePublished"] = exhibit.published_at.date().isoformat()
    if image:
        data["image"] = image
    if item_urls:
        data["hasPart"] = [{"@type": "CreativeWork", "url": u} for u in item_urls]
    return json_ld(data)
