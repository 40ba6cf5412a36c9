"""The archive's machine interfaces: OAI-PMH at /oai/, IIIF at /iiif/, the JSON API at /api/, and feeds."""

from django.urls import include, path

urlpatterns = [
    path("oai/", include("interop.oai.urls")),
    path("iiif/", include("interop.iiif.urls")),
    path("api/", include("interop.api.urls")),
    path("feeds/", include("interop.feeds.urls")),
]
