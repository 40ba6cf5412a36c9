"""A kit as a slideshow for a projector: a title slide, one source per slide, the guiding questions, then the
activities, with speaker notes on every slide. static/js/slides.js turns the page of sections into slides."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from exhibits.clips import clip_clock
from oral_histories.item_texts import ItemTexts

from .contents import kit_contents
from .lookup import find_kit
from .models import QUESTION_FIELDS
from .sources import describe

QUESTION_KINDS = dict(zip(QUESTION_FIELDS, ("observe", "reflect", "question"), strict=True))


def slideshow(request, slug=None, token=None):
    kit = find_kit(request, slug=slug, token=token)
    language = get_language()
    contents = kit_contents(kit)
    questions = [(QUESTION_KINDS[name], kit.lines(name, language)) for name in QUESTION_FIELDS]
    questions = [(kind, lines) for kind, lines in questions if lines]
    activities, vocabulary = kit.lines("activities", language), kit.lines("vocabulary", language)
    sources = describe(contents, request, language)
    # A player's transcript tracks (oral_histories/player_tracks.html) follow the permissions of whoever asks and
    # cost queries per recording; slides show what the classroom may see, so they carry the subtitle files of
    # `describe` only, and the item texts the tracks would read are set empty for this request.
    request._oral_history_texts = {source.source.item_id: ItemTexts(recordings=[]) for source in sources
                                   if source.source.item_id}
    for source in sources:
        source.clip_label = (f"{clip_clock(source.clip_start)}–{clip_clock(source.clip_end)}"
                             if source.clip_end is not None else "")
    slides = [("title", None)] + [("source", source) for source in sources]
    if questions:
        slides.append(("questions", None))
    if activities or vocabulary:
        slides.append(("activities", None))
    response = render(request, "lessons/slides.html", {
        "kit": kit, "language": language, "slides": slides, "removed": contents.removed,
        "objectives": kit.lines("objectives", language), "questions": questions, "activities": activities,
        "vocabulary": vocabulary, "summary": kit.text("summary", language),
        "advisories": kit.text("advisories", language), "presenter": request.GET.get("notes") == "1"})
    if not kit.is_public():  # a draft a curator previews, or a teacher's kit shared by its link
        patch_cache_control(response, private=True, max_age=0)
    return response

