"""What every page promises a visitor on a slow phone: a small first load and HTML that parses cleanly."""

import gzip
import re
from html.parser import HTMLParser

import html5lib
import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 100 * 1024


def pages(museum):
    return ["/", "/exhibits/", "/exhibits/fishing-lives/", "/browse/", "/browse/?subject=fishing",
            f"/items/{museum['photo'].accession_number}/", f"/items/{museum['film'].accession_number}/",
            f"/items/{museum['voice'].accession_number}/", "/search/?q=boat", "/items/MISSING/"]


def static_bytes(html):
    """The stylesheets and scripts the page loads from this site, read from the static folders."""
    paths = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    paths += re.findall(r'<script[^>]* src="/static/([^"]+)"', html)
    loads = re.findall(r'(?:src|srcset|poster)="([^"]*)"', html)
    loads += re.findall(r'<link rel="(?:stylesheet|preload|icon|modulepreload)" href="([^"]*)"', html)
    assert not [url for url in loads if re.match(r"(https?:)?//", url)], "a page loads nothing from another site"
    return [open(finders.find(path), "rb").read() for path in paths]


@pytest.mark.parametrize("prefix", ["", "/th", "/my"])
def test_first_load_fits_the_budget(client, museum, prefix):
    for path in pages(museum):
        response = client.get(prefix + path)
        html = response.content.decode()
        total = len(gzip.compress(response.content)) + sum(len(gzip.compress(b)) for b in static_bytes(html))
        assert total <= BUDGET_BYTES, f"{prefix + path}: {total} bytes compressed"


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        for name in ("for", "aria-labelledby", "aria-describedby"):
            if attrs.get(name):
                self.references.extend(attrs[name].split())
        if attrs.get("href", "").startswith("#") and len(attrs["href"]) > 1:
            self.references.append(attrs["href"][1:])


def check_html(html, where):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        line = html.splitlines()[parser.errors[-1][0][0] - 1] if parser.errors else ""
        raise AssertionError(f"{where}: {error}\n{line[:300]}") from None
    collector = IdCollector()
    collector.feed(html)
    duplicates = {i for i in collector.ids if collector.ids.count(i) > 1}
    assert not duplicates, f"{where}: duplicate ids {duplicates}"
    missing = set(collector.references) - set(collector.ids)
    assert not missing, f"{where}: labels or links point at missing ids {missing}"


@pytest.mark.parametrize("prefix", ["", "/th"])
def test_pages_are_valid_html(client, museum, prefix):
    for path in pages(museum):
        response = client.get(prefix + path)
        check_html(response.content.decode(), prefix + path)


def test_staff_preview_and_error_pages_are_valid_html(client, museum, staff_user):
    from django.template.loader import render_to_string

    check_html(render_to_string("500.html"), "500")
    client.force_login(staff_user)
    check_html(client.get("/exhibits/draft-show/").content.decode(), "preview")


def test_the_checker_catches_broken_markup():
    with pytest.raises(AssertionError, match="duplicate ids"):
        check_html('<!doctype html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a">'
                   "</p></body></html>", "sample")
    with pytest.raises(AssertionError):
        check_html('<!doctype html><html lang="en"><head><title>x</title></head><body><div></span></body></html>',
                   "sample")
