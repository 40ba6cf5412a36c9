"""Every public page renders in every language, and each one follows the access policy."""

import json
import re

import pytest
from django.test import Client

from exhibits.models import Exhibit

pytestmark = pytest.mark.django_db

LANGUAGES = ["", "/th", "/my", "/km", "/lo"]


def page_paths(museum):
    return [
        "/", "/exhibits/", "/exhibits/fishing-lives/", "/browse/", "/browse/?kind=photograph",
        "/browse/?decade=1990", f"/items/{museum['photo'].accession_number}/",
        f"/items/{museum['film'].accession_number}/", f"/items/{museum['voice'].accession_number}/",
    ]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_page_renders_in_every_language(client, museum, prefix):
    language = prefix.strip("/") or "en"
    for path in page_paths(museum):
        response = client.get(prefix + path)
        assert response.status_code == 200, prefix + path
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        for other in ("th", "my", "km", "lo"):
            assert f'href="/{other}{path}"' in html.replace("&amp;", "&"), f"no link to {other} on {prefix + path}"


def test_interface_is_translated_in_thai_and_burmese(client, museum):
    thai = client.get("/th/").content.decode()
    assert "หอจดหมายเหตุประวัติศาสตร์แรงงานข้ามชาติ" in thai
    assert "นิทรรศการแนะนำ" in thai
    burmese = client.get("/my/browse/").content.decode()
    assert "စုစည်းမှုကို ကြည့်ရှုရန်" in burmese
    assert "Browse the collection" not in burmese


def test_thai_pages_show_buddhist_era_years_with_the_date_precision(client, museum):
    thai = client.get("/th/exhibits/fishing-lives/").content.decode()
    assert "ประมาณ พ.ศ. 2538" in thai  # 1995~ is "about 1995"
    assert "พ.ศ. 2533–2542" in thai  # 199X, the 1990s, as Buddhist Era years
    english = client.get("/exhibits/fishing-lives/").content.decode()
    assert "c. 1995" in english and "1990s" in english
    assert "2538" not in english
    item = client.get(f"/th/items/{museum['voice'].accession_number}/").content.decode()
    assert "พฤษภาคม พ.ศ. 2546" in item


def test_language_switcher_links_to_the_same_page_without_javascript(client, museum):
    path = f"/items/{museum['photo'].accession_number}/"
    html = client.get("/th" + path).content.decode()
    assert re.search(rf'<a href="/language/en/\?next=%2Fth{path.replace("/", "%2F")}" lang="en"', html)
    assert re.search(rf'<a href="/language/th/\?next=%2Fth{path.replace("/", "%2F")}" lang="th" hreflang="th" '
                     'aria-current="page"', html)
    assert client.get(f"/language/en/?next=/th{path}")["Location"] == path
    assert "<script" not in html.replace('<script type="application/ld+json">', "")


def test_hidden_items_are_not_found_on_any_page(client, museum):
    for key in ("hidden", "draft_item"):
        for prefix in LANGUAGES:
            response = client.get(f"{prefix}/items/{museum[key].accession_number}/")
            assert response.status_code == 404
            assert "Page not found" in response.content.decode() or prefix
    for path in ("/", "/browse/", "/exhibits/fishing-lives/", "/browse/?place=%d" % museum["place"].pk):
        html = client.get(path).content.decode()
        assert "Restricted letter" not in html and "secret" not in html and "Draft photo" not in html


def test_draft_and_scheduled_exhibits_are_404_for_visitors_and_a_preview_for_staff(client, museum, staff_user):
    for slug in ("draft-show", "future-show"):
        assert client.get(f"/exhibits/{slug}/").status_code == 404
        assert client.get(f"/th/exhibits/{slug}/").status_code == 404
    listing = client.get("/exhibits/").content.decode()
    assert "Unfinished show" not in listing and "Opens next year" not in listing
    client.force_login(staff_user)
    preview = client.get("/exhibits/draft-show/")
    assert preview.status_code == 200
    assert "Only staff can see this page" in preview.content.decode()
    assert "Only staff" not in client.get("/exhibits/fishing-lives/").content.decode()


def test_exhibit_blocks_drop_items_the_visitor_may_not_see(client, museum):
    html = client.get("/exhibits/fishing-lives/").content.decode()
    assert "Boat at dawn" in html and "Night shift" in html and "A narrator remembers" in html
    assert "Restricted letter" not in html
    assert "Web only portrait" not in html  # its consent covers the web, not exhibits
    assert "Draft photo" not in html
    assert "secret" not in html  # not even the hidden item's image files


def test_a_block_left_without_visible_items_disappears(client, museum):
    block = museum["blocks"]["item"]
    block.block_items.filter(item=museum["photo"]).delete()
    html = client.get("/exhibits/fishing-lives/").content.decode()
    assert 'class="block block-item"' not in html
    assert 'class="block block-gallery"' in html


def test_staff_see_hidden_items_in_exhibits(museum, staff_user):
    client = Client()
    client.force_login(staff_user)
    assert "Restricted letter" in client.get("/exhibits/fishing-lives/").content.decode()


def test_exhibit_page_has_every_kind_of_block(client, museum):
    html = client.get("/exhibits/fishing-lives/").content.decode()
    for kind in ("text", "item", "gallery", "clip", "quote", "timeline", "map", "data"):
        assert f'class="block block-{kind}"' in html
    assert "<strong>leave</strong>" in html
    assert "alert(1)" not in html and "javascript:" not in html
    assert '<svg class="map"' in html and "tile" not in html
    assert '<svg class="chart"' in html and "1,200,000" in html
    assert "360.mp4#t=5,20" in html


