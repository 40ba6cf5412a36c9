"""The offline pack of a lesson kit: a zip a teacher copies to a USB stick or a phone and opens with no server and
no network.

index.html at the zip's root (with kit-pack.css and kit-pack.js beside it, by relative addresses only) shows the
kit's texts and each source with its small rendition, captions, transcript excerpt, citations, licence and rights
statement, in the language of the page the pack was downloaded from; README.txt says what the pack is and under
which licences its files are.

What goes in follows two rules. The classroom rule: only the sources `contents.kit_contents` lets through, and of
them only the files `sources.describe` loads, which are `contents.classroom_files` (withheld files and a minor's
pictures kept out of lists never reach it). The copying rule, `may_copy`: a source whose licence and rights
statement do not allow a copy for a class gets a link to the archive instead of files.

Files are read through the storage API in chunks and the zip is written as the response goes out, so a film is
never held in memory, on local folders or on object storage. A pack larger than ARCHIVE_PACK_MAX_BYTES is
refused with a page that says so.
"""

import html
import io
import json
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language

from archive.languages import language_for_code, text_language
from archive.storage import CHUNK, public_storage
from exhibits import clips
from exhibits.players import derivatives_of
from media_pipeline.speakers import minor_speaker_names, webvtt_public_voices
from media_pipeline.timed_text import TimedTextError, parse_timed_text
from oral_histories.timecodes import format_clock

from .contents import kit_contents
from .copying import may_copy
from .handout import handout_pdf
from .lookup import find_kit, kit_url
from .models import Kit, KitSource
from .sources import SourceView, describe

# The narrowest picture a class can read on a phone or a projector: the pack takes the smallest image at least
# this wide (the image sizes are 320, 640, 1280 and 2048 pixels wide), or the widest there is.
PACK_IMAGE_WIDTH = 640
# The pack's own page files, from static/ (read when a pack is made, so they are the ones of this release).
PAGE_FILES = ("css/kit-pack.css", "js/kit-pack.js")
# A caption file is read whole (to name a child by public name only); none is anywhere near this.
CAPTIONS_MAX_BYTES = 8 * 1024 * 1024
# Room for the zip's own headers and directory, per entry.
ZIP_OVERHEAD = 200

@dataclass
class Entry:
    """One file of the zip: bytes made here (`data`) or a stored file of the public storage (`path`)."""

    name: str  # inside the zip: ASCII letters, digits, hyphens and dots, under a fixed folder
    size: int
    data: bytes | None = None
    path: str = ""

    @property
    def compressed(self):
        """Texts are deflated; media files are compressed already and are stored as they are."""
        return self.data is not None


@dataclass
class Track:
    name: str  # the WebVTT file
    script: str  # the same cues as a script: a page opened from file:// may not load a <track>, but may run one
    srclang: str
    label: str
    default: bool = False


@dataclass
class PackedSource:
    """A source as the pack holds it: the names in the zip of what it carries (all empty when linked only)."""

    view: SourceView
    copied: bool
    image: str = ""
    image_width: int = 0
    image_height: int = 0
    media: str = ""
    media_kind: str = ""  # "video" or "audio"
    poster: str = ""
    tracks: list[Track] = field(default_factory=list)
    transcript: str = ""

    @property
    def excerpt(self):
        return self.view.excerpt if self.copied else []

    @property
    def is_exhibit(self):
        return self.view.kind == KitSource.Kind.EXHIBIT

    @property
    def clip_times(self):
        """(start, end) of a clip as a player shows them, with tenths of a second when a time has them."""
        if self.view.clip_end is None:
            return None
        return clip_clock(self.view.clip_start), clip_clock(self.view.clip_end)


@dataclass
class Pack:
    kit: Kit
    language: str
    entries: list[Entry] = field(default_factory=list)
    sources: list[PackedSource] = field(default_factory=list)
    removed: int = 0
    handout: str = ""

    @property
    def size(self):
        return sum(entry.size + ZIP_OVERHEAD for entry in self.entries)

    @property
    def filename(self):
        return f"{ascii_name(self.kit.slug, 'lesson-kit')}-{self.language}.zip"

    def add(self, name, *, data=None, path="", size=None):
        entry = Entry(name=name, size=len(data) if data is not None else size, data=data, path=path)
        self.entries.append(entry)
        return name


def ascii_name(text: str, fallback: str) -> str:
    """A file name part of ASCII letters, digits and hyphens only (no dots, slashes or spaces), at most 40
    characters; `fallback` when nothing of `text` is left (a title or slug in Thai script)."""
    return slugify(text or "")[:40].strip("-_") or fallback


