"""Errors of the API, all JSON with a `detail` message."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """DRF's answer, with a bad parameter's messages under `errors` beside one `detail`, and one message for
    any record that is not there (hidden or never made: the answer does not tell which)."""
    if isinstance(exc, Http404):
        exc = NotFound()
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = {"detail": _("The request has a parameter the archive cannot read."),
                         "errors": response.data}
    return response


def not_found(request, path=""):
    """Any address under /api/ that names no endpoint: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": _("There is no such address in the API.")}, status=404)
