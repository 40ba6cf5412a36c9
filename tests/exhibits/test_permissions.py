"""The public site follows the admin's permissions: staff status alone shows nothing the public does not see.

A volunteer with staff status and only the exhibit-editing permissions meets hidden items, staff-only transcripts
and segments and their files nowhere; `archive.view_item` opens hidden items and their files, the oral-history
view permissions open staff-only texts, and registered items need the researcher permission a curator grants.
"""

import pytest
from django.test import Client

from search.upkeep import search_index_sync
from media_pipeline.models import Derivative
from oral_histories.models import Segment, Transcript
from oral_histories.services import segments_import, transcript_import
from tests.factories import grant
from tests.exhibits.museum import add_audio, write_picture
from tests.factories import make_consent, make_item
from tests.factories import make_oral_history

pytestmark = pytest.mark.django_db

HIDDEN_WORDS = ("Restricted letter", "Draft photo", "secret")
STAFF_ONLY_LINE = "ငါးဖမ်းလှေပေါ်မှာ အလုပ်လုပ်ခဲ့တယ်"
STAFF_ONLY_SEGMENT = "ချေးငွေနဲ့ပွဲစား"
INDEX = ("start,end,title,title_my\n"
         "0:00,1:00,Childhood,ငယ်ဘဝ\n"
         f"1:00,2:00,Debts,{STAFF_ONLY_SEGMENT}\n")


@pytest.fixture
def hidden_file(museum, settings):
    """A file of the staff-only item that is really on disk, so only the policy can stop it being served."""
    derivative = Derivative.objects.filter(asset__item=museum["hidden"], mime_type="image/jpeg").first()
    write_picture(settings.MEDIA_ROOT, derivative.path, 32, 24)
    return derivative


@pytest.fixture
def interview(museum, settings):
    """A public oral history with a public Thai transcript, a staff-only Burmese one, a staff-only segment, and a
    second recording withheld on its own."""
    item = make_oral_history(title="Zawmin on the boats", title_th="ซอมินบนเรือ")
    add_audio(item, settings.MEDIA_ROOT)
    withheld = add_audio(item, settings.MEDIA_ROOT)
    withheld.withheld = True
    withheld.save()
    transcript_import(item=item, language="tha", text="[00:00:05] ผมมาจากทวาย\n")
    transcript_import(item=item, language="mya", text=f"[00:00:05] {STAFF_ONLY_LINE}\n",
                      staff_only=True)
    segments_import(item=item, text=INDEX)
    Segment.objects.filter(title="Debts").update(staff_only=True)
    return {"item": item, "withheld": withheld.derivatives.get(role="peaks"),
            "staff_only": Transcript.objects.get(language="mya")}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def pages(client, museum):
    paths = ["/", "/th/", "/browse/", "/browse/?kind=photograph", f"/browse/?place={museum['place'].pk}",
             "/exhibits/", "/exhibits/fishing-lives/", "/my/exhibits/fishing-lives/"]
    return {path: client.get(path).content.decode() for path in paths}


def test_a_volunteer_who_edits_exhibits_sees_no_hidden_item_anywhere(museum, volunteer, hidden_file):
    search_index_sync()
    client = signed_in(volunteer)
    for path, html in pages(client, museum).items():
        assert not any(word in html for word in HIDDEN_WORDS), path
    for key in ("hidden", "draft_item"):
        for prefix in ("", "/th", "/lo"):
            assert client.get(f"{prefix}/items/{museum[key].accession_number}/").status_code == 404
    assert client.get(hidden_file.url).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert museum["photo"].accession_number in sitemap and museum["hidden"].accession_number not in sitemap
    assert museum["photo"].get_absolute_url() in client.get("/search/", {"q": "Boat at dawn"}).content.decode()
    found = client.get("/search/", {"q": "Restricted letter"}).content.decode()
    assert museum["hidden"].get_absolute_url() not in found
    # What the volunteer may do, the preview of a draft exhibit, still works, without the hidden items in it.
    assert client.get("/exhibits/draft-show/").status_code == 200


def test_permission_to_view_items_opens_hidden_items_and_their_files(museum, item_viewer, hidden_file):
    search_index_sync()
    client = signed_in(item_viewer)
    html = pages(client, museum)
    assert "Restricted letter" in html["/exhibits/fishing-lives/"] and "Restricted letter" in html["/browse/"]
    assert client.get(f"/items/{museum['hidden'].accession_number}/").status_code == 200
    assert client.get(f"/th/items/{museum['draft_item'].accession_number}/").status_code == 200
    response = client.get(hidden_file.url)
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    # Search and the sitemap hold what the public may see, for everyone: nothing hidden is ever indexed.
    assert museum["hidden"].accession_number not in client.get("/sitemap.xml").content.decode()
    assert museum["hidden"].get_absolute_url() not in client.get("/search/", {"q": "Restricted"}).content.decode()
    # Viewing items is not viewing draft exhibits.
    assert client.get("/exhibits/draft-show/").status_code == 404


