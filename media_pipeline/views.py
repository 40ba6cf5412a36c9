"""Media files reach visitors only through this view, which applies the access policy: a derivative of a hidden
item is as hidden as the item. Originals live in private storage and have no URL at all.

On local storage the view sends the bytes (with Range) or hands them to nginx (X-Accel-Redirect). On object
storage it answers, after the same check, with a redirect to a presigned address that expires after
ARCHIVE_S3_URL_SECONDS; only the small text files (HLS playlists, WebVTT, JSON) are read and sent by the view
itself, so an HLS playlist's relative segment addresses come back here and each segment is checked and signed
on its own.

A caption file of an item with a minor among its people is read and sent by the view, its <v Name> voice spans
naming the child by public name only (media_pipeline.speakers).
"""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from archive.models import Asset
from archive.storage import is_local, public_storage
from .speakers import minor_speaker_names, webvtt_public_voices

from .models import Derivative
from .serving import file_slice, parse_range

# Public media may sit in browsers and shared caches for an hour: withdrawal of consent reaches them within it.
PUBLIC_MAX_AGE = 3600
TYPES = {".m3u8": "application/vnd.apple.mpegurl", ".m4s": "video/iso.segment", ".mp4": "video/mp4",
         ".m4a": "audio/mp4", ".vtt": "text/vtt; charset=utf-8", ".json": "application/json",
         ".webp": "image/webp", ".jpg": "image/jpeg"}
# Sent by the view even from object storage: small, and read by scripts that would need CORS from the bucket.
SENT_BY_THE_VIEW = {".m3u8", ".vtt", ".json"}


@require_safe
def media_file(request, path):
    folder, asset_id = published_folder(path)
    derivative = (Derivative.objects.select_related("asset__item")
                  .filter(asset_id=asset_id, path__startswith=folder + "/").first())
    if derivative is None or not derivative.asset.is_visible_to(request.user):
        raise Http404("No such media file.")
    if not public_storage.exists(path):
        raise Http404("No such media file.")
    public = Asset.objects.public().filter(pk=derivative.asset_id).exists()
    if not is_local(public_storage) and PurePosixPath(path).suffix not in SENT_BY_THE_VIEW:
        return signed_redirect(path, public=public)
    names = _minor_speakers(derivative, path)
    response = captions_response(path, names=names) if names else file_response(request, path)
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, max-age=0"
    if not public:
        response["Vary"] = "Cookie"
    return response


def _minor_speakers(derivative, path):
    """For a caption file of an item with minors among its people: how their names typed as voices are shown."""
    if derivative.role != Derivative.Role.CAPTIONS or PurePosixPath(path).suffix != ".vtt":
        return {}
    item_id = derivative.asset.item_id
    return minor_speaker_names(item_ids=[item_id]).get(item_id, {})


def captions_response(path, *, names):
    """A caption file whose voice spans may name a child: sent whole, each voice as the public may read it."""
    with public_storage.open(path) as source:
        text = source.read().decode("utf-8")
    return HttpResponse(webvtt_public_voices(text, names=names), content_type=TYPES[".vtt"])


def signed_redirect(path, *, public):
    """302 to a presigned address of `path` on object storage. The redirect is for this visitor only: a public
    file's may be reused by their browser for half the address's life, a restricted file's not at all."""
    response = HttpResponseRedirect(public_storage.url(path))
    if public:
        response["Cache-Control"] = f"private, max-age={settings.ARCHIVE_S3_URL_SECONDS // 2}"
    else:
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie"
    return response


def published_folder(path):
    """`derivatives/<asset>/<profile>/<token>` for a path inside a published folder; Http404 for anything else."""
    parts = PurePosixPath(path).parts
    if (len(parts) < 5 or parts[0] != "derivatives" or not _asset_id(parts[1])
            or any(part.startswith(".") or part in ("", "..") for part in parts) or "\\" in path or "\x00" in path):
        raise Http404("No such media file.")
    return "/".join(parts[:4]), int(parts[1])


def _asset_id(text):
    """Whether `text` can be an asset's id: ASCII digits ("²" and Thai digits pass str.isdigit() but not int()),
    few enough for a database key."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def file_response(request, path):
    size = public_storage.size(path)
    modified = public_storage.get_modified_time(path).timestamp()
    name = PurePosixPath(path).name
    content_type = TYPES.get(PurePosixPath(path).suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), modified):
        return HttpResponse(status=304)
    if settings.ARCHIVE_ACCEL_REDIRECT_PREFIX and is_local(public_storage):
        # nginx sends the bytes (and answers Range itself) from its internal location.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.ARCHIVE_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + path
    else:
        wanted = parse_range(request.headers.get("Range"), size)
        if wanted == "unsatisfiable":
            response = HttpResponse(status=416, content_type=content_type)
            response["Content-Range"] = f"bytes */{size}"
            return response
        start, end = wanted or (0, size - 1)
        body = file_slice(public_storage, path, start, end) if request.method == "GET" else iter(())
        response = StreamingHttpResponse(body, content_type=content_type, status=206 if wanted else 200)
        response["Content-Length"] = str(end - start + 1)
        if wanted:
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(modified)
    return response
