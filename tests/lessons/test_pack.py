"""The offline pack of a kit: only what the classroom rule and the licences allow, files streamed from storage into
a zip whose names are safe, with an index.html in the page's language, and a size limit that says so."""

import io
import os
import re
import zipfile
from decimal import Decimal
from pathlib import PurePosixPath

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from archive.models import Asset, Item, ItemAgent
from archive.storage import CHUNK, public_storage
from exhibits.models import Exhibit
from lessons.pack import clip_clock, may_copy
from oral_histories.services import transcript_import
from tests.factories import (add_agent, add_subtitles, attach_audio, make_agent, make_child_artwork, make_consent,
                             make_derivative, make_item, make_kit, make_oral_history, make_recording,
                             make_spoken_interview)

pytestmark = pytest.mark.django_db

EDU = Item.Rights.IN_COPYRIGHT_EDU
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")


def pictured(width=640, colour=(200, 120, 40), *, withheld=False, item=None, **fields):
    """An item (or a new file of `item`) with one image derivative stored through the storage API, so the test
    runs the same on local folders and on object storage."""
    item = item or make_item(**{"rights": EDU, **fields})
    asset = Asset.objects.create(item=item, kind=Asset.Kind.IMAGE, original_name="ภาพ.jpg", withheld=withheld)
    data = io.BytesIO()
    Image.new("RGB", (width, width * 3 // 4), colour).save(data, "JPEG")
    path = public_storage.save(f"derivatives/{asset.pk}/image-sizes/t/{width}.jpg", ContentFile(data.getvalue()))
    make_derivative(asset, "image", path=path, mime_type="image/jpeg", width=width, height=width * 3 // 4,
                    size=len(data.getvalue()))
    return item


def download(client, kit, prefix=""):
    response = client.get(f"{prefix}{kit.get_absolute_url()}pack.zip")
    assert response.status_code == 200, response.content[:500]
    assert response.streaming and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def text(pack, name):
    return pack.read(name).decode()


@pytest.mark.parametrize(("rights", "licence", "copied"), [
    (Item.Rights.IN_COPYRIGHT, "", False),
    (Item.Rights.IN_COPYRIGHT, Item.Licence.BY_NC_ND, True),
    (Item.Rights.IN_COPYRIGHT_EDU, "", True),
    (Item.Rights.IN_COPYRIGHT_NC, "", True),
    (Item.Rights.IN_COPYRIGHT_RUU, "", False),
    (Item.Rights.IN_COPYRIGHT_OW, "", False),
    (Item.Rights.NO_COPYRIGHT_US, "", True),
    (Item.Rights.NO_COPYRIGHT_OKLR, "", True),
    (Item.Rights.NO_KNOWN_COPYRIGHT, "", True),
    (Item.Rights.NOT_EVALUATED, "", False),
    (Item.Rights.UNDETERMINED, "", False),
    ("", "", False),
    ("", Item.Licence.CC0, True),
    (Item.Rights.IN_COPYRIGHT, "All rights reserved", False),
])
def test_the_licence_or_else_the_rights_statement_decides_whether_a_copy_may_travel(rights, licence, copied):
    assert may_copy(rights=rights, licence=licence) is copied


def test_clip_times_keep_their_tenths():
    assert [clip_clock(t) for t in (0, 1.5, 3.96, 59.99, 3725.25)] == ["0:00", "0:01.5", "0:04", "1:00", "1:02:05.2"]


def test_only_sources_the_classroom_rule_shows_are_packed_and_the_removed_are_counted(client):
    kept = pictured(title="Nets at dawn", accession_number="KEPT-1")
    refused = pictured(title="Secret harbour", accession_number="REFUSED-1", colour=(0, 0, 200))
    make_consent(refused, classroom=False)
    hidden = pictured(title="Staff eyes only", accession_number="HIDDEN-1", access="staff")
    pack = download(client, make_kit(kept, refused, hidden))
    names = pack.namelist()
    assert {"index.html", "README.txt", "kit-pack.css", "kit-pack.js", "handout.pdf"} <= set(names)
    assert pack.read("handout.pdf").startswith(b"%PDF")
    assert [name for name in names if name.startswith("sources/")] == ["sources/01-kept-1.jpg"]
    index, readme = text(pack, "index.html"), text(pack, "README.txt")
    for gone in ("Secret harbour", "Staff eyes only", "refused", "hidden", "REFUSED", "HIDDEN"):
        assert gone not in index and gone not in readme and not any(gone in name for name in names)
    assert '<a href="handout.pdf">' in index
    assert "Nets at dawn" in index and "2 sources of this kit are no longer available." in index
    assert "2 sources of this kit are no longer available." in readme


def test_a_source_whose_rights_forbid_copies_is_a_link_with_no_file(client):
    linked = pictured(title="Union meeting", rights=Item.Rights.IN_COPYRIGHT, accession_number="LINKED-1")
    licensed = pictured(title="Market day", rights=Item.Rights.IN_COPYRIGHT, licence=Item.Licence.BY,
                        accession_number="LICENSED-1")
    free = pictured(title="Old harbour", rights=Item.Rights.NO_KNOWN_COPYRIGHT, accession_number="FREE-1")
    exhibit = Exhibit.objects.create(slug="fishing-lives", title="Fishing lives", status=Exhibit.Status.PUBLISHED,
                                     published_at=timezone.now())
    pack = download(client, make_kit(linked, licensed, free, exhibit))
    media = [name for name in pack.namelist() if name.startswith("sources/")]
    assert media == ["sources/02-licensed-1.jpg", "sources/03-free-1.jpg"]
    index = text(pack, "index.html")
    union = index[index.index("Union meeting"):index.index("Market day")]
    assert "does not allow copies outside the archive" in union and "<img" not in union
    assert f'href="http://testserver{linked.get_absolute_url()}"' in union
    assert index.count("does not allow copies") == 1
    assert "Fishing lives" in index and "An exhibit of the archive: open it online." in index
    assert "CC BY 4.0" in index and "No Known Copyright" in index
    readme = text(pack, "README.txt")
    assert "Link only: no files." in readme and "sources/02-licensed-1.jpg" in readme


def test_a_withheld_file_is_never_packed(client):
    item = pictured(640, (10, 200, 10), withheld=True, accession_number="TWO-FILES")
    pictured(640, (200, 10, 10), item=item)
    pack = download(client, make_kit(item))
    (image,) = [name for name in pack.namelist() if name.startswith("sources/")]
    shown = Asset.objects.get(item=item, withheld=False).derivatives.get()
    with public_storage.open(shown.path, "rb") as stored:
        assert pack.read(image) == stored.read()


def test_the_smallest_adequate_image_is_packed_and_media_are_stored_uncompressed(client):
    item = pictured(320, accession_number="SIZES")
    for width in (640, 1280):
        pictured(width, item=item)
    kit = make_kit(item)
    Asset.objects.filter(item=item).exclude(derivatives__width=320).delete()
    asset = Asset.objects.get(item=item)
    for width in (640, 1280):
        path = public_storage.save(f"derivatives/{asset.pk}/image-sizes/t/{width}.webp", ContentFile(b"x" * width))
        make_derivative(asset, "image", path=path, mime_type="image/webp", width=width, height=width, size=width)
    pack = download(client, kit)
    (image,) = [info for info in pack.infolist() if info.filename.startswith("sources/")]
    assert image.filename.endswith(".webp") and image.file_size == 640
    assert image.compress_type == zipfile.ZIP_STORED
    assert pack.getinfo("index.html").compress_type == zipfile.ZIP_DEFLATED
    assert pack.testzip() is None


def test_hostile_titles_are_text_in_the_index_and_never_reach_a_file_name(client):
    thai = "การเดินทางของแรงงานข้ามชาติจากเมียวดีสู่มหาชัย" * 8
    html = pictured(title='<script>alert("x")</script><img src=x onerror=alert(1)>',
                    accession_number="..\\..\\<etc> passwd")
    long = pictured(title="Long", title_th=thai, accession_number="ก" * 60, original_language="th")
    kit = make_kit(html, long, slug="ชุดการสอน", title_th='<a href="http://evil">ชุด</a>')
    response = client.get(f"/th/lessons/{kit.slug}/pack.zip")
    assert response["Content-Disposition"] == 'attachment; filename="lesson-kit-th.zip"'
    pack = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    for name in pack.namelist():
        assert SAFE_NAME.match(name) and ".." not in PurePosixPath(name).parts and len(name) < 80, name
    assert set(pack.namelist()) >= {"sources/01-etc-passwd.jpg", "sources/02-source.jpg"}
    index = text(pack, "index.html")
    assert "<script>alert" not in index and "<img src=x" not in index and '<a href="http://evil">' not in index
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in index
    assert thai in index and '<html lang="th">' in index
    assert thai in text(pack, "README.txt")


@pytest.mark.django_db(transaction=True)  # the media pipeline runs its job once the upload commits
def test_a_clip_packs_its_recording_captions_and_transcript_in_the_page_language(client, tmp_path):
    item, _recording = make_spoken_interview(tmp_path, seconds=6, accession_number="OH-7", rights=EDU)
    transcript_import(item=item, language="tha", text="WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ko Min>ออกเรือ\n\n"
                                                       "00:00:04.500 --> 00:00:05.500\nกลับบ้าน\n")
    add_subtitles(item, tmp_path, "สัมภาษณ์.th.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nออกเรือ\n")
    kit = make_kit((item, Decimal("1"), Decimal("3.5")), duration_minutes=45, summary_th="ฟังแล้วคุยกัน",
                   questions_observe_th="ได้ยินเสียงอะไร\nใครพูด")
    pack = download(client, kit, prefix="/th")
    names = set(pack.namelist())
    assert {"sources/01-oh-7.m4a", "sources/01-oh-7-1-th.vtt", "sources/01-oh-7-transcript.txt"} <= names
    index = text(pack, "index.html")
    assert 'src="sources/01-oh-7.m4a#t=1,3.5"' in index
    assert 'data-clip-start="1" data-clip-end="3.5"' in index and "คลิปตั้งแต่ 0:01 ถึง 0:03.5" in index
    assert '<track kind="captions" src="sources/01-oh-7-1-th.vtt" srclang="th"' in index
    assert "ฟังแล้วคุยกัน" in index and "<li>ใครพูด</li>" in index and "ชุดการสอน" in index
    assert "ออกเรือ" in text(pack, "sources/01-oh-7-transcript.txt")
    assert "กลับบ้าน" not in text(pack, "sources/01-oh-7-transcript.txt")  # said after the clip ends
    assert text(pack, "sources/01-oh-7-1-th.vtt").startswith("WEBVTT")
    assert '<script src="sources/01-oh-7-1-th.js"></script>' in index
    assert text(pack, "sources/01-oh-7-1-th.js").endswith(
        'window.kitPackCaptions["sources/01-oh-7-1-th.vtt"] = [[1.0, 3.0, "\\u0e2d\\u0e2d\\u0e01\\u0e40\\u0e23\\u0e37'
        '\\u0e2d"]];\n')
    assert pack.getinfo("sources/01-oh-7.m4a").compress_type == zipfile.ZIP_STORED


def test_a_pack_takes_a_fixed_number_of_queries_whatever_the_kit_holds(client):
    counts = []
    for size in (1, 4):
        kit = make_kit(*[pictured(accession_number=f"COUNT-{size}-{n}") for n in range(size)])
        with CaptureQueriesContext(connection) as queries:
            download(client, kit)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_teachers_shared_kit_packs_by_its_link(client, django_user_model):
    teacher = django_user_model.objects.create_user("teacher")
    kit = make_kit(pictured(accession_number="SHARED-1"), owner=teacher, status="draft")
    assert client.get(f"/lessons/{kit.slug}/pack.zip").status_code == 404
    pack = download(client, kit)
    assert "sources/01-shared-1.jpg" in pack.namelist()


def test_a_pack_over_the_size_limit_is_refused_with_a_message(client, settings):
    kit = make_kit(pictured(1280, accession_number="BIG-1"))
    settings.ARCHIVE_PACK_MAX_BYTES = 4096
    response = client.get(f"{kit.get_absolute_url()}pack.zip")
    assert response.status_code == 413 and not response.streaming
    page = response.content.decode()
    assert "The offline pack is too large" in page and "4.0\xa0KB" in page
    assert f'href="{kit.get_absolute_url()}"' in page
    settings.ARCHIVE_PACK_MAX_BYTES = 10**7
    assert download(client, kit).namelist()


def test_the_pack_reads_its_files_from_object_storage(client, object_storage):
    kit = make_kit(pictured(accession_number="S3-1"))
    pack = download(client, kit)
    shown = Asset.objects.get().derivatives.get()
    with public_storage.open(shown.path, "rb") as stored:
        assert pack.read("sources/01-s3-1.jpg") == stored.read()


@pytest.mark.parametrize("covers_pictures", [False, True])
def test_a_childs_picture_travels_only_when_the_guardian_consented_to_pictures_in_lists(client, covers_pictures):
    item = make_child_artwork(covers_pictures=covers_pictures, rights=EDU, accession_number="CHILD-1")
    derivative = Asset.objects.get(item=item).derivatives.get()
    public_storage.save(derivative.path, ContentFile(b"a drawing"))
    pack = download(client, make_kit(item))
    assert ("sources/01-child-1.jpg" in pack.namelist()) is covers_pictures
    assert "ပန်းချီ" in text(pack, "index.html")


def test_a_childs_full_name_typed_as_a_voice_reaches_no_file_of_the_pack(client, tmp_path,
                                                                         django_capture_on_commit_callbacks):
    item = make_oral_history(accession_number="PERF-CHILD", title="Songday", rights=EDU)
    child = make_agent(display_name="ဖြိုး ဝေ Kyawthura", private_name="Nang Sein Kyawthura Htoo", is_minor=True,
                       birth_year=2015, minor_public_name="Nilar")
    add_agent(item, child, role=ItemAgent.Role.PERFORMER)
    make_consent(item, agent=child, by_guardian=True, covers_pictures_in_lists=True)
    sound = attach_audio(make_recording(item, original_name="เพลง.m4a"))
    public_storage.save(sound.path, ContentFile(b"a song"))
    voices = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v ဖြိုး  ဝေ kyawthura>ငါတို့ ရေကန်ဘေးမှာ\n\n"
              "00:00:03.000 --> 00:00:05.000\n<v NANG SEIN KYAWTHURA HTOO>ကချင်း\n")
    with django_capture_on_commit_callbacks(execute=True):
        transcript_import(item=item, language="mya", text=voices)
    add_subtitles(item, tmp_path, "เพลง.my.vtt", voices)
    pack = download(client, make_kit(item), prefix="/my")
    assert {"sources/01-perf-child.m4a", "sources/01-perf-child-1-my.vtt", "sources/01-perf-child-1-my.js",
            "sources/01-perf-child-transcript.txt"} <= set(pack.namelist())
    for name in pack.namelist():
        if not name.endswith((".m4a", ".pdf")):
            assert "kyawthura" not in text(pack, name).casefold(), name
    assert "<v Nilar>" in text(pack, "sources/01-perf-child-1-my.vtt")
    assert "Nilar: " in text(pack, "sources/01-perf-child-transcript.txt")


def test_a_large_file_is_streamed_in_chunks_never_whole(client):
    item = make_item(rights=EDU, accession_number="FILM-BIG")
    asset = Asset.objects.create(item=item, kind=Asset.Kind.IMAGE, original_name="big.jpg")
    data = os.urandom(5 * CHUNK // 2)
    path = public_storage.save(f"derivatives/{asset.pk}/image-sizes/t/640.jpg", ContentFile(data))
    make_derivative(asset, "image", path=path, mime_type="image/jpeg", width=640, height=480, size=len(data))
    response = client.get(f"{make_kit(item).get_absolute_url()}pack.zip")
    pieces = list(response.streaming_content)
    assert max(len(piece) for piece in pieces) <= CHUNK + 4096 < len(data)
    assert zipfile.ZipFile(io.BytesIO(b"".join(pieces))).read("sources/01-film-big.jpg") == data
