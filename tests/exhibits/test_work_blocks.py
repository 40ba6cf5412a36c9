"""The art gallery block (works large, with their labels) and the performance block (a recording with its
programme), in the page's language, through the access policy."""

import pytest
from django.utils import timezone

from archive.models import Item, ItemAgent, Tradition
from exhibits.models import Block, BlockItem, Exhibit
from tests.exhibits.museum import add_audio, add_image, add_video
from tests.factories import make_agent, make_child_artwork, make_consent, make_item

pytestmark = pytest.mark.django_db


def exhibit_with(kind, items, slug="art"):
    exhibit = Exhibit.objects.create(slug=slug, title="Art of the harbour", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    block = Block.objects.create(exhibit=exhibit, kind=kind, position=1, heading="Works",
                                 heading_th="ผลงาน")
    for position, item in enumerate(items):
        BlockItem.objects.create(block=block, item=item, position=position)
    return exhibit


def block_html(page, kind):
    return page.split(f'class="block block-{kind}"', 1)[1].split("</section>", 1)[0]


def test_the_art_gallery_shows_each_work_large_with_its_label_in_the_pages_language(client, settings):
    painting = make_item(kind=Item.Kind.ARTWORK, title="Boats", title_th="เรือ", date="2019", medium="oil",
                         medium_th="สีน้ำมัน", support="canvas", support_th="ผ้าใบ", dimensions="60 × 90 cm")
    ItemAgent.objects.create(item=painting, agent=make_agent(display_name="ကိုဇော်"), role="artist")
    add_image(painting, media_root=settings.MEDIA_ROOT)
    withdrawn = make_item(kind=Item.Kind.ARTWORK, title="Withdrawnwork")
    make_consent(withdrawn, withdrawn_on="2026-01-01")
    exhibit_with(Block.Kind.ART_GALLERY, [painting, withdrawn])
    html = block_html(client.get("/th/exhibits/art/").content.decode(), "art_gallery")
    assert "ผลงาน" in html
    assert "เรือ" in html and "ကိုဇော်" in html and "สีน้ำมัน" in html and "60 × 90 cm" in html and "2562" in html
    assert "-1280.jpg" in html and 'sizes="(min-width: 60rem) 40rem, 100vw"' in html  # large, not a thumbnail
    assert "Withdrawnwork" not in html


def test_the_performance_block_plays_the_recording_with_its_programme(client, settings):
    dance = make_item(kind=Item.Kind.PERFORMANCE, title="Don dance", title_my="ဒုံးအက",
                      tradition=Tradition.objects.get(slug="karen"), occasion_my="သင်္ကြန်")
    ItemAgent.objects.create(item=dance, agent=make_agent(display_name="Hsa Moo Troupe"), role="performing_group")
    ItemAgent.objects.create(item=dance, agent=make_agent(display_name="Saw Htoo"), role="musician",
                             part="ပတ်တလား")
    add_video(dance, settings.MEDIA_ROOT)
    song = make_item(kind=Item.Kind.MUSIC, title="Lao song")
    ItemAgent.objects.create(item=song, agent=make_agent(display_name="ນາງ ແສງ"), role="singer")
    add_audio(song, settings.MEDIA_ROOT)
    silent = make_item(kind=Item.Kind.PERFORMANCE, title="Nofilmyet")  # nothing to play: left out
    exhibit_with(Block.Kind.PERFORMANCE, [dance, song, silent])
    html = block_html(client.get("/my/exhibits/art/").content.decode(), "performance")
    assert html.count("<video") == 1 and html.count("<audio") == 1
    assert "ဒုံးအက" in html and "ကရင်" in html and "သင်္ကြန်" in html
    assert "Hsa Moo Troupe" in html and "ပတ်တလား" in html and "ນາງ ແສງ" in html
    assert "Nofilmyet" not in html


def test_a_childs_performance_needs_consent_covering_pictures_to_play_in_an_exhibit(client, settings):
    drawing = make_child_artwork(title="Childdrawing")
    add_video(drawing, settings.MEDIA_ROOT)
    exhibit_with(Block.Kind.PERFORMANCE, [drawing], slug="children")
    assert client.get("/exhibits/children/").status_code == 200
    assert "Childdrawing" not in client.get("/exhibits/children/").content.decode()  # block dropped: no player
    consent = drawing.consents.get()
    consent.covers_pictures_in_lists = True
    consent.save()
    page = client.get("/exhibits/children/").content.decode()
    assert "Childdrawing" in page and "<video" in page and "ဖြိုး" in page and "Kyaw" not in page
