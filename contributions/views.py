"""The contributor's pages: the invitation link, the contribution form and "My uploads"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .accounts import INVITATION_SESSION_KEY, usable_invitation
from .models import Submission
from .reasons import reason_for_contributor


def invitation_open(request, token):
    """An invitation link: remembered for the sign-up form, which puts the new account in the invited role."""
    if usable_invitation(token) is None:
        return render(request, "contributions/invitation_unusable.html", status=410)
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("account_signup")


@login_required
def my_uploads(request):
    submissions = Submission.objects.of(request.user).prefetch_related("messages", "uploads")
    return render(request, "contributions/my_uploads.html", {"submissions": submissions})


@login_required
def submission_detail(request, pk):
    submission = get_object_or_404(Submission.objects.of(request.user), pk=pk)
    state = submission.current_state()
    return render(request, "contributions/submission_detail.html", {
        "submission": submission, "state": state, "state_label": Submission.State(state).label,
        "progress": submission.processing_progress() if state == Submission.State.PROCESSING else None,
        "reason": reason_for_contributor(submission.reason) if submission.reason else "",
    })
