"""Who speaks in a transcript, as the public is told it.

A speaker label (`Cue.speaker`) is free text typed by staff, so a child's full name can be typed as one. The rule,
kept here and nowhere else: on every public surface, a label that equals the display name or the private (full)
name of a minor among the item's people, compared after the archive's text normalisation (archive.normalise),
case folding and collapsing of spaces, is shown as that person's `Agent.public_name()`. Any other label is kept as
typed: it names someone else (an interviewer, an adult). The words of a line itself are not rewritten.

The public surfaces that show labels use `minor_speaker_names` and `speaker_public` (or `cues_with_public_speakers`):
the item page's transcript and its ?find= filter (oral_histories.item_texts), captions made from transcripts
(oral_histories.services.transcript_webvtt, served by oral_histories.views and linked from IIIF), caption files
uploaded with a film or recording, whose <v Name> voice spans the media view rewrites as it serves them
(`webvtt_public_voices`, media_pipeline.views), and the search documents of transcript lines
(oral_histories.search_indexes). Staff read `Cue.speaker` itself: the admin and the
preservation bag (interop.bags) keep the label as typed.
"""

import html
import re
from collections.abc import Iterable

from django.db import models

from archive.models import ItemAgent
from archive.normalise import normalise
from media_pipeline.timed_text import escape_cue_text

# A WebVTT voice span as the archive writes it (media_pipeline.timed_text): <v Name> or <v.class Name>.
_VOICE_TAG = re.compile(r"<v((?:\.[^\s.>]+)*)[ \t]+([^>\n]+)>")


def speaker_key(label: str) -> str:
    """The form two labels are compared in: normalised, case folded, with single spaces."""
    return " ".join(normalise(label).text.casefold().split())


def minor_names_of(roles: Iterable[ItemAgent]) -> dict[str, str]:
    """{label key: public name} for the minors among these roles (ItemAgent rows with their agents)."""
    names = {}
    for role in roles:
        agent = role.agent
        if not agent.is_minor:
            continue
        for name in (agent.display_name, agent.private_name):
            if name.strip():
                names[speaker_key(name)] = agent.public_name()
    return names


def minor_roles() -> models.QuerySet:
    """The roles of minors, with the agent fields the rule reads: for prefetching onto items."""
    return ItemAgent.objects.filter(agent__is_minor=True).select_related("agent")


def minor_speaker_names(*, item_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """{item id: {label key: public name}} of the minors among these items' people, in one query."""
    by_item: dict[int, list[ItemAgent]] = {}
    for role in minor_roles().filter(item_id__in=list(item_ids)):
        by_item.setdefault(role.item_id, []).append(role)
    return {item_id: minor_names_of(roles) for item_id, roles in by_item.items()}


def speaker_public(label: str, *, names: dict[str, str]) -> str:
    """The label as the public sees it: a minor's public name where it names a minor of the item, else as typed."""
    if not label or not names:
        return label
    return names.get(speaker_key(label), label)


def cues_with_public_speakers(cues: Iterable, *, names: dict[str, str]) -> list:
    """The cues, their `speaker` replaced by the public label. These instances are for showing and are never saved."""
    cues = list(cues)
    for cue in cues:
        cue.speaker = speaker_public(cue.speaker, names=names)
    return cues


def webvtt_public_voices(vtt: str, *, names: dict[str, str]) -> str:
    """A WebVTT file with each voice span's name shown as the public may see it (see `speaker_public`)."""
    if not names:
        return vtt

    def public(match):
        label = speaker_public(html.unescape(match.group(2)).strip(), names=names)
        return f"<v{match.group(1)} {escape_cue_text(label).replace('>', '&gt;')}>"

    return _VOICE_TAG.sub(public, vtt)
