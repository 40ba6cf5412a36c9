from django.urls import path

from . import handout, pack, slides, teachers, views

app_name = "lessons"

# Every surface of a kit, reached both by a published kit's slug and by a teacher's share link:
# (address after the kit's own, view, name). A view takes `slug` or `token` and calls lookup.find_kit.
SURFACES = [
    ("", views.kit_page, "kit"),
    ("slides/", slides.slideshow, "slides"),
    ("handout/", handout.handout_page, "handout"),
    ("handout.pdf", handout.handout_pdf_download, "handout_pdf"),
    ("pack.zip", pack.offline_pack, "pack"),
]

urlpatterns = [
    path("", views.kit_list, name="kits"),
    # A teacher's own kits; above the surfaces, whose `<slug>/` would otherwise take "mine".
    path("mine/", teachers.kit_list, name="mine"),
    path("mine/new/", teachers.kit_new, name="mine_new"),
    path("mine/add/", teachers.add_to_kit, name="mine_add"),
    path("mine/<int:pk>/", teachers.kit_edit, name="mine_edit"),
    path("mine/<int:pk>/sources/<int:source_pk>/", teachers.source_change, name="mine_source"),
    path("mine/<int:pk>/link/", teachers.share_link_renew, name="mine_link"),
    path("mine/<int:pk>/delete/", teachers.kit_delete, name="mine_delete"),
]
for suffix, view, name in SURFACES:
    urlpatterns += [path(f"shared/<str:token>/{suffix}", view, name=f"shared_{name}"),
                    path(f"<str:slug>/{suffix}", view, name=name)]
