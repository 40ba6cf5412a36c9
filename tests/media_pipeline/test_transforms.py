"""The transforms on their own: plain functions from a source path to files in a folder, each output checked with
ffprobe or Pillow."""

import json

import pytest
from PIL import Image

from media_pipeline import audio, captions, images, video
from media_pipeline.errors import MediaError
from media_pipeline.profiles import profile

from . import media

HLS = profile("video-hls").options
POSTER = profile("video-poster").options
SPRITE = profile("video-sprite").options
SIZES = profile("image-sizes").options


def assert_clean_image(path):
    with Image.open(path) as image:
        assert not image.getexif(), f"{path.name} keeps EXIF"
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
            assert key not in image.info, f"{path.name} keeps {key}"
        return image.size


def test_jpeg_sizes_are_upright_and_stripped(tmp_path):
    # Stored sideways (orientation 6: turn 90° clockwise to view): 600×400 stored is 400×600 upright.
    source = media.make_jpeg(tmp_path / "phone.jpg", size=(600, 400), orientation=6)
    outputs = images.image_sizes(source, tmp_path, **SIZES)
    assert sorted((o.width, o.mime_type) for o in outputs) == [
        (320, "image/jpeg"), (320, "image/webp"), (400, "image/jpeg"), (400, "image/webp")]
    for output in outputs:
        width, height = assert_clean_image(tmp_path / output.name)
        assert (width, height) == (output.width, output.height)
        assert height > width, "orientation was not applied"
    with Image.open(tmp_path / "400.jpg") as upright:
        # The left half (red) of the stored picture is the top once turned clockwise.
        top, bottom = upright.convert("RGB").getpixel((200, 50)), upright.convert("RGB").getpixel((200, 550))
        assert top[0] > 200 and top[2] < 60 and bottom[2] > 200 and bottom[0] < 60


def test_large_jpeg_gets_every_width_and_uses_draft_decoding(tmp_path):
    source = media.make_jpeg(tmp_path / "big.jpg", size=(3000, 2000))
    outputs = images.image_sizes(source, tmp_path, **SIZES)
    assert sorted({o.width for o in outputs}) == [320, 640, 1280, 2048]
    with Image.open(tmp_path / "2048.webp") as webp:
        assert webp.size == (2048, 1365) and webp.format == "WEBP"


def test_heic_gps_is_dropped(tmp_path):
    source = media.make_heic(tmp_path / "iphone.heic")
    with Image.open(source) as original:
        assert original.getexif().get_ifd(media.GPS_IFD), "the fixture should carry GPS"
    outputs = images.image_sizes(source, tmp_path, **SIZES)
    assert {o.width for o in outputs} == {320}
    for output in outputs:
        assert_clean_image(tmp_path / output.name)


def test_png_and_webp_metadata_is_dropped_and_transparency_kept_in_webp(tmp_path):
    source = tmp_path / "logo.png"
    image = Image.new("RGBA", (500, 200), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 250, 200))
    image.save(source, exif=media.exif_with_gps(), pnginfo=None)
    outputs = images.image_sizes(source, tmp_path, **SIZES)
    assert {o.width for o in outputs} == {320, 500}
    with Image.open(tmp_path / "500.webp") as webp:
        assert webp.mode == "RGBA" and webp.getpixel((400, 100))[3] == 0
    with Image.open(tmp_path / "500.jpg") as jpeg:
        assert jpeg.getpixel((400, 100)) == (255, 255, 255)
    for output in outputs:
        assert_clean_image(tmp_path / output.name)


def probe_streams(path):
    streams = media.ffprobe(path)["streams"]
    return [s for s in streams if s["codec_type"] == "video"], [s for s in streams if s["codec_type"] == "audio"]


def assert_no_location(path):
    tags = media.all_tags(path)
    assert "location" not in tags and "+13.7563" not in tags and "phonemaker" not in tags, tags
    assert b"+13.7563+100.5018" not in path.read_bytes()


