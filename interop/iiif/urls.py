from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("image/<int:asset_id>/info.json", views.image_info, name="iiif_image_info"),
    path("image/<int:asset_id>", RedirectView.as_view(pattern_name="iiif_image_info"), name="iiif_image_service"),
    path("image/<int:asset_id>/<str:region>/<str:size>/<str:rotation>/<str:quality_format>", views.image_tile,
         name="iiif_image_tile"),
    path("<str:accession>/manifest.json", views.manifest, name="iiif_manifest"),
]