def clip_clock(seconds: float) -> str:
    """0:01.5 for a second and a half; 1:02:03 past an hour; no tenths when there are none: a clip's ends to the
    tenth of a second, as exhibits.clips writes them."""
    return clips.clip_clock(round(seconds, 1))


def small_image(derivatives, role="image"):
    """The smallest rendition at least PACK_IMAGE_WIDTH wide (of two that wide, the smaller file), else the widest."""
    images = [d for d in derivatives if d.role == role]
    if not images:
        return None
    wide = [d for d in images if (d.width or 0) >= PACK_IMAGE_WIDTH]
    if wide:
        return min(wide, key=lambda d: (d.width, d.size or 0))
    return max(images, key=lambda d: (d.width or 0, -(d.size or 0)))


def pack_build(*, kit: Kit, request, language: str) -> Pack:
    """Everything the kit's offline pack holds, with each file's size, in `language`; nothing is read but the
    small texts (captions). A fixed number of queries whatever the kit holds."""
    contents = kit_contents(kit)
    views = describe(contents, request, language)
    pack = Pack(kit=kit, language=language, removed=contents.removed)
    item_ids = {view.source.item_id for view in views if view.source.item_id}
    minors = minor_speaker_names(item_ids=item_ids) if item_ids else {}
    with translation.override(language):
        for view in views:
            pack.sources.append(_pack_source(pack, view, minors))
        add_handout(pack, request)
        for name in PAGE_FILES:
            with open(finders.find(name), "rb") as page_file:
                pack.add(PurePosixPath(name).name, data=page_file.read())
        context = {"pack": pack, "kit": kit, "title": kit.display_title(language), "kit_url":
                   request.build_absolute_uri(kit_url(kit)), "made": timezone.localdate(),
                   "html_lang": language_for_code(text_language(language)).html_lang,
                   "advisories": kit.lines("advisories", language), "summary": kit.text("summary", language),
                   "texts": _kit_texts(kit, language)}
        pack.add("index.html", data=render_to_string("lessons/pack/index.html", context).encode())
        pack.add("README.txt", data=render_to_string("lessons/pack/README.txt", context).encode())
    return pack


def add_handout(pack: Pack, request) -> None:
    """The kit's printable handout (lessons/handout.py) as handout.pdf, linked from index.html."""
    pack.handout = pack.add("handout.pdf", data=handout_pdf(pack.kit, request, pack.language))


def _kit_texts(kit, language):
    """[(label, lines)] of the kit's texts for a class, in the order a lesson meets them."""
    bases = (("learning objectives", "objectives"), ("guiding questions: observe", "questions_observe"),
             ("guiding questions: reflect", "questions_reflect"), ("guiding questions: question", "questions_question"),
             ("activities", "activities"), ("vocabulary", "vocabulary"))
    texts = []
    for label, base in bases:
        lines = kit.lines(base, language)
        if lines:
            texts.append((translation.gettext(label), lines))
    return texts


def _pack_source(pack, view, minors):
    source = view.source
    if source.kind == KitSource.Kind.EXHIBIT:
        return PackedSource(view=view, copied=False)
    item = source.item
    if not may_copy(rights=item.rights, licence=item.licence):
        return PackedSource(view=view, copied=False)
    packed = PackedSource(view=view, copied=True)
    stem = f"sources/{view.number:02d}-{ascii_name(item.accession_number, 'source')}"
    player = view.player
    if player is not None and player.kind == "video" and player.mp4s:
        film = min(player.mp4s, key=lambda d: (d.height or 0, d.size or 0))
        packed.media, packed.media_kind = _add_stored(pack, film, stem), "video"
        poster = small_image(derivatives_of(player.asset), role="poster")
        packed.poster = _add_stored(pack, poster, f"{stem}-poster") if poster else ""
    elif player is not None and player.audios:
        sound = min(player.audios, key=lambda d: (d.bitrate or 0, d.size or 0))
        packed.media, packed.media_kind = _add_stored(pack, sound, stem), "audio"
    if not packed.media:
        packed.media_kind = ""
    if packed.media_kind != "video":
        image = next((found for found in (small_image(derivatives_of(asset)) for asset in item.shown_assets)
                      if found), None)
        if image is not None:
            packed.image = _add_stored(pack, image, stem)
            packed.image_width, packed.image_height = image.width or 0, image.height or 0
    if packed.media:
        packed.tracks = _add_captions(pack, player, item, stem, minors.get(item.pk, {}))
    if view.excerpt:
        packed.transcript = pack.add(f"{stem}-transcript.txt", data=_transcript_text(view).encode())
    return packed


