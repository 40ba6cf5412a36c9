"""The public pages of lesson kits: the list of published kits, with filters, and a kit's own page for students.

A kit shows only what the classroom use of the access policy lets through (lessons/contents.py), whoever asks, so
a published kit's page is the same for everyone and keeps the site's caching; a draft, which only people who may
view kits open, and a teacher's kit reached by its share link are never kept by a shared cache.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from archive.languages import TEXT_LANGUAGES, field_name, language_for_code, text_language
from exhibits.views import private_to_permitted
from oral_histories.item_texts import ItemTexts, RecordingTexts, language_label
from oral_histories.models import Transcript

from .contents import kit_contents
from .kit_lists import kit_covers
from .lookup import find_kit, kit_url
from .models import Kit
from .page_texts import QUESTIONS, kit_text, language_choices, second_language
from .sources import describe

# The list's filters: query parameter -> the values it accepts. Any other value is ignored.
FILTERS = {"age": Kit.AgeBand.values, "subject": Kit.Subject.values, "language": list(TEXT_LANGUAGES)}
MAX_KITS = 200  # a page of the list; far above what the archive publishes


@dataclass
class FilterChoice:
    value: str
    label: str
    selected: bool


def chosen_filters(params) -> dict[str, str]:
    """{parameter: value} of the filters a visitor chose that name a real age band, subject or language."""
    chosen = {}
    for name, allowed in FILTERS.items():
        value = params.get(name, "")
        if value in allowed:
            chosen[name] = value
    return chosen


def _filter_choices(chosen):
    labels = {
        "age": Kit.AgeBand.choices,
        "subject": Kit.Subject.choices,
        "language": [(code, language_for_code(code).own_name) for code in TEXT_LANGUAGES],
    }
    return {name: [FilterChoice(value, str(label), chosen.get(name) == value) for value, label in pairs]
            for name, pairs in labels.items()}


@private_to_permitted
def kit_list(request):
    chosen = chosen_filters(request.GET)
    kits = Kit.objects.public()
    if "age" in chosen:
        kits = kits.filter(age_band=chosen["age"])
    if "subject" in chosen:
        kits = kits.filter(subject_area=chosen["subject"])
    if "language" in chosen:
        kits = kits.written_in(chosen["language"])
    kits = list(kits[:MAX_KITS])
    language = text_language(get_language())
    for kit in kits:
        kit.summary_shown = kit.text("summary", language)
        kit.language_names = [(code, language_for_code(code).own_name) for code in kit.languages()]
    return render(request, "lessons/kit_list.html", {
        "kits": kits, "covers": kit_covers(kits), "filters": _filter_choices(chosen), "chosen": chosen,
        "language": language})


@private_to_permitted
def kit_page(request, slug=None, token=None):
    kit = find_kit(request, slug=slug, token=token)
    language = text_language(get_language())
    beside = second_language(request.GET.get("with"), kit=kit, language=language)
    contents = kit_contents(kit)
    sources = describe(contents, request, language)
    _caption_tracks(request, sources)
    for view in sources:
        view.note_beside = getattr(view.source, field_name("note", beside), "") if beside else ""
    texts = {base: kit_text(kit, base, language, beside)
             for base in ("title", "summary", "objectives", "activities", "vocabulary", "advisories")}
    questions = [(heading, kit_text(kit, base, language, beside)) for base, heading in QUESTIONS]
    response = render(request, "lessons/kit.html", {
        "kit": kit, "contents": contents, "sources": sources, "texts": texts, "questions": questions,
        "has_questions": any(text for _heading, text in questions), "language": language, "beside": beside,
        "beside_choices": language_choices(kit, language), "draft": kit.owner_id is None and not kit.is_public(),
        "written_in": [(code, language_for_code(code).own_name) for code in kit.languages()],
        "page_address": request.build_absolute_uri(kit_url(kit)),
        "tools": {surface: kit_url(kit, surface) for surface in ("slides", "handout", "handout_pdf", "pack")}})
    if not kit.is_public():
        patch_cache_control(response, private=True, max_age=0)
        patch_vary_headers(response, ("Cookie",))
    return response



def _caption_tracks(request, sources):
    """The caption tracks of the kit's players, from transcripts anyone may read for classroom use, in one query
    for the whole kit; the players' template finds them where it looks for an item page's (item_texts_cached)."""
    texts = {view.source.item_id: ItemTexts(recordings=[]) for view in sources if view.player is not None}
    if not texts:
        return
    transcripts = (Transcript.objects.public(use="classroom").filter(recording__item_id__in=texts)
                   .select_related("language", "recording").order_by("recording", "language_id"))
    entries = {}
    for transcript in transcripts:
        transcript.label = language_label(transcript)
        entry = entries.get(transcript.recording_id)
        if entry is None:
            entry = entries[transcript.recording_id] = RecordingTexts(
                recording=transcript.recording, number=len(entries) + 1, playable=True, main=False)
            texts[transcript.recording.item_id].recordings.append(entry)
        entry.transcripts.append(transcript)
    cache = getattr(request, "_oral_history_texts", None)
    request._oral_history_texts = {**(cache or {}), **texts}
