"""Every caption file of a film or recording becomes a subtitle track on its player, in its language, through the
access-checking media view; the page's language is the default track."""

import re

import pytest
from django.core.exceptions import ValidationError

from archive.models import Asset
from tests.factories import add_subtitles, attach_audio, make_consent, make_derivative, make_item, make_oral_history, make_recording

pytestmark = pytest.mark.django_db

THAI_SRT = "1\n00:00:00,000 --> 00:00:02,000\nเรือออกจากท่าตอนตีสาม\n\n2\n00:00:02,500 --> 00:00:04,000\nคลื่นแรงมาก\n"
ENGLISH_VTT = "WEBVTT\n\n00:00.000 --> 00:00:02.000\nThe boat left the pier at three.\n"
BURMESE_VTT = "WEBVTT\n\n00:00.000 --> 00:00:02.000\nလှေက မနက် သုံးနာရီမှာ ထွက်တယ်\n"


def add_film(item, name="ภาพยนตร์.mp4"):
    film = make_recording(item, kind=Asset.Kind.VIDEO, original_name=name)
    make_derivative(film, "mp4", path=f"derivatives/{film.pk}/video-hls/t/video.mp4", mime_type="video/mp4",
                    width=854, height=480)
    return film


def tracks(html):
    return re.findall(r"<track kind=\"subtitles\" src=\"([^\"]+)\" srclang=\"([^\"]+)\" label=\"([^\"]+)\"( default)?>",
                      html)


@pytest.fixture
def film_item(tmp_path):
    item = make_item(kind="film", title="Night boat", title_th="เรือกลางคืน", original_language="th")
    add_film(item)
    add_subtitles(item, tmp_path, "ภาพยนตร์.th.srt", THAI_SRT)
    add_subtitles(item, tmp_path, "ภาพยนตร์.eng.vtt", ENGLISH_VTT)
    return item


def test_each_caption_file_is_a_track_named_in_the_page_language_with_that_language_by_default(client, film_item):
    thai = tracks(client.get(f"/th/items/{film_item.accession_number}/").content.decode())
    assert [(lang, label, default) for _src, lang, label, default in thai] == [
        ("th", "ไทย", " default"), ("en", "อังกฤษ", "")]
    english = tracks(client.get(f"/items/{film_item.accession_number}/").content.decode())
    assert [(lang, label, default) for _src, lang, label, default in english] == [
        ("th", "Thai", ""), ("en", "English", " default")]
    burmese = tracks(client.get(f"/my/items/{film_item.accession_number}/").content.decode())
    assert [default for *_rest, default in burmese] == ["", ""]  # no Burmese file: nothing is forced on


def test_the_track_is_webvtt_served_by_the_media_view(client, film_item):
    src = tracks(client.get(f"/th/items/{film_item.accession_number}/").content.decode())[0][0]
    response = client.get(src)
    assert response.status_code == 200 and response["Content-Type"] == "text/vtt; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("WEBVTT") and "00:00:00.000 --> 00:00:02.000" in body and "เรือออกจากท่าตอนตีสาม" in body


def test_a_withheld_caption_file_is_neither_a_track_nor_served(client, film_item):
    thai_file = film_item.assets.get(original_name="ภาพยนตร์.th.srt")
    src = thai_file.derivatives.get(role="captions").url
    thai_file.withheld = True
    thai_file.save()
    html = client.get(f"/th/items/{film_item.accession_number}/").content.decode()
    assert [lang for _src, lang, *_rest in tracks(html)] == ["en"] and src not in html
    assert client.get(src).status_code == 404


def test_withdrawn_consent_hides_the_page_and_the_subtitles(client, film_item):
    src = tracks(client.get(f"/items/{film_item.accession_number}/").content.decode())[0][0]
    make_consent(film_item, withdrawn_on="2024-01-01")
    assert client.get(f"/items/{film_item.accession_number}/").status_code == 404
    assert client.get(src).status_code == 404


def test_language_from_the_field_then_the_name_then_the_item(client, tmp_path):
    item = make_item(kind="film", title="ဆိပ်ကမ်း", original_language="my")
    add_film(item)
    add_subtitles(item, tmp_path, "ရုပ်ရှင်.vtt", BURMESE_VTT)  # no code in the name: the item's language
    add_subtitles(item, tmp_path, "ရုပ်ရှင် shan.vtt", BURMESE_VTT, language="shn")
    add_subtitles(item, tmp_path, "film.km.vtt", ENGLISH_VTT)
    found = tracks(client.get(f"/my/items/{item.accession_number}/").content.decode())
    assert [(lang, default) for _src, lang, _label, default in found] == [("my", " default"), ("shn", ""), ("km", "")]
    assert found[1][2] == "Shan" and found[2][2] == "ခမာ"


def test_subtitles_follow_the_film_of_the_same_name(client, tmp_path):
    item = make_item(kind="film", title="Two films")
    add_film(item, "harbour.mp4")
    second = add_film(item, "ตลาด.mp4")
    add_subtitles(item, tmp_path, "ตลาด.th.srt", THAI_SRT)
    html = client.get(f"/items/{item.accession_number}/").content.decode()
    players = html.split("<video")[1:]
    assert "subtitles" not in players[0] and 'srclang="th"' in players[1]
    assert f"derivatives/{second.pk}/" in players[1]


def test_a_recording_gets_its_subtitles_too(client, tmp_path):
    item = make_oral_history(title="สัมภาษณ์", original_language="th")
    attach_audio(make_recording(item))
    add_subtitles(item, tmp_path, "interview.srt", THAI_SRT)
    html = client.get(f"/th/items/{item.accession_number}/").content.decode()
    audio = html.split("<audio", 1)[1].split("</audio>", 1)[0]
    assert [(lang, default) for _src, lang, _label, default in tracks(audio)] == [("th", " default")]


def test_a_language_that_is_not_iso_639_3_is_refused():
    item = make_item(title="x")
    asset = Asset.objects.create(item=item, kind=Asset.Kind.CAPTION, language="zz")
    with pytest.raises(ValidationError) as raised:
        asset.full_clean(exclude=["original"])
    assert "“zz” is not an ISO 639-3 language code" in str(raised.value)


def test_a_curator_names_a_files_language_in_the_admin(curator, film_item):
    from tests.archive.admin_forms import form_data

    english = film_item.assets.get(original_name="ภาพยนตร์.eng.vtt")
    page = curator.get(f"/admin/archive/item/{film_item.pk}/change/")
    data = form_data(page, "item_form")
    prefix = next(name.removesuffix("-id") for name, value in data.items()
                  if name.endswith("-id") and value == str(english.pk))
    data[f"{prefix}-language"] = "zz"
    refused = curator.post(f"/admin/archive/item/{film_item.pk}/change/", data)
    assert refused.status_code == 200 and "“zz” is not an ISO 639-3 language code" in refused.content.decode()
    data[f"{prefix}-language"] = "mya"  # it was Burmese all along
    assert curator.post(f"/admin/archive/item/{film_item.pk}/change/", data).status_code == 302
    burmese = tracks(curator.get(f"/my/items/{film_item.accession_number}/").content.decode())
    assert [(lang, label, default) for _src, lang, label, default in burmese] == [
        ("th", "ထိုင်း", ""), ("my", "မြန်မာ", " default")]
