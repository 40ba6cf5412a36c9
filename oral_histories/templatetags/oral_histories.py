"""Template tags for the oral-history parts of item pages and search results."""

import unicodedata

from django import template

from ..item_texts import item_texts_cached

register = template.Library()


@register.simple_tag(takes_context=True)
def oral_history_texts(context, item):
    """Transcripts and segment indexes of `item`'s recordings that the visitor may read."""
    return item_texts_cached(context.get("request"), item.pk)


@register.simple_tag(takes_context=True)
def recording_tracks(context, asset):
    """The transcripts of one recording that become its caption tracks."""
    if asset is None or getattr(asset, "pk", None) is None:
        return []
    entry = item_texts_cached(context.get("request"), asset.item_id).for_recording(asset.pk)
    return entry.transcripts if entry else []


@register.simple_tag
def lines_matching(lines, query):
    """The transcript lines holding `query` (the ?find= of the page), so finding works without JavaScript:
    {"query": the words looked for, "lines": the lines shown}. No query shows every line."""
    query = " ".join(str(query or "").split())[:100]
    if not query:
        return {"query": "", "lines": lines}
    wanted = unicodedata.normalize("NFC", query).casefold()
    return {"query": query, "lines": [line for line in lines if wanted in unicodedata.normalize(
        "NFC", f"{line.speaker} {line.text}").casefold()]}
