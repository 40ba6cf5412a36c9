"""The contribution form: every field, consent, subtitles, and a small file sent without JavaScript."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Asset
from contributions.models import Caption, Submission
from tests.factories import make_contributor
from tests.media_pipeline.media import make_video

pytestmark = pytest.mark.django_db

SRT = "1\n00:00:00,000 --> 00:00:01,000\nเราทำงานบนเรือทุกวัน\n".encode()


def fields(**extra):
    data = {"title": "ชีวิตบนเรือประมง", "description": "เรื่องของคนงานบนเรือ", "text_language": "th",
            "languages_spoken": ["mya", "tha"], "places": "มหาชัย, สมุทรสาคร", "date": "2023-05",
            "people": "ลูกเรือสามคน", "people_agreed": "on", "licence": "CC-BY-NC-4.0",
            "content_warnings": "อุบัติเหตุจากการทำงาน", "pseudonym": "มิน", "consent_public_web": "on",
            "consent_research": "on", "confirm": "on"}
    data.update(extra)
    return data


@pytest.fixture
def contributor(client):
    user = make_contributor("มิน")
    client.force_login(user)
    return user


def test_the_form_records_the_contribution_its_consent_and_subtitles(client, contributor):
    response = client.post("/th/contribute/", fields(captions_th=SimpleUploadedFile("ซับไทย.srt", SRT)))

    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/th/contribute/uploads/{submission.pk}/"
    assert submission.contributor == contributor and submission.state == Submission.State.UPLOADING
    assert submission.title == "ชีวิตบนเรือประมง" and submission.pseudonym == "มิน"
    assert submission.consent_uses() == ["public_web", "research"] and submission.consent_given_at
    assert sorted(submission.languages.values_list("code", flat=True)) == ["mya", "tha"]
    caption = Caption.objects.get()
    assert caption.language == "th" and caption.original_name == "ซับไทย.srt"


def test_the_page_explains_places_and_consent_in_burmese(client, contributor):
    page = client.get("/my/contribute/").content.decode()
    assert 'id="contribution"' in page and 'enctype="multipart/form-data"' in page
    assert "ခရိုင်" in page  # "district": the form says why places stay coarse
    assert 'src="/static/js/vendor/tus.min.js"' in page and "<script>" not in page


def test_consent_must_be_confirmed_and_cover_one_use(client, contributor):
    data = fields(confirm="", consent_public_web="", consent_research="")
    response = client.post("/contribute/", data)
    assert response.status_code == 200 and Submission.objects.count() == 0
    errors = response.context["form"].errors
    assert "confirm" in errors and "__all__" in errors


def test_subtitles_that_are_not_srt_or_webvtt_are_refused_with_the_line(client, contributor):
    broken = "1\n00:00:05,000 --> 00:00:01,000\nผิด\n".encode()
    response = client.post("/contribute/", fields(captions_my=SimpleUploadedFile("a.srt", broken)))
    assert Submission.objects.count() == 0
    assert "captions_my" in response.context["form"].errors


def test_the_script_sends_metadata_as_json_first(client, contributor):
    response = client.post("/contribute/", fields(), HTTP_ACCEPT="application/json")
    submission = Submission.objects.get()
    assert response.json() == {"submission": submission.pk, "next": f"/contribute/uploads/{submission.pk}/"}
    response = client.post("/contribute/", fields(title=""), HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "title" in response.json()["errors"]


def test_without_javascript_a_small_film_goes_with_the_form(client, contributor, tmp_path,
                                                            django_capture_on_commit_callbacks):
    film = make_video(tmp_path / "เรือ.mp4")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contribute/", fields(file=SimpleUploadedFile("เรือ.mp4", film.read_bytes())))
    assert response.status_code == 302
    asset = Asset.objects.get()
    assert asset.kind == Asset.Kind.VIDEO and asset.item.status == "draft"
    assert Submission.objects.get().state == Submission.State.PROCESSING


def test_without_javascript_a_large_file_is_refused_with_a_pointer_to_javascript(client, contributor, settings):
    settings.ARCHIVE_PLAIN_UPLOAD_MAX_BYTES = 100
    response = client.post("/contribute/", fields(file=SimpleUploadedFile("big.mp4", b"\0" * 101)))
    assert "JavaScript" in str(response.context["form"].errors["file"])
    assert Submission.objects.count() == 0


def test_an_account_without_the_contributor_role_cannot_contribute(client, reader):
    client.force_login(reader)
    assert client.get("/contribute/").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in_in_their_language(client):
    response = client.get("/lo/contribute/")
    assert response.status_code == 302 and response["Location"].startswith("/lo/accounts/login/")


def test_after_a_curator_asks_for_changes_the_contributor_edits_and_it_goes_back_to_review(client, contributor):
    from tests.factories import make_submission

    submission = make_submission(contributor, state=Submission.State.CHANGES_REQUESTED)
    other = make_submission(make_contributor("อื่น"), state=Submission.State.CHANGES_REQUESTED)
    page = client.get(f"/th/contribute/uploads/{submission.pk}/").content.decode()
    assert f"/th/contribute/uploads/{submission.pk}/edit/" in page

    response = client.post(f"/th/contribute/uploads/{submission.pk}/edit/",
                           fields(title="ชีวิตบนเรือประมง (ตัดใหม่)", places="สมุทรสาคร"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.title == "ชีวิตบนเรือประมง (ตัดใหม่)" and submission.places == "สมุทรสาคร"
    assert submission.state == Submission.State.UPLOADING  # no accepted file yet: waiting for one
    assert client.get(f"/contribute/uploads/{submission.pk}/edit/").status_code == 404  # not asked any more
    assert client.get(f"/contribute/uploads/{other.pk}/edit/").status_code == 404
