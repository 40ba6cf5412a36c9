from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("exhibits/", views.exhibit_list, name="exhibit_list"),
    path("exhibits/<str:slug>/", views.exhibit_detail, name="exhibit_detail"),
    path("items/<str:accession>/", views.item_detail, name="item_detail"),
    path("browse/", views.browse, name="browse"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
