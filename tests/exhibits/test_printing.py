"""What printed pages carry of their addresses: short addresses, QR codes, and the print-only header."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from exhibits.printing import qr_svg, short_address


def test_a_short_address_drops_the_scheme_and_trailing_slash_and_reads_in_its_own_script():
    assert short_address("https://www.archive.example.org/th/items/MLH-1/") == "archive.example.org/th/items/MLH-1"
    assert short_address("http://archive.example.org/th/exhibits/%E0%B8%8A%E0%B8%B8%E0%B8%94/") == \
        "archive.example.org/th/exhibits/ชุด"
    assert short_address("http://archive.example.org/") == "archive.example.org"
    assert short_address("http://archive.example.org/search/?q=boat") == "archive.example.org/search?q=boat"


def test_a_qr_code_is_inline_svg_sized_by_the_stylesheet_with_no_style_attribute():
    svg = str(qr_svg("http://archive.example.org/th/exhibits/%E0%B8%8A%E0%B8%B8%E0%B8%94/"))
    assert svg.startswith("<svg ") and svg.endswith("</svg>") and 'class="qr"' in svg
    assert "style" not in svg and "width=" not in svg and "<script" not in svg
    assert re.search(r'viewBox="0 0 (\d+) \1"', svg)
    assert qr_svg("http://a.example/one/") != qr_svg("http://a.example/two/")


@pytest.mark.django_db
def test_the_exhibit_page_carries_a_print_only_address_and_links_the_print_stylesheet(client, museum):
    html = client.get("/th/exhibits/fishing-lives/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    header = html[html.index('<div class="print-address" hidden>'):]
    header = header[:header.index("</div>")]
    assert 'class="qr"' in header and "testserver/th/exhibits/fishing-lives" in header
    assert "style=" not in html


def test_the_kit_page_print_header_shows_the_address_it_is_given_or_the_pages_own():
    request = RequestFactory().get("/th/lessons/%E0%B8%8A%E0%B8%B8%E0%B8%94/")
    own = render_to_string("lessons/print_header.html", {"request": request})
    assert "<svg" in own and "testserver/th/lessons/ชุด" in own and " hidden>" in own
    given = render_to_string("lessons/print_header.html",
                             {"request": request, "address": "http://testserver/lessons/kit-1/"})
    assert "testserver/lessons/kit-1" in given and "ชุด" not in given


def test_an_address_too_long_for_a_qr_code_gets_none_instead_of_an_error():
    assert qr_svg("https://archive.example.org/" + "ก" * 3000) == ""
