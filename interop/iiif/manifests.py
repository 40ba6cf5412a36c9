"""IIIF Presentation API 3.0 manifests of items, built with iiif-prezi3 from what the media pipeline made.

One canvas per file the visitor may see: a picture is a canvas of its full size (with the deep-zoom image service
when it has tiles), a film or recording a time-based canvas of its duration. Captions and transcripts are WebVTT
supplementing annotations on the recording they belong to. Every media address is the access-checked media view
(or the transcript view), so a manifest never opens a door the item page keeps shut.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from iiif_prezi3 import (
    Annotation,
    AnnotationBody,
    AnnotationPage,
    Canvas,
    Homepage,
    KeyValueString,
    Manifest,
    ServiceV3,
)

from archive.languages import TEXT_LANGUAGES, field_name
from archive.models import Asset, Item, ItemAgent
from media_pipeline.models import Derivative
from oral_histories.item_texts import language_label
from oral_histories.models import Transcript



def manifest_item(accession, user):
    """The item if `user` may see it, with its visible files, their derivatives and transcripts; else None."""
    transcripts = Transcript.objects.visible_to(user).select_related("language").order_by("language_id")
    files = (Asset.objects.visible_to(user).order_by("position", "pk")
             .prefetch_related("derivatives", Prefetch("transcripts", queryset=transcripts, to_attr="texts")))
    credits = ItemAgent.objects.select_related("agent").order_by("position", "pk")
    return (Item.objects.visible_to(user).filter(accession_number=accession)
            .prefetch_related(Prefetch("assets", queryset=files, to_attr="files"),
                              Prefetch("item_agents", queryset=credits, to_attr="credits"))
            .first())


def languages_of(record, base):
    """{"th": ["…"], "en": ["…"]}: the record's text in every catalogue language it has, its original first."""
    first = getattr(record, "original_language", "en")
    order = [first, *(code for code in TEXT_LANGUAGES if code != first)]
    return {code: [value] for code in order if (value := getattr(record, field_name(base, code), "").strip())}


def in_languages(text, languages):
    """An interface string in each of `languages`, from the interface's own translations."""
    values = {}
    for code in languages:
        with translation.override(code):
            values[code] = [str(text() if callable(text) else text)]
    return values


def rights_uri(item):
    """The licence's Creative Commons address when the item has one, else its rightsstatements.org statement."""
    return item.licence_url(scheme="http") or item.rights


def item_manifest(item, *, absolute):
    """The manifest of `item` as JSON text. `absolute(path)` makes a full URL of a site path."""
    with translation.override("en"):
        manifest_id = absolute(reverse("iiif_manifest", kwargs={"accession": item.accession_number}))
        page_url = absolute(reverse("item_detail", kwargs={"accession": item.accession_number}))
    base = manifest_id.removesuffix("/manifest.json")
    label = languages_of(item, "title")
    languages = list(label)
    summary = languages_of(item, "description")
    canvases = []
    # Caption files uploaded beside a film belong to it: they go with the item's first time-based canvas.
    loose_captions = [d for asset in item.files if asset.kind == Asset.Kind.CAPTION
                      for d in asset.derivatives.all() if d.role == Derivative.Role.CAPTIONS]
    for asset in item.files:
        canvas = _canvas(asset, base=base, absolute=absolute, extra_captions=loose_captions)
        if canvas is not None:
            canvases.append(canvas)
            if canvas.duration:
                loose_captions = []
    if len(canvases) > 1:
        for number, canvas in enumerate(canvases, start=1):
            canvas.label = {code: [f"{title[0]} ({number})"] for code, title in label.items()}
    else:
        for canvas in canvases:
            canvas.label = label
    manifest = Manifest(
        id=manifest_id, label=label, summary=summary or None, items=canvases, rights=rights_uri(item),
        requiredStatement=KeyValueString(label=in_languages(lambda: _("Attribution"), languages),
                                         value=_attribution(item, languages)),
        metadata=_metadata(item, languages) or None,
        homepage=[Homepage(id=page_url, type="Text", format="text/html", label=label, language=languages)],
    )
    return manifest.jsonld()  # UTF-8 as it is: Thai, Burmese, Khmer and Lao stay readable


def _attribution(item, languages):
    names = []
    for credit in item.credits:
        if credit.agent.public_name() not in names:
            names.append(credit.agent.public_name())

    def text():
        parts = [_("Migrant Labour History Archive"), item.accession_number]
        return " · ".join([", ".join(names), *parts] if names else parts)

    return in_languages(text, languages)