def test_the_change_permission_shows_what_the_admin_shows(museum, django_user_model):
    editor = grant(django_user_model.objects.create_user("editor", is_staff=True), "archive.change_item")
    assert signed_in(editor).get(f"/items/{museum['hidden'].accession_number}/").status_code == 200


def test_staff_only_texts_and_withheld_recordings_are_hidden_from_a_volunteer(volunteer, interview):
    search_index_sync()
    client = signed_in(volunteer)
    html = client.get(f"/my/items/{interview['item'].accession_number}/").content.decode()
    assert "ผมมาจากทวาย" in html
    assert STAFF_ONLY_LINE not in html and STAFF_ONLY_SEGMENT not in html
    assert f"{interview['staff_only'].pk}.vtt" not in html
    assert client.get(f"/oral-histories/transcripts/{interview['staff_only'].pk}.vtt").status_code == 404
    assert client.get(interview["withheld"].url).status_code == 404
    # The public line is found, so the search really looks at transcripts; the staff-only texts are not.
    assert interview["item"].accession_number in client.get("/search/", {"q": "ทวาย"}).content.decode()
    for query in (STAFF_ONLY_LINE, STAFF_ONLY_SEGMENT):
        assert interview["item"].accession_number not in client.get("/search/", {"q": query}).content.decode()


def test_each_oral_history_permission_opens_its_own_texts(django_user_model, interview):
    transcripts = grant(django_user_model.objects.create_user("t", is_staff=True), "oral_histories.view_transcript")
    segments = grant(django_user_model.objects.create_user("s", is_staff=True), "oral_histories.view_segment")
    items = grant(django_user_model.objects.create_user("i", is_staff=True), "archive.view_item")
    url = f"/my/items/{interview['item'].accession_number}/"
    vtt = f"/oral-histories/transcripts/{interview['staff_only'].pk}.vtt"

    html = signed_in(transcripts).get(url).content.decode()
    assert STAFF_ONLY_LINE in html and STAFF_ONLY_SEGMENT not in html
    assert signed_in(transcripts).get(vtt).status_code == 200
    html = signed_in(segments).get(url).content.decode()
    assert STAFF_ONLY_LINE not in html and STAFF_ONLY_SEGMENT in html
    # Viewing items opens a withheld recording, not the staff-only texts of a public item.
    client = signed_in(items)
    html = client.get(url).content.decode()
    assert STAFF_ONLY_LINE not in html and STAFF_ONLY_SEGMENT not in html
    assert client.get(interview["withheld"].url).status_code == 200


def test_registered_items_need_the_researcher_permission_not_just_an_account(client, reader, registered_user,
                                                                           settings):
    item = make_item(title="Letters home", title_lo="ຈົດໝາຍກັບບ້ານ", access="registered")
    make_consent(item)
    url = f"/lo/items/{item.accession_number}/"
    assert client.get(url).status_code == 404
    assert signed_in(reader).get(url).status_code == 404
    assert "ຈົດໝາຍກັບບ້ານ" not in signed_in(reader).get("/lo/browse/").content.decode()
    assert signed_in(registered_user).get(url).status_code == 200
    assert "ຈົດໝາຍກັບບ້ານ" in signed_in(registered_user).get("/lo/browse/").content.decode()


def test_an_inactive_superuser_sees_what_the_public_sees(museum, django_user_model):
    gone = django_user_model.objects.create_user("gone", is_staff=True, is_superuser=True, is_active=False)
    client = Client()
    client.force_login(gone)  # a session made before the account was switched off
    assert client.get(f"/items/{museum['hidden'].accession_number}/").status_code == 404
    assert client.get("/exhibits/draft-show/").status_code == 404


PAGES = ["/", "/th/", "/exhibits/", "/exhibits/fishing-lives/", "/km/exhibits/fishing-lives/", "/browse/",
         "/browse/?kind=photograph"]


def test_pages_built_with_hidden_content_are_private(museum, item_viewer, volunteer):
    client = signed_in(item_viewer)
    paths = [*PAGES, f"/items/{museum['hidden'].accession_number}/", f"/items/{museum['photo'].accession_number}/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"], path
        assert "Cookie" in response["Vary"], path
    preview = signed_in(volunteer).get("/exhibits/draft-show/")
    assert preview.status_code == 200 and "private" in preview["Cache-Control"]


def test_public_pages_keep_their_caching(client, museum, reader):
    for visitor in (client, signed_in(reader)):
        for path in [*PAGES, f"/items/{museum['photo'].accession_number}/", "/search/?q=boat", "/sitemap.xml"]:
            response = visitor.get(path)
            assert response.status_code == 200, path
            assert "private" not in response.get("Cache-Control", ""), path
