"""The admin's spreadsheet pages: upload a CSV (and the media files it names), see every problem or what would
change, then import; and download the whole catalogue in the same format."""

import re
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_widgets import MultipleFileField
from .exporting import items_export
from .import_uploads import (
    import_upload_delete,
    import_upload_exists,
    import_upload_local,
    import_upload_store,
    import_uploads_forget,
)
from .importing import items_import
from .spreadsheet import normalisation_notes

TOKEN = re.compile(r"^[0-9a-f]{32}$")


class ImportForm(forms.Form):
    spreadsheet = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, with or without a byte-order mark."))
    media = MultipleFileField(label=_("Media files named in media_files"), required=False,
                              help_text=_("Select every file the media_files column names (by file name)."))


def _store(form):
    """Keep the upload in private storage between the check and the import; returns its token."""
    import_uploads_forget()
    media = [(Path(upload.name).name, upload) for upload in form.cleaned_data["media"]]
    return import_upload_store(sheet=form.cleaned_data["spreadsheet"], media=media)


def import_view(model_admin, request):
    # Adding or changing items is enough to open the page; the import itself asks for the permission of every
    # kind of record the file would create or change, row by row.
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
               "title": _("Import items from a spreadsheet")}
    token = request.POST.get("token", "")
    if request.method == "POST" and token:
        if not TOKEN.match(token) or not import_upload_exists(token=token):
            raise Http404("That upload has expired; upload the file again.")
        try:
            with import_upload_local(token=token) as sheet:
                report = items_import(path=sheet, dry_run=False, by=request.user)
        finally:
            import_upload_delete(token=token)
        if report.ok:
            model_admin.message_user(request, report.summary(), messages.SUCCESS)
            return redirect("admin:archive_item_changelist")
        return TemplateResponse(request, "admin/archive/item/import.html",
                                {**context, "form": ImportForm(), "report": report})
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        token = _store(form)
        with import_upload_local(token=token) as sheet:
            report = items_import(path=sheet, dry_run=True, by=request.user)
            for note in normalisation_notes(sheet):
                model_admin.message_user(request, str(note), messages.WARNING)
        if not report.ok:
            import_upload_delete(token=token)
            token = ""
        form = ImportForm()
    return TemplateResponse(request, "admin/archive/item/import.html",
                            {**context, "form": form, "report": report, "token": token})


def export_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    spool = tempfile.TemporaryFile(mode="w+b")
    with open(spool.fileno(), "w", encoding="utf-8-sig", newline="", closefd=False) as text:
        items_export(out=text)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"items-{timezone.localdate():%Y-%m-%d}.csv",
                        content_type="text/csv; charset=utf-8")
