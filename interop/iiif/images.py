"""The IIIF Image API (level 0) for deep zoom: the media pipeline's static tiles, behind the access policy.

An image service's address is `/iiif/image/<asset>`, stable whatever folder the tiles were last made in. Its
`info.json` is the pipeline's file with that address added as `id`; a tile request is mapped to the file the
pipeline wrote for it and answered by the media view, which asks the access policy again.
"""

import json
import re

from django.http import Http404

from archive.models import Asset
from archive.storage import public_storage
from media_pipeline.images import tile_region
from media_pipeline.models import Derivative

REGION = re.compile(r"^(?:full|(\d+),(\d+),(\d+),(\d+))$")
SIZE = re.compile(r"^(?:max|(\d+),(\d*)|,(\d+))$")


def tiles_of(asset_id, user):
    """The tiles' info.json Derivative of a file `user` may see, or None."""
    visible = Asset.objects.visible_to(user).filter(pk=asset_id)
    return (Derivative.objects.filter(asset__in=visible, role=Derivative.Role.TILES)
            .select_related("asset").first())


def service_info(derivative, service_id):
    """The info.json document, with `id` set to the service's absolute address."""
    with public_storage.open(derivative.path, "rb") as handle:
        info = json.loads(handle.read().decode("utf-8"))
    return {"@context": info.pop("@context"), "id": service_id, **info}


def tile_path(derivative, region, size, rotation, quality_format):
    """The file in public storage for one Image API request, written canonically; Http404 for what level 0 lacks.

    Clients spell the same tile differently (`max` for its full size, `w,` with the height left out, the whole
    picture as `0,0,W,H`): each is reduced to the one spelling the pipeline wrote.
    """
    if rotation != "0" or quality_format != "default.jpg":
        raise Http404("Level 0 tiles are JPEG in their default quality, unrotated.")
    full = (derivative.width, derivative.height)
    match = REGION.match(region)
    if not match:
        raise Http404("No such region.")
    x, y, w, h = (0, 0, *full) if region == "full" else map(int, match.groups())
    if w <= 0 or h <= 0 or x + w > full[0] or y + h > full[1]:
        raise Http404("No such region.")
    match = SIZE.match(size)
    if not match:
        raise Http404("No such size.")
    width, height, only_height = match.groups()
    if size == "max":
        width, height = w, h
    elif only_height or not height:
        # One side given: the level whose scale factor (1, 2, 4...) gives that side, rounded up as the tiles are.
        factor = next((2 ** n for n in range(31) if _scaled(h if only_height else w, 2 ** n) == int(
            only_height or width)), None)
        if factor is None:
            raise Http404("No such size.")
        width, height = _scaled(w, factor), _scaled(h, factor)
    else:
        width, height = int(width), int(height)
    return f"{derivative.folder}/{tile_region(x, y, w, h, full)}/{width},{height}/0/default.jpg"


def _scaled(length, factor):
    return -(-length // factor)
