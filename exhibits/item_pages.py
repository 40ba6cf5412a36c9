"""What an item page shows: the item as the visitor may see it, its player, people, places and citations."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from archive.languages import language_name
from archive.models import Item, ItemAgent
from archive.rights_names import licence_name, rights_name

from .citations import citations
from .dates import date_label
from .players import assets_prefetch, derivatives_of, player_for, thumbnail
from .structured_data import item_data


def item_for(accession, user):
    """The item if `user` may see it, with everything the page needs in a fixed number of queries; else None."""
    agents = ItemAgent.objects.select_related("agent").only(
        "item_id", "role", "position", "agent__id", "agent__display_name")
    return (Item.objects.visible_to(user).filter(accession_number=accession).select_related("collection")
            .prefetch_related("places", "subjects", "tags", "languages",
                              Prefetch("item_agents", queryset=agents, to_attr="credits"), assets_prefetch(user))
            .first())


def stable_url(request, item):
    """The item's address in the language the reader chose: the prefix is part of what they cite."""
    return request.build_absolute_uri(reverse("item_detail", kwargs={"accession": item.accession_number}))


def item_context(request, item):
    language = translation.get_language()
    title = item.display_title()
    players = [player_for(asset) for asset in item.visible_assets]
    playable = [p for p in players if p.kind]
    main = playable[0] if playable else None
    agents = []
    for credit in item.credits:
        if credit.agent not in agents:
            agents.append(credit.agent)
    places = list(item.places.all())
    url = stable_url(request, item)
    picture = thumbnail(item.visible_assets)
    image = request.build_absolute_uri(picture.src) if picture else ""
    return {
        "item": item,
        "title": title,
        "description": item.display_description(),
        "date_text": date_label(item.date),
        "main_player": main,
        "more_players": playable[1:],
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
                             agents=agents, places=places, image=image, language=language),
    }


def deep_zoom(item, players):
    """[(asset id, info.json address)] of the pictures with IIIF tiles, on a photograph or document's page only."""
    if item.kind not in (Item.Kind.PHOTOGRAPH, Item.Kind.DOCUMENT):
        return []
    return [(player.asset.pk, reverse("iiif_image_info", kwargs={"asset_id": player.asset.pk}))
            for player in players if player.kind == "image"
            and any(d.role == "iiif-tiles" for d in derivatives_of(player.asset))]