def _suffix(path):
    suffix = PurePosixPath(path).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""


def _add_stored(pack, derivative, stem):
    """Add a derivative's file as `stem` with its own suffix; "" when its file is not in storage."""
    if not public_storage.exists(derivative.path):
        return ""
    return pack.add(stem + _suffix(derivative.path), path=derivative.path, size=public_storage.size(derivative.path))


def _add_captions(pack, player, item, stem, names):
    """The player's caption files as WebVTT beside its media, each voice naming a child by public name only."""
    by_url = {d.url: d for asset in item.shown_assets for d in derivatives_of(asset) if d.role == "captions"}
    tracks = []
    for number, subtitles in enumerate(player.subtitles, start=1):
        derivative = by_url.get(subtitles.url)
        if derivative is None or not public_storage.exists(derivative.path):
            continue
        with public_storage.open(derivative.path, "rb") as stored:
            text = stored.read(CAPTIONS_MAX_BYTES).decode("utf-8", errors="replace")
        text = webvtt_public_voices(text, names=names)
        try:
            cues = parse_timed_text(text, overlaps=True).cues
        except TimedTextError:
            continue
        name = f"{stem}-{number}-{ascii_name(subtitles.srclang, 'captions')}"
        pack.add(f"{name}.vtt", data=text.encode())
        pack.add(f"{name}.js", data=_captions_script(f"{name}.vtt", cues).encode())
        tracks.append(Track(name=f"{name}.vtt", script=f"{name}.js", srclang=subtitles.srclang, label=subtitles.label,
                            default=subtitles.default))
    return tracks


def _captions_script(name, cues):
    """A caption file's cues as a script kit-pack.js reads: [[start, end, cue text], ...] under the file's name.
    The text is escaped as WebVTT cue text, which the browser reads markup in."""
    data = [[cue.start_ms / 1000, cue.end_ms / 1000,
             html.escape(f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text, quote=False)] for cue in cues]
    return ("window.kitPackCaptions = window.kitPackCaptions || {};\n"
            f"window.kitPackCaptions[{json.dumps(name)}] = {json.dumps(data)};\n")


def _transcript_text(view):
    lines = [view.title, view.url, ""]
    for line in view.excerpt:
        said = f"{line.speaker}: {line.text}" if line.speaker else line.text
        lines.append(f"[{format_clock(line.start * 1000)}] {said}")
    return "\n".join(lines) + "\n"


class _Pipe(io.RawIOBase):
    """Where the zip writer writes: an unseekable stream whose bytes are taken out as the response goes."""

    def __init__(self):
        self.parts = []

    def writable(self):
        return True

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def take(self):
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def pack_stream(pack: Pack):
    """The zip's bytes, piece by piece: each stored file read and written in chunks of archive.storage.CHUNK."""
    pipe = _Pipe()
    when = time.localtime()[:6]
    with zipfile.ZipFile(pipe, "w") as archive:
        for entry in pack.entries:
            info = zipfile.ZipInfo(entry.name, date_time=when)
            info.external_attr = 0o644 << 16
            if entry.compressed:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, entry.data)
            else:
                info.compress_type = zipfile.ZIP_STORED
                info.file_size = entry.size
                with archive.open(info, "w") as out, public_storage.open(entry.path, "rb") as stored:
                    remaining = entry.size  # no more than was counted against the size limit
                    while remaining > 0 and (chunk := stored.read(min(CHUNK, remaining))):
                        remaining -= len(chunk)
                        out.write(chunk)
                        yield pipe.take()
            yield pipe.take()
    yield pipe.take()


def offline_pack(request, slug=None, token=None):
    """The kit's offline pack as a zip download, or a page saying it is too large to make."""
    kit = find_kit(request, slug=slug, token=token)
    language = get_language()
    pack = pack_build(kit=kit, request=request, language=language)
    limit = settings.ARCHIVE_PACK_MAX_BYTES
    if pack.size > limit:
        response = render(request, "lessons/pack/too_large.html",
                          {"kit": kit, "size": filesizeformat(pack.size), "limit": filesizeformat(limit),
                           "kit_url": kit_url(kit)}, status=413)
    else:
        response = StreamingHttpResponse(pack_stream(pack), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    # What a kit packs changes the moment consent is withdrawn: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
