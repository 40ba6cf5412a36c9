"""IIIF for other viewers and for the item page's deep zoom. Every answer goes through the access policy: what a
visitor may not see is absent (404), never marked. Any site may read what is public (CORS `*`, no credentials)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from media_pipeline.views import media_file

from .images import service_info, tile_path, tiles_of
from .manifests import item_manifest, manifest_item

PRESENTATION = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
IMAGE = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data, content_type):
    return _cors(JsonResponse(data, content_type=content_type, json_dumps_params={"ensure_ascii": False}))


@require_safe
def manifest(request, accession):
    item = manifest_item(accession, request.user)
    if item is None:
        raise Http404("No such item")
    return _cors(HttpResponse(item_manifest(item, absolute=request.build_absolute_uri), content_type=PRESENTATION))


@require_safe
def image_info(request, asset_id):
    tiles = tiles_of(asset_id, request.user)
    if tiles is None:
        raise Http404("No such image")
    service_id = request.build_absolute_uri(reverse("iiif_image_service", kwargs={"asset_id": asset_id}))
    try:
        info = service_info(tiles, service_id)
    except (OSError, ValueError, KeyError):
        raise Http404("No such image") from None  # a row whose file is gone: the media view says the same
    return _json(info, IMAGE)


@require_safe
def image_tile(request, asset_id, region, size, rotation, quality_format):
    tiles = tiles_of(asset_id, request.user)
    if tiles is None:
        raise Http404("No such image")
    return _cors(media_file(request, tile_path(tiles, region, size, rotation, quality_format)))
