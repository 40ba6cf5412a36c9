"""Browse filters combine, each facet counts within the other filters, and each filter comes off on its own."""

import html
import re
from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def facet_links(page):
    """{(parameter, label): (query string, count)} for every facet value on a browse page."""
    links = {}
    for query, label, count in re.findall(
            r'<li><a href="\?([^"]*)"(?: aria-current="true")?>(?:✓ )?([^<]+)</a> <span class="count">(\d+)</span>',
            page):
        query = html.unescape(query)
        links[label] = (query, int(count))
    return links


def removal_links(page):
    return [html.unescape(q) for q in re.findall(r'<li>[^<]*<a href="\?([^"]*)">Remove filter', page)]


@pytest.fixture
def fishing_film(museum):
    museum["film"].subjects.add(museum["subject"])
    return museum


def test_two_filters_keep_each_other(client, fishing_film):
    page = client.get("/browse/?kind=film&subject=fishing").content.decode()
    assert "Night shift" in page and "Boat at dawn" not in page
    assert "1 item" in page


def test_a_facet_link_adds_to_the_filters_already_chosen(client, fishing_film):
    links = facet_links(client.get("/browse/?kind=film").content.decode())
    assert links["Fishing"][0] == "kind=film&subject=fishing"
    # The chosen value's link takes it away; a sibling value replaces it, keeping the rest.
    links = facet_links(client.get("/browse/?kind=film&subject=fishing&page=2").content.decode())
    assert links["Film"][0] == "subject=fishing"
    assert links["Photograph"][0] == "subject=fishing&kind=photograph"


def test_counts_are_within_the_other_filters(client, fishing_film):
    links = facet_links(client.get("/browse/?subject=fishing").content.decode())
    # The kind facet ignores no filter but its own: one photograph and one film are about fishing.
    assert links["Photograph"][1] == 1 and links["Film"][1] == 1
    assert "Oral history" not in links
    links = facet_links(client.get("/browse/?kind=film").content.decode())
    assert links["Fishing"][1] == 1
    assert links["Photograph"][1] == 2 and links["Film"][1] == 1  # every kind stays reachable
    assert "Thailand &gt; Samut Sakhon" not in links and "Samut Sakhon" not in " ".join(links)


def test_each_active_filter_comes_off_on_its_own(client, fishing_film):
    page = client.get("/browse/?kind=film&subject=fishing").content.decode()
    assert sorted(removal_links(page)) == ["kind=film", "subject=fishing"]


def test_a_hidden_item_never_counts(client, fishing_film, item_viewer):
    hidden = fishing_film["hidden"]
    hidden.subjects.add(fishing_film["subject"])
    hidden.tags.add("boats")
    page = client.get("/browse/?subject=fishing&kind=photograph").content.decode()
    assert "Restricted letter" not in page
    counts = {label: count for label, (_query, count) in facet_links(page).items()}
    assert counts["Photograph"] == 1 and counts["boats"] == 1 and counts["Fishing"] == 1
    # Someone allowed to view items sees the same page with the hidden photograph counted.
    client.force_login(item_viewer)
    page = client.get("/browse/?subject=fishing&kind=photograph").content.decode()
    counts = {label: count for label, (_query, count) in facet_links(page).items()}
    assert "Restricted letter" in page
    assert counts["Photograph"] == 2 and counts["boats"] == 2 and counts["Fishing"] == 2


def test_facet_links_carry_thai_values_and_keep_the_language(client, fishing_film):
    page = client.get("/th/browse/?subject=fishing").content.decode()
    links = facet_links(page)
    assert links["การประมง"][0] == ""  # the chosen subject, labelled in Thai, comes off with one tap
    assert any(query == "subject=fishing&kind=film" for query, _count in links.values())


def test_the_publics_counts_change_at_once_when_consent_is_withdrawn(client, fishing_film):
    from archive.models import ConsentRecord

    voice = fishing_film["voice"]
    assert facet_links(client.get("/browse/").content.decode())["Oral history"][1] == 1  # counted, and cached
    assert facet_links(client.get("/browse/").content.decode())["Oral history"][1] == 1
    consent = ConsentRecord.objects.get(item=voice)
    consent.withdrawn_on = date.today()
    consent.save()
    page = client.get("/browse/").content.decode()
    assert "Oral history" not in facet_links(page) and "A narrator remembers" not in page


def test_the_publics_counts_change_at_once_when_an_item_is_withdrawn_in_bulk(client, fishing_film):
    from archive.models import Item

    assert facet_links(client.get("/browse/?subject=fishing").content.decode())["Film"][1] == 1
    Item.objects.filter(pk=fishing_film["film"].pk).update(status=Item.Status.WITHDRAWN)
    page = client.get("/browse/?subject=fishing").content.decode()
    assert "Film" not in facet_links(page) and "1 item" in page


def test_signed_in_visitors_never_get_the_publics_cached_counts(client, fishing_film, item_viewer):
    assert "Restricted letter" not in client.get("/browse/?kind=photograph").content.decode()
    client.force_login(item_viewer)
    page = client.get("/browse/?kind=photograph").content.decode()
    assert "Restricted letter" in page and "Draft photo" in page and "4 items" in page
    client.logout()
    page = client.get("/browse/?kind=photograph").content.decode()
    assert "Restricted letter" not in page and "2 items" in page


def counts_on(client, path="/browse/"):
    response = client.get(path)
    return {label: count for label, (_query, count) in facet_links(response.content.decode()).items()}, response


def test_a_researcher_counts_registered_items_and_the_public_never_does(client, fishing_film, registered_user):
    from tests.factories import make_item

    make_item(kind="document", title="Letters home", access="registered")
    counts, _response = counts_on(client)  # the public's counts, now cached
    assert "Document" not in counts
    client.force_login(registered_user)
    counts, response = counts_on(client)
    assert counts["Document"] == 1 and "Letters home" in response.content.decode()
    assert "private" in response["Cache-Control"]
    client.logout()
    counts, response = counts_on(client)  # the researcher's counts are cached too, and never handed to the public
    assert "Document" not in counts and "Letters home" not in response.content.decode()


def test_people_who_see_what_the_public_sees_share_its_counts(client, fishing_film, reader):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    public, _response = counts_on(client, "/browse/?subject=fishing")
    client.force_login(reader)
    with CaptureQueriesContext(connection) as queries:
        counts, _response = counts_on(client, "/browse/?subject=fishing")
    assert counts == public
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"]]  # read from the cache, not recounted


def test_a_withdrawal_changes_the_publics_and_the_researchers_counts_at_once(client, fishing_film, registered_user):
    from django.test import Client

    from archive.models import ConsentRecord, Item

    researcher = Client()
    researcher.force_login(registered_user)
    for visitor in (client, researcher):  # each audience's counts, counted once and cached
        counts, _response = counts_on(visitor)
        assert counts["Oral history"] == 1 and counts["Film"] == 1
    consent = ConsentRecord.objects.get(item=fishing_film["voice"])
    consent.withdrawn_on = date.today()
    consent.save()
    film = Item.objects.get(pk=fishing_film["film"].pk)
    film.status = Item.Status.WITHDRAWN
    film.save()
    for visitor in (client, researcher):
        counts, response = counts_on(visitor)
        assert "Oral history" not in counts and "Film" not in counts
        assert "A narrator remembers" not in response.content.decode() and "Night shift" not in response.content.decode()
