from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("items/<str:accession>/", views.item_detail, name="item_detail"),
]
