"""What an item page shows: the item as the visitor may see it, its player, people, places and citations."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from archive.languages import language_name
from archive.models import PUBLIC_NAME_FIELDS, Item, ItemAgent
from archive.rights_names import licence_name, rights_name
from oral_histories.timecodes import parse_deep_link

from .citations import citations
from .clips import clip_from_request
from .dates import date_label
from .players import assets_prefetch, derivatives_of, thumbnail
from .structured_data import item_data
from .works import work_label
from .subtitles import item_players


def item_for(accession, user):
    """The item if `user` may see it, with everything the page needs in a fixed number of queries; else None."""
    agents = ItemAgent.objects.select_related("agent").only(
        "item_id", "role", "part", "position", *PUBLIC_NAME_FIELDS)
    return (Item.objects.visible_to(user).filter(accession_number=accession).with_list_pictures()
            .select_related("collection", "tradition")
            .prefetch_related("places", "subjects", "tags", "languages",
                              Prefetch("item_agents", queryset=agents, to_attr="credits"),
                              assets_prefetch(user, item_page=True))
            .first())


def stable_url(request, item):
    """The item's address in the language the reader chose: the prefix is part of what they cite."""
    return request.build_absolute_uri(reverse("item_detail", kwargs={"accession": item.accession_number}))


def item_context(request, item):
    language = translation.get_language()
    title = item.display_title()
    players = item_players(item, item.visible_assets, language=language)
    playable = [p for p in players if p.kind]
    main = playable[0] if playable else None
    _start_at_timecode(request, playable)
    clipped, clip, clip_error = clip_from_request(request, playable)
    if clipped is not None:
        clipped.clip, clipped.clip_error, clip_error = clip, clip_error, ""
    agents = []
    for credit in item.credits:
        if credit.agent not in agents:
            agents.append(credit.agent)
    places = list(item.places.all())
    url = stable_url(request, item)
    # A social preview or a catalogue's thumbnail is a picture off the item's page: the list rule applies to it.
    picture = thumbnail(item.visible_assets) if item.pictures_in_lists else None
    image = request.build_absolute_uri(picture.src) if picture else ""
    return {
        "item": item,
        "title": title,
        "description": item.display_description(),
        "date_text": date_label(item.date),
        "main_player": main,
        "clip_error": clip_error,  # a clip link naming no recording of the page
        "more_players": playable[1:],
        "streams": any(player.hls for player in playable),  # the page loads the HLS loader
        "deep_zoom": deep_zoom(item, playable),
        "credits": item.credits,
        "places": places,
        "subjects": list(item.subjects.all()),
        "tags": list(item.tags.all()),
        "item_languages": [language_name(language.code) for language in item.languages.all()],
        "rights_name": rights_name(item.rights),
        "licence_name": licence_name(item.licence),
        "stable_url": url,
        "og_image": image,
        "citations": citations(item=item, title=title, agents=agents, url=url, accessed=timezone.localdate(),
                               language=language),
        "json_ld": item_data(item=item, title=title, description=item.display_description(), url=url,
                             agents=agents, places=places, image=image, language=language, credits=item.credits),
        "work_label": work_label(item, item.credits, language),
    }


def _start_at_timecode(request, players):
    """A timecode link (`?t=754#player`, `&rec=<file>` for another recording) starts that player there, through a
    media fragment in its sources, so the link works without JavaScript."""
    seconds = int(parse_deep_link(request.GET.get("t", "")[:20]) or 0)
    recording = request.GET.get("rec", "")
    target = next((p for p in players if str(p.asset.pk) == recording), None) if recording else None
    target = target or (players[0] if players and not recording else None)
    if seconds and target is not None and target.kind in ("video", "audio"):
        target.start = seconds


def deep_zoom(item, players):
    """[(asset id, info.json address)] of the pictures with IIIF tiles, on a photograph, document or artwork page."""
    if item.kind not in (Item.Kind.PHOTOGRAPH, Item.Kind.DOCUMENT, Item.Kind.ARTWORK):
        return []
    return [(player.asset.pk, reverse("iiif_image_info", kwargs={"asset_id": player.asset.pk}))
            for player in players if player.kind == "image"
            and any(d.role == "iiif-tiles" for d in derivatives_of(player.asset))]
