"""The tus 1.0 upload endpoint (https://tus.io/protocols/resumable-upload): core, creation, termination and
checksum. Standard clients (tus-js-client in the contribution page, tuspy) speak to it. docs/contributions.md.

POST /contribute/tus/            creates an upload (Upload-Length, Upload-Metadata with the submission's id)
HEAD /contribute/tus/<id>/       says how many bytes the archive has (Upload-Offset)
PATCH /contribute/tus/<id>/      appends bytes at Upload-Offset (Content-Type: application/offset+octet-stream)
DELETE /contribute/tus/<id>/     abandons the upload and removes its bytes
OPTIONS                          says what the server supports

Requests come from a signed-in contributor's browser session and carry the CSRF token in X-CSRFToken.
"""

import base64
import binascii

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from archive.access import has_permission
from archive.models import Item

from .models import Submission, Upload
from .uploads import CHECKSUM_ALGORITHMS, UploadRefused, upload_append, upload_create, upload_discard

VERSION = "1.0.0"
EXTENSIONS = "creation,termination,checksum"


def _response(status=204, message="", **headers):
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Tus-Resumable"] = VERSION
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = str(value)
    return response


def _options():
    return _response(204, Tus_Version=VERSION, Tus_Extension=EXTENSIONS,
                     Tus_Max_Size=settings.ARCHIVE_CONTRIBUTION_MAX_BYTES,
                     Tus_Checksum_Algorithm=",".join(CHECKSUM_ALGORITHMS))


def _refusal(request):
    """Why this request may not go on, as a response; None when it may.

    The endpoint has no language prefix: its messages are in the language the client asks for (Accept-Language,
    which the contribution page sets to its own)."""
    translation.activate(translation.get_language_from_request(request))
    if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != VERSION:
        return _response(412, _("This server speaks tus 1.0.0."), Tus_Version=VERSION)
    if not (has_permission(request.user, "contributions.contribute")
            or has_permission(request.user, "archive.change_item")):
        return _response(403, _("Sign in with a contributor's account to send files."))
    return None


def metadata(header: str) -> dict[str, str]:
    """Upload-Metadata: comma-separated "key base64(value)" pairs; a key may come without a value."""
    values = {}
    for pair in filter(None, (part.strip() for part in header.split(","))):
        key, _sep, encoded = pair.partition(" ")
        try:
            values[key] = base64.b64decode(encoded, validate=True).decode() if encoded else ""
        except (binascii.Error, UnicodeDecodeError):
            raise UploadRefused(400, _("The upload's metadata is not valid base64 text.")) from None
    return values


def _number(request, header):
    try:
        value = int(request.headers[header])
    except (KeyError, ValueError):
        raise UploadRefused(400, _("The %(header)s header is missing or not a number.") % {"header": header}) from None
    if value < 0:
        raise UploadRefused(400, _("The %(header)s header is missing or not a number.") % {"header": header})
    return value


@require_http_methods(["OPTIONS", "POST"])
def uploads(request):
    if request.method == "OPTIONS":
        return _options()
    if refusal := _refusal(request):
        return refusal
    try:
        if "Upload-Defer-Length" in request.headers:
            raise UploadRefused(400, _("The file's length must be given when the upload starts."))
        length = _number(request, "Upload-Length")
        meta = metadata(request.headers.get("Upload-Metadata", ""))
        if "item" in meta:
            target = {"item": _item(request.user, meta["item"])}
        else:
            target = {"submission": _submission(request.user, meta.get("submission", ""))}
        upload = upload_create(owner=request.user, **target, length=length,
                               filename=meta.get("filename") or meta.get("name") or "",
                               sha256=meta.get("sha256", ""))
    except UploadRefused as refused:
        return _response(refused.status, str(refused))
    location = request.build_absolute_uri(reverse("tus_upload", args=[upload.pk]))
    return _response(201, Location=location, Upload_Offset=0)


@require_http_methods(["OPTIONS", "HEAD", "PATCH", "DELETE"])
def upload(request, pk):
    if request.method == "OPTIONS":
        return _options()
    if refusal := _refusal(request):
        return refusal
    found = get_object_or_404(Upload.objects.filter(owner=request.user).select_related("submission"), pk=pk)
    try:
        if request.method == "HEAD":
            return _response(200, Upload_Offset=found.offset, Upload_Length=found.length)
        if request.method == "DELETE":
            upload_discard(upload=found)
            return _response(204)
        if request.content_type != "application/offset+octet-stream":
            raise UploadRefused(415, _("Bytes are sent as application/offset+octet-stream."))
        size = int(request.headers["Content-Length"]) if request.headers.get("Content-Length") else None
        offset = upload_append(upload=found, offset=_number(request, "Upload-Offset"), stream=request, size=size,
                               checksum=request.headers.get("Upload-Checksum", ""))
    except UploadRefused as refused:
        return _response(refused.status, str(refused))
    return _response(204, Upload_Offset=offset)


def _item(user, value):
    """An item a curator adds a file to from the admin: it needs the permission the admin asks for."""
    if not has_permission(user, "archive.change_item"):
        raise UploadRefused(403, _("Sign in with a contributor's account to send files."))
    try:
        return Item.objects.get(pk=int(value))
    except (ValueError, Item.DoesNotExist):
        raise Http404 from None


def _submission(user, value):
    if not has_permission(user, "contributions.contribute"):
        raise UploadRefused(403, _("Sign in with a contributor's account to send files."))
    try:
        pk = int(value)
    except ValueError:
        raise UploadRefused(400, _("Say which contribution the file belongs to.")) from None
    try:
        return Submission.objects.of(user).get(pk=pk, state__in=[Submission.State.UPLOADING,
                                                                Submission.State.CHANGES_REQUESTED])
    except Submission.DoesNotExist:
        raise Http404 from None


urlpatterns = [
    path("", uploads, name="tus_uploads"),
    path("<uuid:pk>/", upload, name="tus_upload"),
]
