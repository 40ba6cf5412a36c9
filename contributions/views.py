"""The contributor's pages: the invitation link, the contribution form and "My uploads"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.access import has_permission

from .accounts import INVITATION_SESSION_KEY, usable_invitation
from .forms import ContributionForm
from .models import Submission
from .reasons import reason_for_contributor
from .submissions import submission_create, submission_receive_file, submission_revise
from .uploads import UploadRefused


def invitation_open(request, token):
    """An invitation link: remembered for the sign-up form, which puts the new account in the invited role."""
    if usable_invitation(token) is None:
        return render(request, "contributions/invitation_unusable.html", status=410)
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("account_signup")


@login_required(login_url="account_login")
def my_uploads(request):
    submissions = list(Submission.objects.of(request.user).prefetch_related("messages"))
    for submission in submissions:
        submission.shown_state = submission.current_state()
        submission.shown_state_label = Submission.State(submission.shown_state).label
    return render(request, "contributions/my_uploads.html", {"submissions": submissions})


@login_required(login_url="account_login")
def submission_detail(request, pk):
    submission = get_object_or_404(Submission.objects.of(request.user), pk=pk)
    state = submission.current_state()
    return render(request, "contributions/submission_detail.html", {
        "submission": submission, "state": state, "state_label": Submission.State(state).label,
        "progress": submission.processing_progress() if state == Submission.State.PROCESSING else None,
        "reason": reason_for_contributor(submission.reason) if submission.reason else "",
        "may_send_file": state in (Submission.State.UPLOADING, Submission.State.CHANGES_REQUESTED),
        "tus_endpoint": reverse("tus_uploads"), "tus_chunk_bytes": settings.ARCHIVE_TUS_CHUNK_BYTES,
    })


@login_required(login_url="account_login")
def contribute(request):
    if not has_permission(request.user, "contributions.contribute"):
        raise PermissionDenied
    form = ContributionForm(request.POST or None, request.FILES or None)
    return _contribution_form(request, form, submission_create, contributor=request.user)


@login_required(login_url="account_login")
def submission_edit(request, pk):
    """The contribution form again, for the changes a curator asked for."""
    submission = get_object_or_404(Submission.objects.of(request.user), pk=pk,
                                   state=Submission.State.CHANGES_REQUESTED)
    initial = {"languages_spoken": list(submission.languages.values_list("code", flat=True))}
    form = ContributionForm(request.POST or None, request.FILES or None, instance=submission, initial=initial)
    return _contribution_form(request, form, submission_revise, submission=submission)


def _contribution_form(request, form, service, **arguments):
    if request.method == "POST" and form.is_valid():
        try:
            submission = service(form=form, **arguments)
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        else:
            next_url = reverse("submission_detail", args=[submission.pk])
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"submission": submission.pk, "next": next_url})
            messages.success(request, _("Thank you. Your contribution is saved."))
            return redirect(next_url)
    if request.headers.get("Accept") == "application/json" and request.method == "POST":
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return render(request, "contributions/contribute.html", {
        "form": form, "form_action": request.path, "editing": "submission" in arguments,
        "tus_endpoint": reverse("tus_uploads"), "tus_chunk_bytes": settings.ARCHIVE_TUS_CHUNK_BYTES})


@login_required(login_url="account_login")
@require_POST
def submission_file(request, pk):
    """A file for a submission sent without JavaScript (or again, after a refusal)."""
    submission = get_object_or_404(Submission.objects.of(request.user), pk=pk,
                                   state__in=[Submission.State.UPLOADING, Submission.State.CHANGES_REQUESTED])
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose a file to send."))
    elif file.size > settings.ARCHIVE_PLAIN_UPLOAD_MAX_BYTES:
        messages.error(request, _("Without JavaScript a file can be at most %(limit)s. Turn on JavaScript to send "
                                  "larger files.") % {"limit": filesizeformat(settings.ARCHIVE_PLAIN_UPLOAD_MAX_BYTES)})
    else:
        try:
            submission_receive_file(submission=submission, file=file)
        except UploadRefused as refused:
            messages.error(request, str(refused))
    return redirect("submission_detail", pk=submission.pk)
