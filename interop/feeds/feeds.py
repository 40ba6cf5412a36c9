"""RSS and Atom feeds of new public exhibits and newly published public items, in the visitor's language.

The language comes from `?lang=` (th, my, km, lo, en), else from the visitor's language as the site decides it.
Only what the access policy makes public goes out: `Exhibit.objects.public()` and `Item.objects.public()`.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import CharField, DateTimeField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from archive.models import ChangeRecord, Item
from exhibits.models import Exhibit

FEED_LENGTH = 30


def feed_language(request):
    """The interface language a feed is written in: `?lang=` if it names one, else the request's."""
    wanted = request.GET.get("lang", "")
    codes = {code for code, _name in settings.LANGUAGES}
    if wanted in codes:
        return wanted
    current = translation.get_language_from_request(request)
    return current if current in codes else settings.LANGUAGE_CODE


def newly_published_items():
    """Public items, newest publication first. An item is published when its status last became
    "published" (the catalogue's history says when), or when it was created already published."""
    published = (ChangeRecord.objects
                 .filter(model="archive.item", object_id=OuterRef("pk_text"), field="status", new_value="published")
                 .order_by("-at").values("at")[:1])
    return (Item.objects.public()
            .annotate(pk_text=Cast("pk", CharField()))
            .annotate(published_at=Greatest("created_at", Coalesce(Subquery(published, output_field=DateTimeField()),
                                                                   "created_at")))
            .order_by("-published_at", "-pk"))


class LanguageFeed(Feed):
    """A feed written in one language, chosen per request."""

    def __call__(self, request, *args, **kwargs):
        language = feed_language(request)
        with translation.override(language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = language
        response["Vary"] = "Accept-Language, Cookie"
        return response

    def feed_url(self):
        return f"{reverse(self.url_name)}?lang={translation.get_language()}"

    def item_title(self, record):
        return record.display_title(translation.get_language())

    def item_pubdate(self, record):
        return record.published_at

    def item_updateddate(self, record):
        return record.updated_at


class ItemsRSS(LanguageFeed):
    url_name = "feed_items_rss"

    def title(self):
        return _("Newly published items – Migrant Labour History Archive")

    def description(self):
        return _("Oral histories, photographs, films and documents as they are published.")

    def link(self):
        return reverse("browse")

    def items(self):
        return newly_published_items()[:FEED_LENGTH]

    def item_description(self, item):
        return item.display_description(translation.get_language())


class ItemsAtom(ItemsRSS):
    feed_type = Atom1Feed
    url_name = "feed_items_atom"
    subtitle = ItemsRSS.description


class ExhibitsRSS(LanguageFeed):
    url_name = "feed_exhibits_rss"

    def title(self):
        return _("New exhibits – Migrant Labour History Archive")

    def description(self):
        return _("Exhibits made from the collection, newest first.")

    def link(self):
        return reverse("exhibit_list")

    def items(self):
        return Exhibit.objects.public().order_by("-published_at", "slug")[:FEED_LENGTH]

    def item_description(self, exhibit):
        return exhibit.display_summary(translation.get_language())


class ExhibitsAtom(ExhibitsRSS):
    feed_type = Atom1Feed
    url_name = "feed_exhibits_atom"
    subtitle = ExhibitsRSS.description
