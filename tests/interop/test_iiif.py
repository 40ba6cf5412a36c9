"""IIIF manifests and the level 0 image service, read back the way IIIF clients read them: every public manifest
parsed by iiif-prezi3, every advertised tile requested from info.json, and hidden items absent everywhere."""

import io
import json
import math

import pytest
from django.core.management import call_command
from iiif_prezi3 import Manifest
from PIL import Image

from archive.models import Item
from media_pipeline.ingest import asset_ingest
from media_pipeline.models import Derivative
from oral_histories.services import transcript_import
from tests.factories import add_agent, make_consent, make_item, served
from tests.media_pipeline import media

pytestmark = pytest.mark.django_db

TITLES = {"title": "Drying fish at the pier", "title_th": "ตากปลาที่ท่าเรือ", "title_my": "ဆိပ်ကမ်းမှာ ငါးလှန်း",
          "title_km": "ហាលត្រីនៅកំពង់ផែ", "title_lo": "ຕາກປາຢູ່ທ່າເຮືອ"}
SRT = "1\n00:00:00,500 --> 00:00:01,500\nสวัสดีครับ\n"


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Store a file and make its derivatives, as the media worker does once the upload is committed."""

    def ingest(item, source, name):
        with django_capture_on_commit_callbacks(execute=True):
            asset = asset_ingest(item=item, source=source, original_name=name)
        assert asset.jobs.get().state == "succeeded", asset.jobs.get().error
        return asset

    return ingest


@pytest.fixture
def photograph(tmp_path, ingest):
    """A large phone photo stored sideways (EXIF orientation 6) with GPS in its EXIF."""
    item = make_item(kind="photograph", original_language="th", description_th="คนงานข้ามชาติตากปลา",
                     description="Migrant workers drying fish.", licence="CC-BY-NC-4.0", **TITLES)
    add_agent(item, role="photographer")
    source = media.make_jpeg(tmp_path / "ภาพถ่าย.jpg", size=(2100, 1300), orientation=6)
    ingest(item, source, "ภาพถ่าย.jpg")
    return item


@pytest.fixture
def small_photograph(tmp_path, ingest):
    item = make_item(kind="document", title="A pay slip", title_lo="ໃບເງິນເດືອນ")
    ingest(item, media.make_jpeg(tmp_path / "slip.jpg", size=(400, 300)), "slip.jpg")
    return item


@pytest.fixture
def film(tmp_path, ingest):
    item = make_item(kind="film", title="Night shift", title_my="ညဆိုင်း")
    ingest(item, media.make_video(tmp_path / "film.mp4", size="160x120", duration=1.5), "film.mp4")
    captions = tmp_path / "คำบรรยาย.srt"
    captions.write_text(SRT, encoding="utf-8")
    ingest(item, captions, "คำบรรยาย.srt")
    return item


@pytest.fixture
def oral_history(tmp_path, ingest):
    item = make_item(kind="oral_history", title="Life on the boats", title_km="ជីវិតលើទូក")
    make_consent(item)
    ingest(item, media.make_audio(tmp_path / "interview.m4a", codec="aac", duration=1.5), "interview.m4a")
    transcript_import(item=item, language="tha", text="WEBVTT\n\n00:00.000 --> 00:01.000\nเราทำงานบนเรือ\n")
    return item


def get_manifest(client, item):
    response = client.get(f"/iiif/{item.accession_number}/manifest.json")
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "iiif.io/api/presentation/3" in response["Content-Type"]
    data = json.loads(response.content)
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    return data, Manifest(**data)


def value(field):
    """A parsed field's plain value: iiif-prezi3 wraps nested values (Id, Dimension, Format...) in models."""
    while hasattr(field, "root"):
        field = field.root
    return str(field) if type(field).__name__ == "AnyUrl" else field


def painted(canvas):
    return value(canvas.items[0].items[0].body)


