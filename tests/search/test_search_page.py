"""The search page: highlighted results, facets that are plain links, pagination, bad input, and a fixed number
of database queries whatever the number of results."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Item, Language
from exhibits.models import Exhibit
from search.service import SearchInputError, search_run
from search.upkeep import search_index_refresh, search_index_sync
from tests.factories import make_collection, make_item, make_place, make_subject

pytestmark = pytest.mark.django_db

BOAT = "เรือประมงออกทะเลตอนกลางคืน"  # fishing boats go to sea at night


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags_in(html):
    parser = Tags()
    parser.feed(str(html))
    return parser.tags


@pytest.fixture
def catalogue():
    collection = make_collection(slug="ports", title="Ports", title_th="ท่าเรือ")
    subject = make_subject(slug="fishing", title="Fishing", title_th="การประมง")
    place = make_place("Thailand > Samut Sakhon")
    place.name_th = "สมุทรสาคร"
    place.save()
    photo = make_item(title="Boats <script>alert(1)</script>", title_th=BOAT, date="1995~", collection=collection)
    photo.places.add(place)
    photo.subjects.add(subject)
    photo.languages.add(Language.for_code("tha"), Language.for_code("mya"))
    film = make_item(kind=Item.Kind.FILM, title="Night shift", description_th=BOAT, date="2003-05")
    film.languages.add(Language.for_code("mya"))
    hidden = make_item(title="Restricted", title_th=BOAT, access="staff")
    exhibit = Exhibit.objects.create(slug="boats", title="Boats at night", summary_th=BOAT,
                                     status=Exhibit.Status.PUBLISHED, published_at=timezone.now())
    search_index_sync()
    return {"photo": photo, "film": film, "hidden": hidden, "exhibit": exhibit, "place": place,
            "subject": subject, "collection": collection}


def test_results_are_highlighted_and_link_to_their_pages(client, catalogue):
    response = client.get("/search/", {"q": "ประมง"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 results" in html
    assert f'href="{catalogue["photo"].get_absolute_url()}"' in html
    assert f'href="{catalogue["exhibit"].get_absolute_url()}"' in html
    assert "<mark>ประมง</mark>" in html
    assert "Restricted" not in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_snippets_carry_no_markup_but_mark(catalogue):
    results = search_run(q="boats ประมง", filters={})
    assert results.hits
    for hit in results.hits:
        assert set(tags_in(hit.snippet)) <= {"mark"}
        assert set(tags_in(hit.title_html)) <= {"mark"}


def test_each_model_renders_through_its_own_template_with_a_generic_fallback(catalogue):
    results = search_run(q="ประมง", filters={})
    names = {hit.object.__class__.__name__: hit.template_names for hit in results.hits}
    assert names["Item"] == ["search/result_archive_item.html", "search/result.html"]
    assert names["Exhibit"] == ["search/result_exhibits_exhibit.html", "search/result.html"]
    hit = results.hits[0]
    generic = render_to_string("search/result.html", {"hit": hit})
    assert hit.url in generic and "<mark>" in generic


def test_facets_count_kind_language_place_subject_decade_and_collection(catalogue):
    for _ in range(2):  # rewritten documents are counted once
        search_index_refresh(model=Item, ids=[catalogue["photo"].pk, catalogue["film"].pk])
    results = search_run(q="ประมง", filters={})
    facets = {facet.name: {value.value: (value.label, value.count) for value in facet.values}
              for facet in results.facets}
    assert facets["kind"] == {"photograph": ("photograph", 1), "film": ("film", 1), "exhibit": ("exhibit", 1)}
    assert facets["language"] == {"mya": ("Burmese", 2), "tha": ("Thai", 1)}
    assert facets["place"] == {str(catalogue["place"].pk): ("Samut Sakhon", 1)}
    assert facets["subject"] == {"fishing": ("Fishing", 1)}
    assert facets["decade"] == {"1990": ("1990s", 1), "2000": ("2000s", 1)}
    assert facets["collection"] == {"ports": ("Ports", 1)}


def test_facet_labels_follow_the_visitor_language(catalogue):
    results = search_run(q="ประมง", filters={}, language="th")
    labels = {facet.name: [value.label for value in facet.values] for facet in results.facets}
    assert labels["place"] == ["สมุทรสาคร"]
    assert labels["subject"] == ["การประมง"]
    assert labels["collection"] == ["ท่าเรือ"]
    assert labels["language"] == ["Burmese", "Thai"]  # interface names: translated on Thai pages, below
    assert "2533" in labels["decade"][0]  # the Buddhist Era


def test_facet_links_narrow_and_widen_without_javascript(client, catalogue):
    html = client.get("/search/", {"q": "ประมง"}).content.decode()
    link = re.search(r'href="\?([^"]*language=mya[^"]*)"', html).group(1).replace("&amp;", "&")
    narrowed = client.get(f"/search/?{link}").content.decode()
    assert "2 results" in narrowed
    assert 'aria-current="true"' in narrowed
    assert '<input type="hidden" name="language" value="mya">' in narrowed  # a new query keeps the filter
    kind = re.search(r'href="\?([^"]*kind=film[^"]*)"', narrowed).group(1).replace("&amp;", "&")
    both = client.get(f"/search/?{kind}").content.decode()
    assert "1 result" in both and "Night shift" in both
    remove = re.search(r'<li>Kind: film <a href="\?([^"]*)"', both).group(1).replace("&amp;", "&")
    assert "kind=" not in remove and "language=mya" in remove
    assert "2 results" in client.get(f"/search/?{remove}").content.decode()


def test_filters_alone_list_everything_public_in_them(catalogue):
    results = search_run(q="", filters={"decade": ["1990"]})
    assert [hit.object for hit in results.hits] == [catalogue["photo"]]
    assert not search_run(q="", filters={}).searched


def test_pagination(client, settings):
    settings.HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
    Item.objects.bulk_create([Item(kind="photograph", accession_number=f"P-{n:03d}", title=f"Photo {n}",
                                   title_lo="ແຮງງານຂ້າມຊາດ", status="published", access="public") for n in range(25)])
    search_index_sync()
    first = search_run(q="ແຮງງານ", filters={})
    second = search_run(q="ແຮງງານ", filters={}, page=2)
    assert (first.total, first.num_pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not {hit.object.pk for hit in first.hits} & {hit.object.pk for hit in second.hits}
    assert search_run(q="ແຮງງານ", filters={}, page=99).page == 2
    html = client.get("/lo/search/", {"q": "ແຮງງານ"}).content.decode()
    assert 'rel="next" href="?q=%E0%BA%81' not in html  # sanity: the link carries the real query
    assert re.search(r'rel="next" href="\?q=[^"]+&amp;page=2"', html)
    assert client.get("/search/", {"q": "ແຮງງານ", "page": "abc"}).status_code == 200


def test_a_stale_document_is_never_shown(catalogue):
    Item.objects.filter(pk=catalogue["photo"].pk).update(access="staff")  # no signal: the index still has it
    objects = [hit.object for hit in search_run(q="ประมง", filters={}).hits]
    assert catalogue["photo"] not in objects and catalogue["film"] in objects


@pytest.mark.parametrize("params, message", [
    ({"q": "ก" * 201}, "Search for at most 200 characters."),
    ({"q": "boats", "place": "1' OR '1"}, "is not a value of the Place filter"),
    ({"q": "boats", "subject": "fishing)"}, "is not a value of the Subject filter"),
])
def test_bad_input_gets_a_clear_message(client, catalogue, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    with pytest.raises(SearchInputError, match=re.escape(message)):
        search_run(q=params["q"], filters={name: [value] for name, value in params.items() if name != "q"})


def test_unknown_parameters_are_ignored_and_an_empty_search_shows_the_form(client, catalogue):
    assert "3 results" in client.get("/search/", {"q": "ประมง", "colour": "red"}).content.decode()
    html = client.get("/search/").content.decode()
    assert 'name="q"' in html and "results" not in html


def test_thai_interface(client, catalogue):
    response = client.get("/th/search/", {"q": "ประมง"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th"' in html
    assert "พม่า" in html  # the Burmese language facet, in Thai


def count_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(queries)


def test_the_page_runs_the_same_number_of_queries_for_5_and_500_results(client):
    place = make_place("Laos > Vientiane")
    subject = make_subject(slug="factories", title="Factories")
    collection = make_collection(slug="factory-work")

    def add(count, word, offset):
        Item.objects.bulk_create([
            Item(kind="document", accession_number=f"Q-{offset + n:04d}", title=f"Letter {n}", title_th=word,
                 status="published", access="public", collection=collection) for n in range(count)])
        ids = list(Item.objects.filter(title_th=word).values_list("pk", flat=True))
        Item.places.through.objects.bulk_create([Item.places.through(item_id=pk, place=place) for pk in ids])
        Item.subjects.through.objects.bulk_create([Item.subjects.through(item_id=pk, subject=subject) for pk in ids])

    add(5, "โรงงานน้ำตาล", 0)
    add(500, "โรงงานสิ่งทอ", 1000)
    search_index_sync()
    few = count_queries(client, "น้ำตาล")
    many = count_queries(client, "สิ่งทอ")
    assert search_run(q="สิ่งทอ", filters={}).total == 500
    assert few == many
    assert many <= 6


@pytest.mark.parametrize("query", ['ประมง" OR (', "(((", "django_ct:archive.item", "text:boats", "[a TO z]", "'",
                                   "\u200b", "x:y:z", "*", "AND"])
def test_query_syntax_in_visitor_input_never_fails_or_reaches_other_fields(client, catalogue, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Restricted" not in response.content.decode()
    assert catalogue["hidden"] not in [hit.object for hit in search_run(q=query, filters={}).hits]


def test_haystacks_own_highlighting_uses_the_archives_analyzer(catalogue):
    from haystack.query import SearchQuerySet

    results = list(SearchQuerySet().auto_query("ประมง").highlight())
    assert results
    for result in results:
        assert "<mark>ประมง</mark>" in result.highlighted["text"][0]
        assert "<em>" not in result.highlighted["text"][0]


def test_haystacks_highlight_tag_can_use_the_archives_analyzer(settings, catalogue):
    from django.template import Context, Template

    settings.HAYSTACK_CUSTOM_HIGHLIGHTER = "search.analysis.MultilingualHighlighter"
    html = Template("{% load highlight %}{% highlight text with query %}").render(
        Context({"text": "<i>ชาวประมง</i> " + BOAT, "query": "ประมง"}))
    assert html.count("<mark>ประมง</mark>") == 2 and "<i>" not in html


def test_a_filter_value_matches_that_value_only_never_a_longer_one_that_starts_with_it(engine):
    fishing = make_subject(slug="fishing", title="Fishing")
    boats = make_subject(slug="fishing-boats", title="Fishing boats")
    caught = make_item(title="Nets at dawn", title_th=BOAT)
    caught.subjects.add(fishing)
    moored = make_item(title="Boats in harbour", title_th=BOAT)
    moored.subjects.add(boats)
    both = make_item(title="Both at once", title_th=BOAT)
    both.subjects.add(fishing, boats)
    search_index_sync()
    results = search_run(q="ประมง", filters={"subject": ["fishing"]})
    assert sorted(hit.object.title for hit in results.hits) == ["Both at once", "Nets at dawn"]
    counts = {value.value: value.count for facet in search_run(q="ประมง", filters={}).facets
              if facet.name == "subject" for value in facet.values}
    assert counts == {"fishing": 2, "fishing-boats": 2}
    assert results.total == counts["fishing"]
    assert search_run(q="", filters={"subject": ["fishing-boats"]}).total == 2
