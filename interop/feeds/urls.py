from django.urls import path

from .feeds import ExhibitsAtom, ExhibitsRSS, ItemsAtom, ItemsRSS

urlpatterns = [
    path("items.rss", ItemsRSS(), name="feed_items_rss"),
    path("items.atom", ItemsAtom(), name="feed_items_atom"),
    path("exhibits.rss", ExhibitsRSS(), name="feed_exhibits_rss"),
    path("exhibits.atom", ExhibitsAtom(), name="feed_exhibits_atom"),
]