def test_every_public_manifest_loads_in_iiif_prezi3(client, photograph, small_photograph, film, oral_history):
    make_item(kind="photograph", status="draft", title="Not yet")
    public = list(Item.objects.public())
    assert len(public) == 4
    for item in public:
        data, manifest = get_manifest(client, item)
        assert value(manifest.id).endswith(f"/iiif/{item.accession_number}/manifest.json")
        assert manifest.items, f"{item.accession_number} has no canvas"
        assert value(value(manifest.homepage)[0].id).endswith(f"/items/{item.accession_number}/")
        assert value(manifest.label)["en"] == [item.title]


def test_image_canvas_has_the_pictures_real_upright_size_and_its_image_service(client, photograph):
    data, manifest = get_manifest(client, photograph)
    [canvas] = manifest.items
    assert (value(canvas.width), value(canvas.height)) == (1300, 2100)  # upright: EXIF orientation 6 turned it
    body = painted(canvas)
    assert body.type == "Image" and value(body.format) == "image/jpeg"
    assert value(body.id).startswith("http://testserver/media/derivatives/")
    assert value(body.width) <= 2048  # the largest sized derivative, behind the media view
    [service] = value(body.service)
    assert service.type == "ImageService3" and service.profile == "level0"
    assert served(client.get(value(body.id).removeprefix("http://testserver")))[0] == 200


def test_labels_summaries_rights_and_attribution_in_the_records_languages(client, photograph):
    data, manifest = get_manifest(client, photograph)
    assert data["label"] == {"th": ["ตากปลาที่ท่าเรือ"], "en": ["Drying fish at the pier"],
                             "my": ["ဆိပ်ကမ်းမှာ ငါးလှန်း"], "km": ["ហាលត្រីនៅកំពង់ផែ"], "lo": ["ຕາກປາຢູ່ທ່າເຮືອ"]}
    assert data["summary"] == {"th": ["คนงานข้ามชาติตากปลา"], "en": ["Migrant workers drying fish."]}
    assert data["rights"] == "http://creativecommons.org/licenses/by-nc/4.0/"
    statement = data["requiredStatement"]
    assert set(statement["label"]) == set(statement["value"]) == {"th", "en", "my", "km", "lo"}
    assert statement["label"]["en"] == ["Attribution"]
    assert statement["label"]["th"] != ["Attribution"]
    assert "หอจดหมายเหตุประวัติศาสตร์แรงงานข้ามชาติ" in statement["value"]["th"][0]
    assert photograph.accession_number in statement["value"]["en"][0]
    # Raw UTF-8, not \u escapes: Thai, Burmese, Khmer and Lao read as they are.
    body = client.get(f"/iiif/{photograph.accession_number}/manifest.json").content.decode("utf-8")
    assert "ဆိပ်ကမ်းမှာ" in body and "\\u" not in body


def test_rights_statement_when_the_item_has_no_licence(client, small_photograph):
    data, manifest = get_manifest(client, small_photograph)
    assert data["rights"] == "http://rightsstatements.org/vocab/CNE/1.0/"
    [canvas] = manifest.items
    assert (value(canvas.width), value(canvas.height)) == (400, 300)
    assert painted(canvas).service is None  # too small for deep zoom: no tiles were made
    assert not Derivative.objects.filter(role="iiif-tiles").exists()


def test_film_is_a_time_based_canvas_with_its_captions(client, film):
    data, manifest = get_manifest(client, film)
    [canvas] = manifest.items
    assert value(canvas.duration) == pytest.approx(1.5, abs=0.15)
    assert (value(canvas.width), value(canvas.height)) == (160, 120)
    body = painted(canvas)
    assert body.type == "Video" and value(body.format) == "video/mp4"
    assert value(body.duration) == value(canvas.duration)
    [page] = canvas.annotations
    [captions] = page.items
    assert captions.motivation == "supplementing"
    assert value(value(captions.body).format) == "text/vtt"
    vtt = client.get(value(value(captions.body).id).removeprefix("http://testserver"))
    assert vtt.status_code == 200 and "สวัสดีครับ" in b"".join(vtt.streaming_content).decode("utf-8")
    assert data["label"] == {"en": ["Night shift"], "my": ["ညဆိုင်း"]}


