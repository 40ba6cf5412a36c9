"""Each source of a kit as every kit surface shows it: title, picture, player, a transcript excerpt, and the
citations, licence and rights statement in the reader's language.

The kit page, the slideshow, the handout and the offline pack all describe sources with `describe()`, so a source
reads the same on screen, on paper and on a USB stick. Only sources `contents.kit_contents` let through reach it,
and files are those anyone may see for classroom use.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone, translation

from archive.models import PUBLIC_NAME_FIELDS, ItemAgent
from archive.rights_names import licence_name, rights_name
from exhibits.citations import citations
from exhibits.dates import date_label
from exhibits.exhibit_pages import covers_for
from exhibits.players import Picture, assets_prefetch, thumbnail
from exhibits.subtitles import item_players
from media_pipeline.speakers import minor_speaker_names, speaker_public
from oral_histories.models import Cue

from .contents import KitContents
from .models import KitSource

# Lines of transcript a whole recording shows as its excerpt; a clip shows the lines it spans, up to this many.
EXCERPT_LINES = 6
CLIP_LINES = 40


@dataclass
class Line:
    """One line of transcript: when it is said (seconds), who says it (as the public is told), what is said."""

    start: float
    speaker: str
    text: str
    language: str = ""


@dataclass
class SourceView:
    source: KitSource
    number: int  # 1, 2, 3... in the kit's order, among the sources shown
    title: str
    url: str  # absolute: printed on handouts and packed into the offline index
    kind_label: str
    description: str = ""
    date: str = ""
    picture: Picture = field(default_factory=Picture)
    player: object = None  # exhibits.players.Player of the film or recording, for a clip or a recording item
    excerpt: list[Line] = field(default_factory=list)
    note: str = ""
    citations: dict = field(default_factory=dict)
    rights_name: str = ""
    licence_name: str = ""

    @property
    def kind(self):
        return self.source.kind

    @property
    def fragment(self):
        return self.source.fragment

    @property
    def clip_start(self):
        return float(self.source.clip_start) if self.source.clip_start is not None else None

    @property
    def clip_end(self):
        return float(self.source.clip_end) if self.source.clip_end is not None else None


def describe(contents: KitContents, request, language: str, *, accessed: date | None = None) -> list[SourceView]:
    """The shown sources of a kit, described in `language`. A fixed number of queries whatever the kit holds."""
    accessed = accessed or timezone.localdate()
    sources = contents.sources
    items = {}
    for source in sources:  # an item in several sources (a clip and the whole) is loaded and prefetched once
        if source.item_id:
            source.item = items.setdefault(source.item_id, source.item)
    if items:
        credits = ItemAgent.objects.select_related("agent").only("item_id", "role", "part", "position",
                                                                  *PUBLIC_NAME_FIELDS)
        prefetch_related_objects(list(items.values()), "collection",
                                 Prefetch("item_agents", queryset=credits, to_attr="credits"),
                                 assets_prefetch(None, use="classroom", to_attr="shown_assets"))
    exhibits = [source.exhibit for source in sources if source.exhibit_id]
    covers = covers_for(exhibits, None)
    lines = _transcript_lines(sources, language)
    views = []
    with translation.override(language):
        for number, source in enumerate(sources, start=1):
            if source.kind == KitSource.Kind.EXHIBIT:
                views.append(_exhibit_view(source, number, request, language, covers))
            else:
                views.append(_item_view(source, number, request, language, accessed, lines.get(source.pk, [])))
    return views


def _exhibit_view(source, number, request, language, covers):
    exhibit = source.exhibit
    return SourceView(source=source, number=number, title=exhibit.display_title(language),
                      url=request.build_absolute_uri(exhibit.get_absolute_url()),
                      kind_label=str(KitSource.Kind.EXHIBIT.label), description=exhibit.display_summary(language),
                      picture=covers.get(exhibit.pk) or Picture(), note=source.display_note(language))


def _item_view(source, number, request, language, accessed, excerpt):
    item = source.item
    title = item.display_title(language)
    url = request.build_absolute_uri(item.get_absolute_url())
    agents = []
    for credit in item.credits:
        if credit.agent not in agents:
            agents.append(credit.agent)
    players = item_players(item, item.shown_assets, language=language)
    recording = next((p for p in players if p.kind in ("video", "audio")), None)
    return SourceView(
        source=source, number=number, title=title, url=url, kind_label=item.get_kind_display(),
        description=item.display_description(language), date=date_label(item.date, language),
        picture=thumbnail(item.shown_assets), player=recording, excerpt=excerpt,
        note=source.display_note(language),
        citations=citations(item=item, title=title, agents=agents, url=url, accessed=accessed, language=language),
        rights_name=rights_name(item.rights), licence_name=licence_name(item.licence))


def _transcript_lines(sources, language) -> dict[int, list[Line]]:
    """{source id: lines}: for a clip, the lines said within it; for a whole recording, its first lines. Lines
    of transcripts anyone may read for classroom use, in the reader's language where the recording has it."""
    wanted: dict[int, list[KitSource]] = {}
    for source in sources:
        if source.item_id:
            wanted.setdefault(source.item_id, []).append(source)
    if not wanted:
        return {}
    cues = (Cue.objects.public(use="classroom").filter(transcript__recording__item_id__in=wanted)
            .select_related("transcript__recording", "transcript__language")
            .order_by("transcript__recording__item_id", "transcript_id", "start_ms"))
    names = minor_speaker_names(item_ids=wanted)
    by_item: dict[int, dict[int, list]] = {}
    for cue in cues:
        by_item.setdefault(cue.transcript.recording.item_id, {}).setdefault(cue.transcript_id, []).append(cue)
    found = {}
    for item_id, transcripts in by_item.items():
        lines = _transcript_for(transcripts, language)
        for source in wanted[item_id]:
            if source.kind == KitSource.Kind.CLIP:
                start_ms, end_ms = float(source.clip_start) * 1000, float(source.clip_end) * 1000
                chosen = [cue for cue in lines if cue.end_ms > start_ms and cue.start_ms < end_ms][:CLIP_LINES]
            else:
                chosen = lines[:EXCERPT_LINES]
            found[source.pk] = [
                Line(start=cue.start_ms / 1000, speaker=speaker_public(cue.speaker, names=names.get(item_id, {})),
                     text=cue.text, language=cue.transcript.html_lang()) for cue in chosen]
    return found


def _transcript_for(transcripts: dict[int, list], language: str) -> list:
    """The lines of the transcript in the reader's language if there is one, else of the first transcript."""
    for cues in transcripts.values():
        code = cues[0].transcript.html_lang()
        if code == language or code.split("-")[0] == language:
            return cues
    return next(iter(transcripts.values()))
