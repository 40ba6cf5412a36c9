from django.urls import path

from . import slides, views

app_name = "lessons"

# Every surface of a kit, reached both by a published kit's slug and by a teacher's share link:
# (address after the kit's own, view, name). A view takes `slug` or `token` and calls lookup.find_kit.
SURFACES = [
    ("", views.kit_page, "kit"),
    ("slides/", slides.slideshow, "slides"),
]

urlpatterns = [path("", views.kit_list, name="kits")]
for suffix, view, name in SURFACES:
    urlpatterns += [path(f"shared/<str:token>/{suffix}", view, name=f"shared_{name}"),
                    path(f"<str:slug>/{suffix}", view, name=name)]