def test_recording_is_a_time_based_canvas_with_its_transcript(client, oral_history):
    data, manifest = get_manifest(client, oral_history)
    [canvas] = manifest.items
    assert value(canvas.duration) == pytest.approx(1.5, abs=0.15)
    assert canvas.width is None
    assert painted(canvas).type == "Sound"
    [transcript] = canvas.annotations[0].items
    body = value(transcript.body)
    assert (body.language, value(body.format), transcript.motivation) == ("th", "text/vtt", "supplementing")
    assert value(body.label)["en"] == ["Transcript (ไทย)"]
    assert value(body.label)["th"] == ["บทถอดความ (ไทย)"]
    answer = client.get(value(body.id).removeprefix("http://testserver"))
    assert answer.status_code == 200 and "เราทำงานบนเรือ" in answer.content.decode("utf-8")


def advertised_tiles(info):
    """The tile addresses a client computes from info.json (as the Image API's implementation notes do)."""
    width, height = info["width"], info["height"]
    [tiles] = info["tiles"]
    size = tiles["width"]
    for factor in tiles["scaleFactors"]:
        step = size * factor
        for y in range(0, height, step):
            for x in range(0, width, step):
                w, h = min(step, width - x), min(step, height - y)
                region = "full" if (x, y, w, h) == (0, 0, width, height) else f"{x},{y},{w},{h}"
                yield f"{region}/{math.ceil(w / factor)},{math.ceil(h / factor)}/0/default.jpg", (
                    math.ceil(w / factor), math.ceil(h / factor))


def test_every_advertised_tile_is_served_without_metadata(client, photograph):
    [asset] = photograph.assets.all()
    response = client.get(f"/iiif/image/{asset.pk}/info.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    info = response.json()
    assert info["id"] == f"http://testserver/iiif/image/{asset.pk}"
    assert (info["type"], info["profile"], info["width"], info["height"]) == ("ImageService3", "level0", 1300, 2100)
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4, 8]}]
    count = 0
    for address, size in advertised_tiles(info):
        tile = client.get(f"/iiif/image/{asset.pk}/{address}")
        status, body = served(tile)  # on object storage: a presigned redirect, followed
        assert status == 200, address
        assert tile["Access-Control-Allow-Origin"] == "*"
        assert tile.status_code == 302 or tile["Content-Type"] == "image/jpeg"
        with Image.open(io.BytesIO(body)) as image:
            assert image.size == size
            assert not image.getexif() and "icc_profile" not in image.info
        count += 1
    assert count == 3 * 5 + 2 * 3 + 1 * 2 + 1
    # The left half of the stored picture was red; turned upright (orientation 6) it is the top.
    top = client.get(f"/iiif/image/{asset.pk}/0,0,512,512/512,512/0/default.jpg")
    with Image.open(io.BytesIO(served(top)[1])) as image:
        red, green, blue = image.convert("RGB").getpixel((256, 256))
        assert red > 200 and blue < 60


def test_other_spellings_of_a_tile_reach_the_same_file(client, photograph):
    [asset] = photograph.assets.all()
    base = f"/iiif/image/{asset.pk}"
    canonical = served(client.get(f"{base}/0,0,512,512/512,512/0/default.jpg"))[1]
    assert served(client.get(f"{base}/0,0,512,512/max/0/default.jpg"))[1] == canonical
    assert served(client.get(f"{base}/0,0,512,512/512,/0/default.jpg"))[1] == canonical
    status, smallest = served(client.get(f"{base}/full/163,263/0/default.jpg"))
    assert status == 200
    assert served(client.get(f"{base}/full/163,/0/default.jpg"))[1] == smallest
    assert client.get(base).status_code == 302 and client.get(base)["Location"].endswith("/info.json")