def test_ladder_hls_and_mp4_from_a_landscape_phone_video(tmp_path):
    source = media.make_video(tmp_path / "src.mov", size="640x360", duration=5, location=True, extra=["-f", "mov"])
    assert "location" in media.all_tags(source)
    progress = []
    outputs = video.video_hls(source, tmp_path / "out", options=HLS, on_progress=progress.append)
    out = tmp_path / "out"
    roles = [(o.role, o.width, o.height) for o in outputs]
    assert roles == [("hls-master", 640, 360), ("hls-variant", 426, 240), ("hls-variant", 640, 360),
                     ("mp4", 640, 360), ("mp4", 426, 240), ("audio", None, None)]
    assert progress[-1] == 1.0 and any(0 < p < 1 for p in progress)
    master = (out / "master.m3u8").read_text()
    assert master.count("#EXT-X-STREAM-INF") == 2 and 'CODECS="avc1.' in master and "mp4a.40.2" in master
    # Each rung's peak bandwidth follows its own maxrate (plus audio, with the muxer's 10% margin).
    assert [o.bitrate for o in outputs if o.role == "hls-variant"] == [
        round((rung.maxrate_kbps + HLS["audio_kbps"]) * 1100) for rung in HLS["ladder"][:2]]
    for i, (width, height) in enumerate([(426, 240), (640, 360)]):
        playlist = (out / f"v{i}/index.m3u8").read_text()
        assert "#EXT-X-MAP:URI=" in playlist and "#EXT-X-ENDLIST" in playlist
        assert "#EXT-X-TARGETDURATION:4" in playlist
        init = out / f"v{i}" / playlist.split('URI="')[1].split('"')[0]
        assert_no_location(init)
        v, a = probe_streams(init)
        assert (v[0]["codec_name"], v[0]["width"], v[0]["height"]) == ("h264", width, height)
        assert a[0]["codec_name"] == "aac"
    mp4 = out / "video.mp4"
    assert media.moov_before_mdat(mp4)
    v, a = probe_streams(mp4)
    assert (v[0]["codec_name"], v[0]["width"], v[0]["height"], a[0]["codec_name"]) == ("h264", 640, 360, "aac")
    assert abs(float(media.ffprobe(mp4)["format"]["duration"]) - 5) < 0.2
    assert_no_location(mp4)
    keyframes = media_keyframe_times(mp4)
    assert keyframes[:2] == [0.0, 4.0]
    # The downloads beside it: the lowest rung on its own, and the sound alone, both copied, not encoded again.
    small = out / "video-small.mp4"
    v, a = probe_streams(small)
    assert (v[0]["width"], v[0]["height"], a[0]["codec_name"]) == (426, 240, "aac")
    assert media.moov_before_mdat(small) and small.stat().st_size < mp4.stat().st_size
    v, a = probe_streams(out / "audio.m4a")
    assert v == [] and a[0]["codec_name"] == "aac" and media.moov_before_mdat(out / "audio.m4a")
    assert abs(float(media.ffprobe(out / "audio.m4a")["format"]["duration"]) - 5) < 0.2
    assert_no_location(small)
    assert_no_location(out / "audio.m4a")


def media_keyframe_times(path):
    import subprocess

    done = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-skip_frame", "nokey",
                           "-show_entries", "frame=pts_time", "-of", "csv=p=0", str(path)],
                          capture_output=True, text=True, check=True, timeout=30)
    return [round(float(t), 1) for t in done.stdout.replace(",", " ").split()]


@pytest.mark.parametrize("rotation", [90, 270])
def test_rotated_portrait_phone_video_stays_portrait(tmp_path, rotation):
    source = media.make_video(tmp_path / "portrait.mp4", size="480x270", duration=1.5, rotate=rotation)
    outputs = video.video_hls(source, tmp_path / "out", options=HLS)
    assert [(o.width, o.height) for o in outputs if o.role == "hls-variant"] == [(240, 426)]
    v, _ = probe_streams(tmp_path / "out" / "video.mp4")
    assert (v[0]["width"], v[0]["height"]) == (240, 426)
    assert not v[0].get("side_data_list") and "rotate" not in v[0].get("tags", {})
    poster = video.video_poster(source, tmp_path / "out", **POSTER)[0]
    with Image.open(tmp_path / "out" / poster.name) as image:
        assert image.size == (270, 480)


