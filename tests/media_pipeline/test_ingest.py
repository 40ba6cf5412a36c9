"""Ingest: every accepted format is stored untouched with its hash and sniffed type; every refusal is readable and
leaves nothing behind."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from archive.models import Asset
from archive.storage import private_storage
from media_pipeline.errors import MediaRejected
from media_pipeline.ingest import asset_ingest
from media_pipeline.models import MediaJob
from tests.factories import make_item, stored_names

from . import media

pytestmark = pytest.mark.django_db


def private_files(settings):
    return stored_names("", private=True)


ACCEPTED = {
    "jpeg": (lambda p: media.make_jpeg(p), "image", "image/jpeg"),
    "png": (lambda p: media.make_image(p, "PNG"), "image", "image/png"),
    "webp": (lambda p: media.make_image(p, "WEBP"), "image", "image/webp"),
    "tiff": (lambda p: media.make_image(p, "TIFF"), "image", "image/tiff"),
    "gif": (lambda p: media.make_image(p, "GIF"), "image", "image/gif"),
    "heic": (lambda p: media.make_heic(p), "image", "image/heic"),
    "mp4": (lambda p: media.make_video(p, extra=["-f", "mp4"]), "video", "video/mp4"),
    "mov": (lambda p: media.make_video(p, extra=["-f", "mov"]), "video", "video/quicktime"),
    "mkv": (lambda p: media.make_video(p, extra=["-f", "matroska"]), "video", "video/x-matroska"),
    "webm": (lambda p: media.make_video(p, vcodec="libvpx", acodec="libopus", extra=["-f", "webm"]),
             "video", "video/webm"),
    "avi": (lambda p: media.make_video(p, vcodec="mpeg4", acodec="libmp3lame", extra=["-f", "avi"]),
            "video", "video/x-msvideo"),
    "3gp": (lambda p: media.make_video(p, size="176x144", vcodec="h263", acodec="aac",
                                       extra=["-ar", "16000", "-f", "3gp"]), "video", "video/3gpp"),
    "mp3": (lambda p: media.make_audio(p, codec="libmp3lame", extra=["-f", "mp3"]), "audio", "audio/mpeg"),
    "m4a": (lambda p: media.make_audio(p, codec="aac", extra=["-f", "ipod"]), "audio", "audio/mp4"),
    "aac": (lambda p: media.make_audio(p, codec="aac", extra=["-f", "adts"]), "audio", "audio/aac"),
    "wav": (lambda p: media.make_audio(p, codec="pcm_s16le", extra=["-f", "wav"]), "audio", "audio/wav"),
    "ogg": (lambda p: media.make_audio(p, codec="libopus", extra=["-f", "ogg"]), "audio", "audio/ogg"),
    "flac": (lambda p: media.make_audio(p, codec="flac", extra=["-f", "flac"]), "audio", "audio/flac"),
    "amr": (lambda p: media.make_amr(p), "audio", "audio/amr"),
}


@pytest.mark.parametrize("fmt", sorted(ACCEPTED))
def test_accepted_formats_are_stored_untouched_with_hash_and_sniffed_type(fmt, sources, settings):
    builder, kind, mime_type = ACCEPTED[fmt]
    # The name lies about the type, and is Burmese: neither may matter.
    source = sources(f"sample-{fmt}", builder)
    item = make_item()
    asset = asset_ingest(item=item, source=source, original_name="ရုပ်ရှင်.txt")
    assert (asset.kind, asset.mime_type) == (kind, mime_type)
    data = source.read_bytes()
    assert asset.size == len(data)
    assert asset.sha256 == hashlib.sha256(data).hexdigest()
    assert asset.original_name == "ရုပ်ရှင်.txt"
    with private_storage.open(asset.original.name, "rb") as stored:
        assert stored.read() == data
    assert asset.original.name.startswith("originals/") and "ရုပ်" not in asset.original.name
    assert MediaJob.objects.get(asset=asset).state == "queued"


def test_audio_with_cover_art_is_audio(tmp_path, cover):
    for codec, fmt in (("libmp3lame", "mp3"), ("aac", "m4a")):
        source = media.make_audio_with_cover(tmp_path / f"song.{fmt}", cover, codec=codec)
        asset = asset_ingest(item=make_item(), source=source, original_name=f"song.{fmt}")
        assert asset.kind == "audio", fmt


def test_captions_are_sniffed_from_text(tmp_path):
    srt = tmp_path / "subs.txt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,500\nสวัสดีครับ\n", encoding="utf-8")
    vtt = tmp_path / "subs.srt"
    vtt.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nမင်္ဂလာပါ\n", encoding="utf-8")
    item = make_item()
    assert asset_ingest(item=item, source=srt, original_name="a.txt").mime_type == "application/x-subrip"
    assert asset_ingest(item=item, source=vtt, original_name="b.srt").mime_type == "text/vtt"


def test_django_uploaded_files_stream_in(tmp_path, sources):
    source = sources("sample-jpeg", lambda p: media.make_jpeg(p))
    upload = SimpleUploadedFile("ພາບ.jpg", source.read_bytes(), content_type="text/html")
    asset = asset_ingest(item=make_item(), source=upload, original_name=upload.name)
    assert asset.mime_type == "image/jpeg"
    big = TemporaryUploadedFile("ភាព.jpg", "image/jpeg", source.stat().st_size, "utf-8")
    big.write(source.read_bytes())
    big.flush()
    asset = asset_ingest(item=make_item(), source=big, original_name=big.name, position=4)
    assert (asset.mime_type, asset.position, asset.size) == ("image/jpeg", 4, source.stat().st_size)
    big.close()


def refuse(settings, source, fragment, name="upload"):
    before = Asset.objects.count()
    with pytest.raises(MediaRejected) as refused:
        asset_ingest(item=make_item(), source=source, original_name=name)
    assert fragment.lower() in str(refused.value).lower(), str(refused.value)
    assert Asset.objects.count() == before
    assert MediaJob.objects.count() == 0
    assert private_files(settings) == []
    return str(refused.value)


def test_empty_file_is_refused(tmp_path, settings):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    refuse(settings, empty, "empty")


def test_truncated_files_are_refused(tmp_path, settings, sources):
    video = sources("fast-start", lambda p: media.make_video(p, duration=3, extra=["-movflags", "+faststart",
                                                                                  "-f", "mp4"]))
    refuse(settings, media.truncate(video, tmp_path / "cut-faststart.mp4"), "truncated")
    plain = sources("sample-mp4", ACCEPTED["mp4"][0])
    refuse(settings, media.truncate(plain, tmp_path / "cut.mp4"), "damaged")
    jpeg = sources("sample-jpeg", lambda p: media.make_jpeg(p))
    refuse(settings, media.truncate(jpeg, tmp_path / "cut.jpg", 0.5), "truncated")
    png = sources("sample-png", ACCEPTED["png"][0])
    refuse(settings, media.truncate(png, tmp_path / "cut.png", 0.5), "truncated")


def test_corrupt_files_are_refused(tmp_path, settings):
    noise = tmp_path / "noise.mp4"
    noise.write_bytes(bytes(range(256)) * 64)
    refuse(settings, noise, "not an image, video, audio or caption")
    fake_jpeg = tmp_path / "fake.jpg"
    fake_jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 2000)
    refuse(settings, fake_jpeg, "damaged")
    pdf = tmp_path / "paper.jpg"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    refuse(settings, pdf, "not an image, video, audio or caption")


def test_files_over_the_size_limit_are_refused(tmp_path, settings, sources):
    source = sources("sample-jpeg", lambda p: media.make_jpeg(p))
    settings.ARCHIVE_MAX_UPLOAD_BYTES = source.stat().st_size - 1
    refuse(settings, source, "accepts files up to")

    class Unsized:
        """An upload whose size is not known in advance: the limit is enforced while copying."""

        def __init__(self, data):
            self.data, self.offset = data, 0

        def read(self, n):
            chunk = self.data[self.offset:self.offset + n]
            self.offset += n
            return chunk

    refuse(settings, Unsized(source.read_bytes() * 3), "accepts files up to")


def test_decompression_bombs_are_refused(tmp_path, settings):
    message = refuse(settings, media.make_png_bomb(tmp_path / "bomb.png"), "decompression bomb")
    assert "100 megapixels" in message


@pytest.mark.parametrize("name, content, fragment", [
    ("drawing.jpg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                    b"</svg>", "svg"),
    ("photo.png", b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>", "html"),
    ("photo.webp", b"\xef\xbb\xbf  <svg onload=alert(1)>", "svg"),
    ("film.mp4", b"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n",
     "playlist"),
    ("film.avi", b"#EXTM3U\n#EXTINF:10,\nhttp://127.0.0.1:9/steal.ts\n", "playlist"),
    ("film.mkv", b"ffconcat version 1.0\nfile '/etc/passwd'\n", "concat"),
    ("clip.mov", b"file '/work/main/var/archive.sqlite3'\nfile 'other.mp4'\n", "concat"),
    ("notes.srt", "ใบเสร็จรับเงิน ไม่ใช่คำบรรยาย\n".encode(), "not srt or webvtt"),
])
def test_disguised_documents_and_playlists_are_refused(tmp_path, settings, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    refuse(settings, path, fragment)


def test_hls_playlist_inside_binary_is_not_followed(tmp_path, settings):
    """A file that ffmpeg would itself recognise as HLS (after a binary prefix the sniffer ignores) still fails:
    ffprobe runs with the hls demuxer and every network protocol disallowed."""
    path = tmp_path / "film.mp4"
    path.write_bytes(b"\x00\x01" + b"#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n")
    refuse(settings, path, "not an image, video, audio or caption")


def test_avif_is_refused_with_a_reason(tmp_path, settings):
    path = tmp_path / "photo.heic"
    path.write_bytes(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 100)
    refuse(settings, path, "AVIF")


def test_unreadable_path_is_refused(tmp_path):
    with pytest.raises(MediaRejected, match="cannot be read"):
        asset_ingest(item=make_item(), source=tmp_path / "missing.jpg", original_name="missing.jpg")


def test_huge_image_dimensions_in_a_real_tiff_are_refused(tmp_path, settings):
    path = tmp_path / "scan.tif"
    Image.new("1", (11000, 10000)).save(path, "TIFF", compression="group4")
    refuse(settings, path, "decompression bomb")


def test_a_truncated_image_is_refused_after_the_handout_pdf_maker_was_loaded(tmp_path, settings, sources):
    # WeasyPrint (lessons.pdf) tells Pillow process-wide to accept truncated images when it is imported.
    import lessons.pdf  # noqa: F401
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True  # as any library may leave it
    jpeg = sources("sample-jpeg", lambda p: media.make_jpeg(p))
    refuse(settings, media.truncate(jpeg, tmp_path / "cut.jpg", 0.5), "truncated")
