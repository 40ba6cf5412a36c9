"""A contribution's life: sent with its consent, its file received, then decided by a curator."""

from django.db import transaction
from django.utils import timezone

from archive.models import Language

from .models import Caption, Submission
from .uploads import upload_append, upload_create


def submission_create(*, contributor, form) -> Submission:
    """A new submission from a valid ContributionForm; its consent is recorded as confirmed now. A file sent
    with the form itself (no JavaScript) goes through the same staging and checks as a resumable upload."""
    with transaction.atomic():
        submission = form.save(commit=False)
        submission.contributor = contributor
        submission.consent_given_at = timezone.now()
        submission.save()
        submission.languages.set([Language.for_code(code) for code in form.cleaned_data["languages_spoken"]])
        for language, file in form.captions().items():
            Caption.objects.create(submission=submission, language=language, file=file,
                                   original_name=file.name[:300])
    if form.cleaned_data.get("file"):
        submission_receive_file(submission=submission, file=form.cleaned_data["file"])
    return submission


def submission_revise(*, submission: Submission, form) -> Submission:
    """Save a contributor's changes after a curator asked for them; the submission goes back to review (or to
    waiting for its file, if none was accepted yet)."""
    with transaction.atomic():
        submission = form.save(commit=False)
        submission.consent_given_at = timezone.now()
        submission.state = Submission.State.PROCESSING if submission.item_id else Submission.State.UPLOADING
        submission.save()
        submission.languages.set([Language.for_code(code) for code in form.cleaned_data["languages_spoken"]])
        for language, file in form.captions().items():
            Caption.objects.filter(submission=submission, language=language, asset__isnull=True).delete()
            Caption.objects.update_or_create(submission=submission, language=language,
                                             defaults={"file": file, "original_name": file.name[:300]})
    if form.cleaned_data.get("file"):
        submission_receive_file(submission=submission, file=form.cleaned_data["file"])
    return submission


def submission_receive_file(*, submission: Submission, file) -> None:
    """A whole file sent in one request: one upload of one piece."""
    upload = upload_create(owner=submission.contributor, submission=submission, length=file.size,
                           filename=file.name or "")
    file.seek(0)
    upload_append(upload=upload, offset=0, stream=file, size=file.size)