def test_video_without_audio_and_with_odd_dimensions(tmp_path):
    source = media.make_video(tmp_path / "silent.mkv", size="333x251", duration=1.5, audio=False,
                              extra=["-f", "matroska"])
    outputs = video.video_hls(source, tmp_path / "out", options=HLS)
    variant = next(o for o in outputs if o.role == "hls-variant")
    assert (variant.width, variant.height) == (318, 240)
    v, a = probe_streams(tmp_path / "out" / "video.mp4")
    assert a == [] and (v[0]["width"], v[0]["height"]) == (318, 240)
    assert "audio" not in [o.role for o in outputs]  # no sound, no audio download
    assert "mp4a" not in (tmp_path / "out" / "master.m3u8").read_text()


def test_tiny_3gp_is_never_upscaled(tmp_path):
    source = media.make_video(tmp_path / "old.3gp", size="176x144", vcodec="h263", extra=["-ar", "16000",
                                                                                        "-f", "3gp"])
    outputs = video.video_hls(source, tmp_path / "out", options=HLS)
    assert [(o.role, o.width, o.height) for o in outputs] == [
        ("hls-master", 176, 144), ("hls-variant", 176, 144), ("mp4", 176, 144), ("audio", None, None)]


def test_poster_at_a_chosen_time_and_scrub_sprite(tmp_path):
    source = media.make_video(tmp_path / "src.mp4", size="320x240", duration=4)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    early = video.video_poster(source, tmp_path / "a", **POSTER)
    late = video.video_poster(source, tmp_path / "b", **POSTER, at=3.5)
    assert early[0].width == late[0].width == 320
    assert (tmp_path / "a/poster.jpg").read_bytes() != (tmp_path / "b/poster.jpg").read_bytes()
    assert_clean_image(tmp_path / "b/poster.jpg")
    outputs = video.video_sprite(source, tmp_path, **SPRITE)
    assert [o.role for o in outputs] == ["sprite", "sprite-vtt"]
    with Image.open(tmp_path / "sprite.jpg") as sprite:
        assert sprite.size == (4 * 160, 120)
    vtt = (tmp_path / "sprite.vtt").read_text()
    assert vtt.startswith("WEBVTT") and vtt.count("-->") == 4
    assert "00:00:03.000 --> 00:00:04.000\nsprite.jpg#xywh=480,0,160,120" in vtt


def test_audio_becomes_speech_aac_with_faststart_and_peaks(tmp_path, cover):
    source = media.make_audio_with_cover(tmp_path / "voice.mp3", cover)
    outputs = audio.audio_aac(source, tmp_path, **profile("audio-aac").options)
    m4a = tmp_path / "audio.m4a"
    v, a = probe_streams(m4a)
    assert v == [] and a[0]["codec_name"] == "aac" and a[0]["channels"] == 1
    assert int(a[0]["bit_rate"]) < 80_000
    assert media.moov_before_mdat(m4a)
    assert outputs[0].bitrate == 64_000
    peaks = audio.audio_peaks(source, tmp_path, **profile("audio-peaks").options)
    document = json.loads((tmp_path / peaks[0].name).read_text())
    assert 900 <= len(document["data"]) <= 1000
    assert all(0 <= p <= 1 for p in document["data"]) and max(document["data"]) > 0.05
    assert not list(tmp_path.glob("*.s16"))


def test_stereo_audio_stays_stereo_and_drops_tags(tmp_path):
    source = media.make_audio(tmp_path / "song.flac", codec="flac", channels=2,
                              extra=["-metadata", "location=+13.7563+100.5018/", "-metadata", "artist=Somchai"])
    audio.audio_aac(source, tmp_path, **profile("audio-aac").options)
    _, a = probe_streams(tmp_path / "audio.m4a")
    assert a[0]["channels"] == 2
    tags = media.all_tags(tmp_path / "audio.m4a")
    assert "somchai" not in tags and "location" not in tags


