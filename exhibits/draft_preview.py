"""The builder's preview of changes not saved yet. The exhibit's form goes through the admin's own save inside a
transaction that is then rolled back, and the exhibit page is rendered from inside it. Nothing is kept: no record,
no history, no message to the curator, no search update (that waits for a commit that never comes)."""

from django.db import transaction
from django.http import HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .views import exhibit_preview


class _Unsaid:
    """Messages the rolled-back save would have given the curator ("changed successfully"): given to no one."""

    def add(self, *args, **kwargs):
        pass

    def update(self, response):
        return []

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


def exhibit_draft_preview(model_admin, request, pk):
    """GET: the saved exhibit. POST (the exhibit's form as it stands): the exhibit as it would be once saved."""
    if request.method != "POST":
        return exhibit_preview(request, pk)
    heard, request._messages = getattr(request, "_messages", None), _Unsaid()
    try:
        with transaction.atomic():
            response = model_admin.changeform_view(request, str(pk))
            if response.status_code == 302:  # the admin saved it, so the page can be drawn from the database
                response = exhibit_preview(request, pk)
            else:
                response = HttpResponse(format_html("<p>{}</p>", _(
                    "The form has a mistake, so there is nothing to preview: save to see it marked.")))
            transaction.set_rollback(True)
    finally:
        request._messages = heard
    return response
