"""schema.org JSON-LD for item and exhibit pages, so search engines and catalogues read them as records."""

import json

from django.utils.safestring import mark_safe

SCHEMA_TYPES = {"oral_history": "AudioObject", "photograph": "Photograph", "film": "VideoObject",
                "document": "DigitalDocument"}


def json_ld(data):
    """A <script type="application/ld+json"> whose content cannot close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def item_data(*, item, title, description, url, agents, places, image="", language="en"):
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
    if item.date:
        data["dateCreated"] = item.date
        data["temporalCoverage"] = item.date
    if agents:
        data["contributor"] = [{"@type": "Person", "name": agent.public_name()} for agent in agents]
    if places:
        data["contentLocation"] = [{"@type": "Place", "name": place.display_name(language)} for place in places]
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
