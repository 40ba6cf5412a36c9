"""Subtitle tracks for the players of an item: every caption file the visitor may see, in its language.

A caption file (from the admin, a spreadsheet import or a contribution) is an asset of its own whose web version
is a `captions` derivative (WebVTT, served by the access-checking media view). Its language is the asset's
`language`, else a language code in its name before the extension (`film.th.srt`, `film.tha.srt`), else the
item's original language. It plays with the film or recording of the same name, else with the item's first one.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from archive.languages import iso639_3_name, language_for_code, language_for_iso639_3, text_language

from .players import derivatives_of, player_for


@dataclass(frozen=True)
class Subtitles:
    url: str
    srclang: str  # the tag a browser knows: "th" for the archive's languages, the ISO 639-3 code for others
    label: str  # the language's name in the page's language
    default: bool = False


def _name_parts(name):
    """(stem without a language code, the ISO 639-3 code named before the extension or "")."""
    stem = PurePosixPath(name or "").stem
    base, _dot, code = stem.rpartition(".")
    code = code.lower()
    if base and len(code) == 2:
        try:
            return base, language_for_code(code).iso639_3
        except KeyError:
            return stem, ""
    if base and len(code) == 3 and iso639_3_name(code):
        return base, code
    return stem, ""


def caption_language(asset, item) -> str:
    """The ISO 639-3 code of a caption file's text."""
    return asset.language or _name_parts(asset.original_name)[1] or language_for_code(
        text_language(item.original_language)).iso639_3


def _track(derivative, code, page_language):
    archive_language = language_for_iso639_3(code)
    if archive_language:
        return Subtitles(derivative.url, archive_language.html_lang, str(archive_language.name),
                         default=archive_language.code == page_language)
    return Subtitles(derivative.url, code, iso639_3_name(code) or code)


def item_players(item, assets, *, language):
    """The players of an item's visible files, each film and recording with its subtitle tracks; the page's
    language is the default track (one default per player)."""
    page_language = text_language(language)
    players = [player_for(asset) for asset in assets]
    recordings = [p for p in players if p.kind in ("video", "audio")]
    by_stem = {_name_parts(p.asset.original_name)[0]: p for p in recordings if p.asset.original_name}
    for asset in assets:
        for derivative in derivatives_of(asset):
            if derivative.role != "captions":
                continue
            owner = next((p for p in recordings if p.asset.pk == asset.pk), None)
            owner = owner or by_stem.get(_name_parts(asset.original_name)[0]) or (recordings[0] if recordings else None)
            if owner is not None:
                owner.subtitles.append(_track(derivative, caption_language(asset, item), page_language))
    for player in recordings:
        _one_default(player)
    return players


def _one_default(player):
    seen = False
    for number, track in enumerate(player.subtitles):
        if track.default and seen:
            player.subtitles[number] = Subtitles(track.url, track.srclang, track.label)
        seen = seen or track.default
    labels = [track.label for track in player.subtitles]
    for number, track in enumerate(player.subtitles):
        if labels.count(track.label) > 1:
            count = labels[:number + 1].count(track.label)
            player.subtitles[number] = Subtitles(track.url, track.srclang, f"{track.label} {count}", track.default)
