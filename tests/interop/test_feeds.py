"""RSS and Atom feeds of new exhibits and newly published items: public only, newest first, in the language asked
for, and announced in every page's head."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from archive.models import ChangeRecord, Item
from exhibits.models import Exhibit
from tests.factories import make_consent, make_item

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["/feeds/items.rss", "/feeds/items.atom", "/feeds/exhibits.rss", "/feeds/exhibits.atom"]


def entries(client, url, **params):
    """(title, link) of each entry, in feed order, from RSS or Atom."""
    response = client.get(url, params)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    if root.tag == "rss":
        return [(i.findtext("title"), i.findtext("link")) for i in root.iter("item")]
    return [(e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href")) for e in root.iter(f"{ATOM}entry")]


def publish(item, at):
    """Publish a draft as a curator would, at a given time (the catalogue's history records when)."""
    item.status = Item.Status.PUBLISHED
    item.save()
    ChangeRecord.objects.filter(object_id=str(item.pk), field="status").update(at=at)


@pytest.fixture
def catalogue(db):
    now = timezone.now()
    old = make_item(title="Old harbour", title_th="ท่าเรือเก่า")
    Item.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=30))
    late = make_item(title="Late draft", title_my="နောက်ကျသောမူကြမ်း", status=Item.Status.DRAFT)
    Item.objects.filter(pk=late.pk).update(created_at=now - timedelta(days=60))
    publish(Item.objects.get(pk=late.pk), now - timedelta(days=1))
    middle = make_item(title="Market day", title_km="ថ្ងៃផ្សារ")
    Item.objects.filter(pk=middle.pk).update(created_at=now - timedelta(days=5))
    hidden = [
        make_item(title="Hidden draft", status=Item.Status.DRAFT),
        make_item(title="Hidden staff", access="staff"),
        make_item(title="Hidden voice", kind=Item.Kind.ORAL_HISTORY),
        make_item(title="Hidden withdrawn", status=Item.Status.WITHDRAWN),
    ]
    make_consent(make_item(title="Hidden consent"), withdrawn_on=timezone.localdate())
    Exhibit.objects.create(slug="older", title="Older exhibit", title_lo="ນິທັດສະການເກົ່າ",
                           status=Exhibit.Status.PUBLISHED, published_at=now - timedelta(days=9))
    Exhibit.objects.create(slug="newer", title="Newer exhibit", status=Exhibit.Status.PUBLISHED,
                           published_at=now - timedelta(days=2))
    Exhibit.objects.create(slug="draft", title="Draft exhibit")
    Exhibit.objects.create(slug="soon", title="Future exhibit", status=Exhibit.Status.PUBLISHED,
                           published_at=now + timedelta(days=2))
    return hidden


@pytest.mark.parametrize("url", FEEDS[:2])
def test_item_feeds_list_public_items_by_publication_newest_first(client, catalogue, url):
    assert [title for title, _link in entries(client, url)] == ["Late draft", "Market day", "Old harbour"]


@pytest.mark.parametrize("url", FEEDS[2:])
def test_exhibit_feeds_list_public_exhibits_newest_first(client, catalogue, url):
    assert [title for title, _link in entries(client, url)] == ["Newer exhibit", "Older exhibit"]


@pytest.mark.parametrize("url", FEEDS)
def test_hidden_records_are_absent_from_every_feed(client, catalogue, url):
    text = client.get(url).content.decode()
    assert "Hidden" not in text and "Draft exhibit" not in text and "Future exhibit" not in text


@pytest.mark.parametrize("language, title, link", [
    ("th", "ท่าเรือเก่า", "/th/items/"),
    ("my", "နောက်ကျသောမူကြမ်း", "/my/items/"),
    ("km", "ថ្ងៃផ្សារ", "/km/items/"),
])
def test_item_titles_and_links_are_in_the_language_asked_for(client, catalogue, language, title, link):
    for url in FEEDS[:2]:
        found = dict(entries(client, url, lang=language))
        assert title in found, url
        assert link in found[title]
        assert ("Old harbour" in found) == (language != "th"), "the Thai title replaces the English one"


def test_a_feed_says_its_language_and_falls_back_to_english_text(client, catalogue):
    response = client.get("/feeds/exhibits.rss", {"lang": "lo"})
    root = ET.fromstring(response.content)
    assert root.findtext("channel/language") == "lo"
    assert response["Content-Language"] == "lo"
    titles = [i.findtext("title") for i in root.iter("item")]
    assert titles == ["Newer exhibit", "ນິທັດສະການເກົ່າ"]
    assert "/lo/exhibits/older/" in root.findtext("channel/item[2]/link")


def test_an_unknown_language_is_english(client, catalogue):
    root = ET.fromstring(client.get("/feeds/items.atom", {"lang": "xx"}).content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_pages_announce_the_feeds_in_their_language(client, catalogue):
    html = client.get("/th/").content.decode()
    for url in FEEDS:
        assert f'href="{url}?lang=th"' in html
    assert 'type="application/atom+xml"' in html and 'type="application/rss+xml"' in html


def test_the_feed_itself_is_titled_in_its_language(client, catalogue):
    rss = ET.fromstring(client.get("/feeds/items.rss", {"lang": "th"}).content)
    assert rss.findtext("channel/title") == "รายการที่เพิ่งเผยแพร่ – หอจดหมายเหตุประวัติศาสตร์แรงงานข้ามชาติ"
    atom = ET.fromstring(client.get("/feeds/exhibits.atom", {"lang": "my"}).content)
    assert atom.findtext(f"{ATOM}title") == "ပြပွဲအသစ်များ – ရွှေ့ပြောင်းအလုပ်သမား သမိုင်းမှတ်တမ်းတိုက်"
