"""Safety: a contributor sees only their own submissions; contributions stay private until approved; a
contributor's account details never reach a public page."""

import pytest

from archive.models import Item
from contributions.review import submission_approve
from tests.factories import make_contributor, make_item, make_submission

pytestmark = pytest.mark.django_db


def test_a_contributor_sees_only_their_own_submissions(client):
    mine = make_submission(make_contributor("ของฉัน"), title="เรือของฉัน")
    theirs = make_submission(make_contributor("คนอื่น"), title="ความลับของคนอื่น")
    client.force_login(mine.contributor)

    listing = client.get("/contribute/uploads/").content.decode()
    assert "เรือของฉัน" in listing and "ความลับของคนอื่น" not in listing
    assert client.get(f"/contribute/uploads/{mine.pk}/").status_code == 200
    assert client.get(f"/contribute/uploads/{theirs.pk}/").status_code == 404
    assert client.post(f"/contribute/uploads/{theirs.pk}/file/").status_code == 404


def test_signed_out_visitors_cannot_see_any_submission(client):
    submission = make_submission(make_contributor())
    response = client.get(f"/contribute/uploads/{submission.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_published_contribution_shows_the_chosen_name_and_nothing_of_the_account(client, staff_user):
    contributor = make_contributor("+66812345678", email="hidden@example.org", first_name="Aung",
                                   last_name="Legalname")
    submission = make_submission(contributor, pseudonym="ดาวเหนือ")
    submission.item = make_item(kind=Item.Kind.FILM, status=Item.Status.DRAFT, access="staff",
                                accession_number="CONTRIB-000001", title="x")
    submission.item.assets.create(kind="video", original_name="+66812345678.mp4")
    submission.save()
    submission_approve(submission=submission, by=staff_user)

    page = client.get(submission.item.get_absolute_url()).content.decode()
    assert "ดาวเหนือ" in page
    for private in ("+66812345678", "hidden@example.org", "Legalname"):
        assert private not in page


def test_staff_without_a_curators_permission_cannot_open_a_submission(client, volunteer):
    submission = make_submission(make_contributor())
    client.force_login(volunteer)
    assert client.get(f"/admin/contributions/submission/{submission.pk}/change/").status_code == 403