def test_item_page_shows_public_names_only_and_citations(client, museum):
    agent = museum["photo"].item_agents.first().agent
    agent.private_name = "Real Legal Name"
    agent.private_notes = "phone 0812345678"
    agent.save()
    html = client.get(f"/items/{museum['photo'].accession_number}/").content.decode()
    assert agent.display_name in html
    assert "Real Legal Name" not in html and "0812345678" not in html
    for style in ("Chicago", "APA", "MLA"):
        assert f"<dt>{style}</dt>" in html
    assert f"http://testserver/items/{museum['photo'].accession_number}/" in html  # stable link
    assert "CC BY 4.0" in html and "Copyright Not Evaluated" in html
    assert "Samut Sakhon" in html and "Fishing" in html


def test_item_players_use_the_derivatives(client, museum):
    photo = client.get(f"/items/{museum['photo'].accession_number}/").content.decode()
    assert 'type="image/webp" srcset="/media/derivatives/' in photo and 'sizes="' in photo
    assert "photo-1280.jpg 1280w" in photo and 'href="#zoom-' in photo
    film = client.get(f"/items/{museum['film'].accession_number}/").content.decode()
    assert re.search(r"<video [^>]*data-player", film)
    assert 'type="application/vnd.apple.mpegurl"' in film and 'type="video/mp4"' in film
    assert '<track kind="subtitles"' in film and 'poster="/media/' in film
    voice = client.get(f"/items/{museum['voice'].accession_number}/").content.decode()
    assert re.search(r"<audio [^>]*data-player", voice)
    assert '<svg class="wave"' in voice and voice.count("<rect") >= 100


def test_withheld_files_are_not_played(client, museum):
    museum["film"].assets.update(withheld=True)
    html = client.get(f"/items/{museum['film'].accession_number}/").content.decode()
    assert "<video" not in html and ".mp4" not in html


def test_json_ld_and_open_graph(client, museum):
    html = client.get(f"/th/items/{museum['photo'].accession_number}/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "Photograph" and data["name"] == "เรือยามรุ่งอรุณ"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert '<meta property="og:title" content="เรือยามรุ่งอรุณ">' in html
    assert '<meta property="og:image" content="http://testserver/media/' in html
    exhibit = client.get("/exhibits/fishing-lives/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', exhibit).group(1))
    assert data["name"] == "Fishing lives" and len(data["hasPart"]) == 3
    assert '<meta property="og:type" content="article">' in exhibit
    assert '<meta property="og:url" content="http://testserver/exhibits/fishing-lives/">' in exhibit
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+">', exhibit)


def test_json_ld_cannot_break_out_of_its_script(client, museum):
    museum["photo"].title = "</script><script>alert(1)</script>"
    museum["photo"].original_language = "en"
    museum["photo"].save()
    html = client.get(f"/items/{museum['photo'].accession_number}/").content.decode()
    assert "</script><script>alert(1)" not in html


def test_sitemap_lists_public_pages_only(client, museum):
    xml = client.get("/sitemap.xml").content.decode()
    for key in ("photo", "film", "voice", "no_exhibits"):
        assert f"/items/{museum[key].accession_number}/" in xml
    assert f"/th/items/{museum['photo'].accession_number}/" in xml
    for key in ("hidden", "draft_item"):
        assert museum[key].accession_number not in xml
    assert "/exhibits/fishing-lives/" in xml
    assert "draft-show" not in xml and "future-show" not in xml


def test_browse_filters_by_every_facet(client, museum):
    photo = museum["photo"]
    agent = photo.item_agents.first().agent
    for query in ("kind=photograph", "subject=fishing", "tag=boats", f"place={museum['place'].pk}",
                  f"person={agent.pk}", "collection=fishing-ports", "decade=1990"):
        html = client.get(f"/browse/?{query}").content.decode()
        assert "Boat at dawn" in html, query
    assert "Night shift" not in client.get("/browse/?kind=photograph").content.decode()
    for bad in ("decade=19x0", "place=abc", "person=-1", "decade=1995"):
        response = client.get(f"/browse/?{bad}")
        assert response.status_code == 200 and "0 items" in response.content.decode(), bad


def test_browse_facets_count_only_visible_items(client, museum):
    html = client.get("/browse/").content.decode()
    assert "Restricted" not in html
    assert re.search(r'\?place=%d">[^<]+</a> <span class="count">1</span>' % museum["place"].pk, html)


def test_not_found_page_is_translated(client, museum):
    response = client.get("/th/items/NOPE-1/")
    assert response.status_code == 404
    assert "ไม่พบหน้านี้" in response.content.decode()


def test_server_error_page_stands_alone(client, museum):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and 'lang="th"' in html


def test_home_features_published_exhibits_only(client, museum):
    Exhibit.objects.filter(slug="draft-show").update(featured=True)
    html = client.get("/").content.decode()
    assert "Fishing lives" in html and "Unfinished show" not in html
    assert 'action="/search/"' in html and 'name="q"' in html


def test_browse_survives_odd_parameters(client, museum):
    for query in ("page=abc", "page=9999", "page=-1", "kind=%3Cscript%3E", "subject=%E0%B8%81", "decade="):
        response = client.get(f"/browse/?{query}")
        assert response.status_code == 200, query
        assert "<script>" not in response.content.decode()
