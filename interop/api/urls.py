"""The read-only JSON API at /api/ (docs/api.md) and its OpenAPI schema at /api/schema/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views
from .errors import not_found

app_name = "api"

router = SimpleRouter()
router.register("items", views.ItemViewSet, basename="item")
router.register("exhibits", views.ExhibitViewSet, basename="exhibit")
router.register("collections", views.CollectionViewSet, basename="collection")
router.register("subjects", views.SubjectViewSet, basename="subject")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *router.urls,
    # Any other address ending in a slash (one without is first redirected to it, if that exists).
    re_path(r"^(?P<path>.*/)$", not_found),
]
