"""The small museum the public-site tests share: every block kind, every player, and records nobody may see."""

import json

from PIL import Image, ImageDraw
from django.utils import timezone

from archive.models import Asset, Item
from exhibits.models import Block, BlockItem, Exhibit
from tests.factories import (add_agent, make_collection, make_consent, make_derivative, make_item, make_place,
                             make_subject)

DATA_CSV = "Year,Registered workers\n2015,\"1,200,000\"\n2016,1450000\n2017,1800000\n2018,2100000\n"


def write_picture(media_root, path, width, height, colour=(38, 84, 124)):
    """A real little picture (sea, sky and a boat) so pages and screenshots show images, not broken links."""
    image = Image.new("RGB", (width, height), (214, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 3 // 5, width, height], fill=colour)
    draw.polygon([(width // 4, height * 3 // 5), (width * 3 // 4, height * 3 // 5), (width * 2 // 3, height * 7 // 10),
                  (width // 3, height * 7 // 10)], fill=(140, 60, 20))
    target = media_root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "WEBP" if path.endswith(".webp") else "JPEG", quality=70)


def add_image(item, *, name="photo", media_root=None):
    asset = Asset.objects.create(item=item, kind=Asset.Kind.IMAGE, mime_type="image/jpeg")
    for width in (320, 640, 1280):
        for mime, ext in (("image/jpeg", "jpg"), ("image/webp", "webp")):
            path = f"derivatives/{asset.pk}/image-sizes/t/{name}-{width}.{ext}"
            make_derivative(asset, "image", path=path, mime_type=mime, width=width, height=width * 2 // 3)
            if media_root is not None:
                write_picture(media_root, path, width, width * 2 // 3)
    return asset


def add_video(item, media_root=None):
    asset = Asset.objects.create(item=item, kind=Asset.Kind.VIDEO, mime_type="video/mp4")
    for height in (360, 720):
        make_derivative(asset, "mp4", path=f"derivatives/{asset.pk}/video-hls/t/{height}.mp4", mime_type="video/mp4",
                        width=height * 16 // 9, height=height)
    make_derivative(asset, "hls-master", path=f"derivatives/{asset.pk}/video-hls/t/master.m3u8",
                    mime_type="application/vnd.apple.mpegurl")
    poster = make_derivative(asset, "poster", path=f"derivatives/{asset.pk}/video-poster/t/poster.jpg",
                             mime_type="image/jpeg", width=1280, height=720)
    if media_root is not None:
        write_picture(media_root, poster.path, 1280, 720, colour=(20, 30, 60))
    subtitles = Asset.objects.create(item=item, kind=Asset.Kind.CAPTION, mime_type="text/vtt", position=1,
                                     original_name="boat.th.vtt")
    captions = make_derivative(subtitles, "captions", path=f"derivatives/{subtitles.pk}/captions-vtt/t/captions.vtt",
                               mime_type="text/vtt")
    if media_root is not None:
        target = media_root / captions.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nเรือออกตอนกลางคืน\n", encoding="utf-8")
    return asset


def add_audio(item, media_root):
    asset = Asset.objects.create(item=item, kind=Asset.Kind.AUDIO, mime_type="audio/mpeg")
    make_derivative(asset, "audio", path=f"derivatives/{asset.pk}/audio-aac/t/audio.m4a", mime_type="audio/mp4")
    peaks = make_derivative(asset, "peaks", path=f"derivatives/{asset.pk}/audio-peaks/t/peaks.json",
                            mime_type="application/json")
    target = media_root / peaks.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"data": [((i * 37) % 100) / 100 for i in range(800)]}))
    return asset


def build_museum(media_root, *, pictures=False):
    """A small public collection in five languages, an exhibit using every kind of block, and hidden records.

    With `pictures`, the image derivatives are real files, for the browser tests and their screenshots."""
    picture_root = media_root if pictures else None
    collection = make_collection(slug="fishing-ports", title="Fishing ports", title_th="ท่าเรือประมง")
    subject = make_subject(slug="fishing", title="Fishing", title_th="การประมง", title_my="ငါးဖမ်းခြင်း")
    mahachai = make_place("Thailand > Samut Sakhon")
    mahachai.latitude, mahachai.longitude = 13.5475, 100.2744
    mahachai.name_th = "สมุทรสาคร"
    mahachai.save()
    ranong = make_place("Thailand > Ranong")
    ranong.latitude, ranong.longitude = 9.9658, 98.6348
    ranong.save()
    photo = make_item(title="Boat at dawn", title_th="เรือยามรุ่งอรุณ", title_my="အရုဏ်ဦး လှေ",
                      description="Fishing boats in the harbour.", date="1995~", collection=collection,
                      licence="CC-BY-4.0")
    photo.places.add(mahachai)
    photo.subjects.add(subject)
    photo.tags.add("boats")
    add_agent(photo, role="photographer")
    add_image(photo, media_root=picture_root)
    film = make_item(kind=Item.Kind.FILM, title="Night shift", title_th="กะกลางคืน", date="199X")
    film.places.add(ranong)
    add_video(film, media_root=picture_root)
    voice = make_item(kind=Item.Kind.ORAL_HISTORY, title="A narrator remembers", title_my="ဇာတ်ကြောင်းပြောသူ",
                      date="2003-05")
    make_consent(voice)
    add_agent(voice, role="narrator")
    add_audio(voice, media_root)
    hidden = make_item(title="Restricted letter", access="staff", date="2001")
    hidden.places.add(mahachai)
    add_image(hidden, name="secret", media_root=picture_root)
    no_exhibits = make_item(title="Web only portrait", date="2010")
    make_consent(no_exhibits, exhibits=False)
    draft_item = make_item(title="Draft photo", status=Item.Status.DRAFT)
    exhibit = Exhibit.objects.create(
        slug="fishing-lives", title="Fishing lives", title_th="ชีวิตชาวประมง", title_my="ငါးဖမ်းသမားဘဝ",
        summary="Work at sea and on shore.", summary_th="งานในทะเลและบนฝั่ง", credits="Curated by the archive team.",
        status=Exhibit.Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(days=1), featured=True,
        cover=photo.assets.first())
    blocks = {}
    for position, kind in enumerate(["text", "item", "gallery", "clip", "quote", "timeline", "map", "data"]):
        blocks[kind] = Block.objects.create(exhibit=exhibit, position=position, kind=kind,
                                            heading=f"{kind.title()} block")
    Block.objects.filter(pk=blocks["text"].pk).update(
        body="Boats **leave** at night.<script>alert(1)</script> [more](javascript:alert(1))")
    Block.objects.filter(pk=blocks["quote"].pk).update(body="We worked until the sun came up.",
                                                       attribution="A fisher from Dawei")
    Block.objects.filter(pk=blocks["clip"].pk).update(clip_start=5, clip_end=20)
    Block.objects.filter(pk=blocks["data"].pk).update(data_csv=DATA_CSV, data_source="Ministry of Labour")
    for kind, items in {"item": [photo, hidden], "gallery": [photo, hidden, film, no_exhibits, draft_item],
                        "clip": [hidden, film], "timeline": [photo, film, voice, hidden],
                        "map": [photo, film, hidden]}.items():
        for position, item in enumerate(items):
            BlockItem.objects.create(block=blocks[kind], item=item, position=position, caption=f"Caption {position}")
    draft = Exhibit.objects.create(slug="draft-show", title="Unfinished show", status=Exhibit.Status.DRAFT)
    future = Exhibit.objects.create(slug="future-show", title="Opens next year", status=Exhibit.Status.PUBLISHED,
                                    published_at=timezone.now() + timezone.timedelta(days=300))
    return {"photo": photo, "film": film, "voice": voice, "hidden": hidden, "no_exhibits": no_exhibits,
            "draft_item": draft_item, "exhibit": exhibit, "draft": draft, "future": future, "blocks": blocks,
            "subject": subject, "collection": collection, "place": mahachai}