def test_requests_level_0_cannot_answer_are_404(client, photograph):
    [asset] = photograph.assets.all()
    for address in [
        "0,0,512,512/512,512/90/default.jpg",  # level 0: no rotation
        "0,0,512,512/512,512/0/gray.jpg",  # nor other qualities
        "0,0,512,512/512,512/0/default.png",  # nor other formats
        "0,0,512,512/256,256/0/default.jpg",  # a size no tile was made at
        "1024,0,512,512/512,512/0/default.jpg",  # past the picture's right edge
        "pct:0,0,50,50/max/0/default.jpg",
        "0,0,512,512/!512,512/0/default.jpg",
        "..%2F..%2Finfo.json/max/0/default.jpg",
    ]:
        assert client.get(f"/iiif/image/{asset.pk}/{address}").status_code == 404, address
    assert client.get(f"/iiif/image/{asset.pk + 1}/info.json").status_code == 404


def test_a_hidden_items_manifest_info_and_tiles_are_404(client, photograph, staff_user):
    [asset] = photograph.assets.all()
    info = client.get(f"/iiif/image/{asset.pk}/info.json").json()
    tile_address = next(advertised_tiles(info))[0]
    tiles = Derivative.objects.get(asset=asset, role="iiif-tiles")
    addresses = [f"/iiif/{photograph.accession_number}/manifest.json", f"/iiif/image/{asset.pk}/info.json",
                 f"/iiif/image/{asset.pk}/{tile_address}", f"/media/{tiles.folder}/{tile_address}",
                 f"/media/{tiles.path}"]
    assert [served(client.get(a))[0] for a in addresses] == [200] * 5
    Item.objects.filter(pk=photograph.pk).update(access="staff")
    assert [client.get(a).status_code for a in addresses] == [404] * 5
    client.force_login(staff_user)  # the same policy lets curators check a record before it is public
    assert [served(client.get(a))[0] for a in addresses] == [200] * 5


def test_withdrawn_consent_and_withheld_files_leave_the_manifest(client, oral_history, film):
    oral_history.consents.update(withdrawn_on="2020-01-01")
    assert client.get(f"/iiif/{oral_history.accession_number}/manifest.json").status_code == 404
    film.assets.filter(kind="video").update(withheld=True)
    data, manifest = get_manifest(client, film)
    assert manifest.items == []
    assert client.get("/iiif/NO-SUCH-ITEM/manifest.json").status_code == 404


def test_media_reprocess_makes_tiles_for_existing_pictures(client, photograph, small_photograph,
                                                          django_capture_on_commit_callbacks):
    def reprocess(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("media_reprocess", *args, stdout=out)
        return out.getvalue()

    [asset] = photograph.assets.all()
    assert "Queued 0" in reprocess("--outdated")  # a small picture lacks tiles because it needs none
    Derivative.objects.filter(role="iiif-tiles").delete()
    assert client.get(f"/iiif/image/{asset.pk}/info.json").status_code == 404
    assert "Queued 1" in reprocess("--outdated")  # the large picture, missing its tiles
    Derivative.objects.filter(role="iiif-tiles").delete()
    assert "Queued 2" in reprocess("--profile", "iiif-tiles")
    [tiles] = Derivative.objects.filter(role="iiif-tiles")
    assert (tiles.asset_id, tiles.profile, tiles.profile_version, tiles.width, tiles.height) == (
        asset.pk, "iiif-tiles", 1, 1300, 2100)
    assert client.get(f"/iiif/image/{asset.pk}/info.json").status_code == 200


def test_a_large_painting_can_be_zoomed_into_on_its_page(client, tmp_path, ingest):
    item = make_item(kind="artwork", title="Boats at Mahachai", title_th="เรือที่มหาชัย", medium="oil")
    [asset] = [ingest(item, media.make_jpeg(tmp_path / "ภาพวาด.jpg", size=(2400, 1600)), "ภาพวาด.jpg")]
    page = client.get(f"/th/items/{item.accession_number}/").content.decode()
    assert f'data-deep-zoom="/iiif/image/{asset.pk}/info.json"' in page
    assert client.get(f"/iiif/image/{asset.pk}/info.json").status_code == 200
