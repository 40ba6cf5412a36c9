"""What a gallery shows for a recording or film that has no picture: its kind, its length, its waveform and a line
of its transcript, instead of a blank square."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When

from archive.languages import language_for_code, language_for_iso639_3, text_language
from archive.models import Item
from oral_histories.models import Cue

from .players import player_for

CARD_BARS = 48


@dataclass
class RecordingCard:
    duration: float = 0.0
    peaks: list = field(default_factory=list)
    line: str = ""
    line_lang: str = ""

    def __bool__(self):
        return bool(self.duration or self.peaks or self.line)


def _first_lines(item_ids, user, language):
    """{item id: (text, language code)} of each item's first transcript line the visitor may read, in the page's
    language where there is a transcript in it: one query."""
    preferred = language_for_code(text_language(language)).iso639_3
    cues = (Cue.objects.visible_to(user, use="exhibits").filter(transcript__recording__item=OuterRef("pk"))
            .exclude(text="")
            .order_by(Case(When(transcript__language_id=preferred, then=Value(0)), default=Value(1),
                           output_field=IntegerField()), "transcript__recording__position", "start_ms", "pk"))
    rows = (Item.objects.filter(pk__in=item_ids)
            .annotate(line=Subquery(cues.values("text")[:1]), line_language=Subquery(cues.values("transcript__language")[:1]))
            .values_list("pk", "line", "line_language"))
    return {pk: (text, line_language) for pk, text, line_language in rows if text}


def recording_cards(items, user, language):
    """{item id: RecordingCard} for the given items (their files prefetched as `shown_assets`) that have a film or
    recording the visitor may play."""
    players = {}
    for item in items:
        player = next((p for p in map(player_for, item.shown_assets) if p.kind in ("audio", "video")), None)
        if player is not None:
            players[item.pk] = player
    if not players:
        return {}
    lines = _first_lines(list(players), user, language)
    cards = {}
    for pk, player in players.items():
        text, code = lines.get(pk, ("", ""))
        archive_language = language_for_iso639_3(code) if code else None
        cards[pk] = RecordingCard(duration=player.duration, peaks=_fold(player.peaks, CARD_BARS), line=text,
                                  line_lang=archive_language.html_lang if archive_language else code)
    return cards


def _fold(peaks, bars):
    if len(peaks) <= bars:
        return peaks
    size = len(peaks) / bars
    return [max(peaks[int(i * size):int((i + 1) * size)] or [0]) for i in range(bars)]