def _metadata(item, languages):
    entries = []
    if item.date:
        entries.append(KeyValueString(label=in_languages(lambda: _("Date"), languages), value={"none": [item.date]}))
    people = {}
    for credit in item.credits:
        people.setdefault(credit.agent.public_name(), credit)
    if people:
        value = in_languages(lambda: "; ".join(f"{name} ({credit.get_role_display()})"
                                               for name, credit in people.items()), languages)
        entries.append(KeyValueString(label=in_languages(lambda: _("People"), languages), value=value))
    entries.append(KeyValueString(label=in_languages(lambda: _("Accession number"), languages),
                                  value={"none": [item.accession_number]}))
    return entries


def _canvas(asset, *, base, absolute, extra_captions=()):
    roles = {}
    for derivative in asset.derivatives.all():
        roles.setdefault(derivative.role, []).append(derivative)
    canvas_id = f"{base}/canvas/{asset.pk}"
    if roles.get(Derivative.Role.MP4) or roles.get(Derivative.Role.HLS_MASTER):
        canvas = _video_canvas(canvas_id, roles, absolute)
    elif roles.get(Derivative.Role.AUDIO):
        audio = max(roles[Derivative.Role.AUDIO], key=lambda d: d.bitrate or 0)
        canvas = _painted(canvas_id, AnnotationBody(id=absolute(audio.url), type="Sound", format=audio.mime_type,
                                                    duration=audio.duration), duration=audio.duration)
    elif roles.get(Derivative.Role.IMAGE):
        canvas = _image_canvas(canvas_id, asset, roles, absolute)
    else:
        return None
    tracks = _tracks(asset, [*roles.get(Derivative.Role.CAPTIONS, []), *extra_captions], absolute) \
        if canvas.duration else []
    if tracks:
        canvas.annotations = [AnnotationPage(id=f"{canvas_id}/captions", items=[
            Annotation(id=f"{canvas_id}/captions/{n}", motivation="supplementing", body=body, target=canvas_id)
            for n, body in enumerate(tracks, start=1)])]
    return canvas


def _painted(canvas_id, body, *, width=None, height=None, duration=None):
    annotation = Annotation(id=f"{canvas_id}/painting/1", motivation="painting", body=body, target=canvas_id)
    return Canvas(id=canvas_id, width=width, height=height, duration=duration,
                  items=[AnnotationPage(id=f"{canvas_id}/painting", items=[annotation])])


def _video_canvas(canvas_id, roles, absolute):
    mp4s = roles.get(Derivative.Role.MP4, [])
    source = max(mp4s, key=lambda d: d.height or 0) if mp4s else roles[Derivative.Role.HLS_MASTER][0]
    duration = source.duration or next((d.duration for d in mp4s + roles.get(Derivative.Role.SPRITE_VTT, [])
                                        if d.duration), None)
    body = AnnotationBody(id=absolute(source.url), type="Video", format=source.mime_type, width=source.width,
                          height=source.height, duration=duration)
    canvas = _painted(canvas_id, body, width=source.width, height=source.height, duration=duration)
    posters = roles.get(Derivative.Role.POSTER)
    if posters:
        canvas.thumbnail = [AnnotationBody(id=absolute(posters[0].url), type="Image", format=posters[0].mime_type,
                                           width=posters[0].width, height=posters[0].height)]
    return canvas


def _image_canvas(canvas_id, asset, roles, absolute):
    images = [d for d in roles[Derivative.Role.IMAGE] if d.mime_type == "image/jpeg"] or roles[Derivative.Role.IMAGE]
    largest = max(images, key=lambda d: d.width or 0)
    body = AnnotationBody(id=absolute(largest.url), type="Image", format=largest.mime_type, width=largest.width,
                          height=largest.height)
    width, height = largest.width, largest.height
    tiles = roles.get(Derivative.Role.TILES)
    if tiles:
        width, height = tiles[0].width, tiles[0].height
        service = absolute(reverse("iiif_image_service", kwargs={"asset_id": asset.pk}))
        body.service = [ServiceV3(id=service, type="ImageService3", profile="level0")]
    return _painted(canvas_id, body, width=width, height=height)


def _tracks(asset, captions, absolute):
    """WebVTT bodies: the recording's caption files, then its transcripts, each with its language."""
    bodies = [AnnotationBody(id=absolute(d.url), type="Text", format="text/vtt",
                             label=in_languages(lambda: _("Captions"), TEXT_LANGUAGES)) for d in captions]
    for transcript in asset.texts:
        url = absolute(reverse("oral_histories:transcript_vtt", kwargs={"pk": transcript.pk}))
        bodies.append(AnnotationBody(
            id=url, type="Text", format="text/vtt", language=transcript.html_lang(),
            label=in_languages(lambda t=transcript: _("Transcript (%(language)s)") % {"language": language_label(t)},
                               TEXT_LANGUAGES)))
    return bodies
