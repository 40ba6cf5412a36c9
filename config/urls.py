from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from archive.admin_picker import picker_view
from exhibits.language_choice import language_choose

urlpatterns = [
    path("admin/picker/", admin.site.admin_view(picker_view), name="admin_picker"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", language_choose, name="language_choose"),
    path("media/", include("media_pipeline.urls")),
    path("oral-histories/", include("oral_histories.urls")),
    # The resumable upload endpoint (tus) speaks to programs, in no page's language.
    path("contribute/tus/", include("contributions.tus")),
    path("", include("interop.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("exhibits.urls")),
    path("", include("search.urls")),
    path("lessons/", include("lessons.urls")),
    # Contributor accounts and contributions: invitation links first, then django-allauth's account pages.
    path("", include("contributions.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=False,
)