def test_thai_srt_in_tis620_becomes_utf8_webvtt(tmp_path):
    source = tmp_path / "subs.srt"
    source.write_bytes("1\r\n00:00:01,500 --> 00:00:03,000\r\n<font color=red>สวัสดี</font> <i>ครับ</i>\r\n\r\n"
                       "2\r\n00:01:02,05 --> 00:01:04,100\r\nทำงานที่ท่าเรือ\r\n".encode("cp874"))
    captions.captions_vtt(source, tmp_path)
    vtt = (tmp_path / "captions.vtt").read_text(encoding="utf-8")
    assert vtt == ("WEBVTT\n\n00:00:01.500 --> 00:00:03.000\nสวัสดี <i>ครับ</i>\n\n"
                   "00:01:02.050 --> 00:01:04.100\nทำงานที่ท่าเรือ\n")


def test_webvtt_keeps_cue_settings_and_utf16_is_read(tmp_path):
    source = tmp_path / "subs.vtt"
    source.write_bytes("WEBVTT\n\nNOTE made by hand\n\nintro\n00:00.000 --> 00:02.000 align:start\n"
                       "မင်္ဂလာပါ\n".encode("utf-16"))
    captions.captions_vtt(source, tmp_path)
    assert (tmp_path / "captions.vtt").read_text(encoding="utf-8") == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000 align:start\nမင်္ဂလာပါ\n")


def test_captions_without_cues_fail_readably(tmp_path):
    source = tmp_path / "empty.vtt"
    source.write_text("WEBVTT\n\n")
    with pytest.raises(MediaError, match="The captions file cannot be used: the file has no cues with text"):
        captions.captions_vtt(source, tmp_path)
    assert not (tmp_path / "captions.vtt").exists()


def test_captions_with_an_impossible_time_are_refused_not_copied(tmp_path):
    source = tmp_path / "subs.srt"
    source.write_bytes("1\r\n00:00:01,000 --> 00:00:61,000\r\nสวัสดี\r\n".encode("cp874"))
    with pytest.raises(MediaError, match="line 2: bad timestamp “00:00:61,000”"):
        captions.captions_vtt(source, tmp_path)
    assert not (tmp_path / "captions.vtt").exists()


def test_captions_keep_overlaps_and_webvtt_tags_and_escape_the_rest(tmp_path):
    source = tmp_path / "subs.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:04,000\n{\\an8}<b>ພໍ່</b> & <font face=x>ແມ່</font>\n\n"
                      "2\n00:00:02,000 --> 00:00:03,000\n<v.loud Ma Hnin>လာပါ <script>x</script>\n", encoding="utf-8")
    captions.captions_vtt(source, tmp_path)
    assert (tmp_path / "captions.vtt").read_text(encoding="utf-8") == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<b>ພໍ່</b> &amp; ແມ່\n\n"
        "00:00:02.000 --> 00:00:03.000\n<v.loud Ma Hnin>လာပါ x\n")


def test_every_ffmpeg_call_has_a_timeout():
    from media_pipeline.ffmpeg import ffmpeg

    with pytest.raises(MediaError, match="longer than 1 s"):
        ffmpeg(["-re", "-f", "lavfi", "-i", "testsrc=size=64x64", "-f", "null", "-"], timeout=1)


def test_inputs_are_restricted_to_local_files_of_accepted_formats(tmp_path):
    from media_pipeline.ffmpeg import ffprobe

    playlist = tmp_path / "list.m3u8"
    playlist.write_text("#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1:9/segment.ts\n#EXT-X-ENDLIST\n")
    with pytest.raises(MediaError):
        ffprobe(playlist)
    concat = tmp_path / "list.txt"
    concat.write_text(f"ffconcat version 1.0\nfile '{tmp_path / 'list.m3u8'}'\n")
    with pytest.raises(MediaError):
        ffprobe(concat)
