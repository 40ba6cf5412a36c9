"""sitemap.xml: public pages only, in every language, decided by the access policy."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive.models import Item

from .models import Exhibit


class MultilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(MultilingualSitemap):
    def items(self):
        return ["home", "exhibit_list", "browse"]

    def location(self, name):
        return reverse(name)


class ExhibitSitemap(MultilingualSitemap):
    def items(self):
        return Exhibit.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, exhibit):
        return exhibit.updated_at


class ItemSitemap(MultilingualSitemap):
    limit = 5000

    def items(self):
        return Item.objects.public().only("accession_number", "updated_at").order_by("accession_number")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "exhibits": ExhibitSitemap, "items": ItemSitemap}
