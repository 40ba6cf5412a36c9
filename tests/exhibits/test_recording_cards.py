"""A gallery shows a recording without a picture as a card: its title, length, a line of its transcript and its
waveform, never a blank square; and nothing the visitor may not read."""

import pytest
from django.utils import timezone

from exhibits.models import Block, BlockItem, Exhibit
from oral_histories.services import transcript_import
from tests.exhibits.museum import add_audio
from tests.factories import make_consent, make_oral_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def gallery(isolated_files):
    voice = make_oral_history(title="A narrator remembers", title_th="ผู้เล่าเรื่องรำลึก", original_language="th")
    recording = add_audio(voice, isolated_files / "media")
    recording.derivatives.filter(role="audio").update(duration=754.2)
    transcript_import(item=voice, language="tha", text="[00:00:03] เรือออกตอนกลางคืน\n[00:00:09] กลับมาตอนเช้า\n")
    transcript_import(item=voice, language="mya", text="[00:00:01] လှေက ညမှာ ထွက်တယ်\n")
    exhibit = Exhibit.objects.create(slug="voices", title="Voices", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now() - timezone.timedelta(days=1))
    block = Block.objects.create(exhibit=exhibit, position=0, kind=Block.Kind.GALLERY, heading="Voices")
    BlockItem.objects.create(block=block, item=voice, position=0)
    return voice


def gallery_html(client, prefix=""):
    html = client.get(f"{prefix}/exhibits/voices/").content.decode()
    return html.split('<ul class="gallery">', 1)[1].split("</ul>", 1)[0]


def test_a_recording_is_a_card_with_its_title_length_line_and_waveform(client, gallery):
    html = gallery_html(client, "/th")
    assert '<span class="recording-card kind-oral_history">' in html and "no-picture" not in html
    assert '<time datetime="PT754S">12:34</time>' in html
    assert '<span class="rc-title">ผู้เล่าเรื่องรำลึก</span>' in html
    assert '<span class="rc-line" lang="th">“เรือออกตอนกลางคืน”</span>' in html  # the page's language first
    assert html.count("<rect") == 48


def test_the_line_is_in_the_page_language_when_there_is_one(client, gallery):
    assert '<span class="rc-line" lang="my">“လှေက ညမှာ ထွက်တယ်”</span>' in gallery_html(client, "/my")
    # No Khmer transcript: the first line of the first transcript read.
    assert 'class="rc-line"' in gallery_html(client, "/km")


def test_a_staff_only_transcript_gives_no_line(client, gallery):
    gallery.assets.get().transcripts.update(staff_only=True)
    html = gallery_html(client, "/th")
    assert "rc-line" not in html and "เรือออกตอนกลางคืน" not in html
    assert '<time datetime="PT754S">12:34</time>' in html


def test_a_withdrawn_recording_leaves_the_gallery(client, gallery):
    make_consent(gallery, withdrawn_on="2024-01-01")
    response = client.get("/exhibits/voices/")
    assert "เรือออกตอนกลางคืน" not in response.content.decode() and "recording-card" not in response.content.decode()


def test_the_cards_cost_a_fixed_number_of_queries(client, gallery, django_assert_max_num_queries, isolated_files):
    client.get("/exhibits/voices/")
    block = Block.objects.get()
    with django_assert_max_num_queries(40) as one:
        client.get("/exhibits/voices/")
    for number in range(5):
        item = make_oral_history(title=f"เสียง {number}")
        add_audio(item, isolated_files / "media")
        transcript_import(item=item, language="tha", text=f"[00:00:01] บรรทัด {number}\n")
        BlockItem.objects.create(block=block, item=item, position=number + 1)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get("/exhibits/voices/").content.decode()
    assert html.count('class="recording-card') == 6
