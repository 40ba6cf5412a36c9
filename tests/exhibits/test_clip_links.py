"""Clip links a visitor makes on an item page (?start=0:01&end=0:04&rec=<file>): read strictly, within the
recording's length, with a clear message for anything else and never a server error."""

import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exhibits.clips import ClipError, clip_clock, read_time
from tests.factories import make_item, make_picture, make_spoken_interview

pytestmark = pytest.mark.django_db(transaction=True)  # the media pipeline runs once the upload commits


@pytest.fixture
def interview(tmp_path):
    item, recording = make_spoken_interview(tmp_path, seconds=6)
    return item, recording


def page(client, item, query):
    response = client.get(f"{item.get_absolute_url()}?{query}")
    assert response.status_code == 200
    return response, response.content.decode()


def sources(html):
    return re.findall(r'<source src="([^"]+)"', html)


def test_a_clip_link_plays_only_its_part_and_offers_its_link(client, interview):
    item, recording = interview
    response, html = page(client, item, f"start=0:01&end=4.5&rec={recording.pk}")
    assert sources(html) and all(src.endswith("#t=1,4.5") for src in sources(html))
    assert 'data-clip-start="1" data-clip-end="4.5"' in html
    assert "Clip from 0:01 to 0:04.5" in html
    link = f"http://testserver{item.get_absolute_url()}?start=0%3A01&amp;end=0%3A04.5&amp;rec={recording.pk}"
    assert f'value="{link}"' in html
    assert f'href="{item.get_absolute_url()}#clip-{recording.pk}">play the whole recording' in html
    # The shared link makes the same clip.
    again, html = page(client, item, f"start=0%3A01&end=0%3A04.5&rec={recording.pk}")
    assert "Clip from 0:01 to 0:04.5" in html


def test_without_rec_the_first_recording_is_clipped_and_the_length_as_shown_is_a_valid_end(client, interview):
    item, _ = interview
    _, html = page(client, item, "start=2&end=0:06")
    assert all(src.endswith("#t=2,6") for src in sources(html)) and "Clip from 0:02 to 0:06" in html


def test_the_timecode_link_still_starts_the_player(client, interview):
    item, recording = interview
    _, html = page(client, item, f"t=3&rec={recording.pk}")
    assert all(src.endswith("#t=3") for src in sources(html)) and "Clip from" not in html


@pytest.mark.parametrize("start, end, message", [
    ("abc", "4", "“abc” is not a time"),
    ("1", "1:2:3:4", "“1:2:3:4” is not a time"),
    ("²", "3", "“²” is not a time"),
    ("-1", "3", "“-1” is not a time"),
    ("1", "9" * 5000, "is not a time"),
    ("0:70", "2", "“0:70” is not a time"),
    ("4", "2", "The clip must end after it starts."),
    ("3", "3", "The clip must end after it starts."),
    ("1", "0:09", "The clip must end by 0:06, the length of the recording."),
    ("7", "8", "The clip must start before the recording ends, at 0:06."),
    ("", "3", "A clip needs both a start and an end time."),
    ("2", "", "A clip needs both a start and an end time."),
])
def test_a_bad_clip_gets_a_clear_message_and_the_whole_recording(client, interview, start, end, message):
    item, recording = interview
    _, html = page(client, item, f"start={quote(start)}&end={quote(end)}&rec={recording.pk}")
    assert message in html.replace("&amp;", "&")
    assert 'class="clip-error" role="alert"' in html
    assert "Clip from" not in html and not any("#t=" in src for src in sources(html))


def test_only_one_end_given_is_a_message(client, interview):
    item, _ = interview
    _, html = page(client, item, "end=3")
    assert "A clip needs both a start and an end time." in html


def test_a_clip_of_a_recording_the_page_does_not_have_is_a_message(client, interview):
    item, _ = interview
    _, html = page(client, item, "start=1&end=2&rec=999999")
    assert "There is no such recording on this page to make a clip of." in html
    picture = make_item(title="Harbour")
    make_picture(picture)
    _, html = page(client, picture, "start=1&end=2")
    assert "There is no such recording" not in html and "Make a clip" not in html


def test_the_clip_form_works_without_javascript(client, interview):
    item, recording = interview
    _, html = page(client, item, "")
    form = html[html.index("<form class=\"clip-form\""):]
    form = form[:form.index("</form>")]
    assert f'action="{item.get_absolute_url()}#clip-{recording.pk}"' in form and 'method="get"' in form
    assert 'name="start"' in form and 'name="end"' in form and f'name="rec" value="{recording.pk}"' in form
    assert "Make a clip" in form and 'type="submit"' in form


def test_a_clip_keeps_the_query_count_and_the_public_caching(client, interview):
    item, recording = interview
    answers = []
    for query in ("", f"start=1&end=2&rec={recording.pk}", "start=x&end=2"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{item.get_absolute_url()}?{query}")
        answers.append((len(queries), response.get("Cache-Control")))
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("text, seconds", [("75", 75), ("1:15", 75), ("1:02:03.5", 3723.5), ("0:00", 0)])
def test_times_read_as_people_write_them(text, seconds):
    assert read_time(text) == seconds


@pytest.mark.parametrize("text", ["", "1:", ":30", "1,5", "nan", "inf", "1e3", "๑:ab", "0x10"])
def test_anything_else_is_no_time(text):
    with pytest.raises(ClipError):
        read_time(text)


def test_clip_ends_read_back_as_they_are_written():
    assert [clip_clock(s) for s in (0, 12, 12.5, 75, 3723.25)] == ["0:00", "0:12", "0:12.5", "1:15", "1:02:03.25"]
