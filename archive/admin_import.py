"""The admin's spreadsheet pages: upload a CSV (and the media files it names), see every problem or what would
change, then import; and download the whole catalogue in the same format."""

import re
import tempfile
from functools import partial
from pathlib import Path

import markdown
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.utils.safestring import mark_safe
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_widgets import MultipleFileField
from .exporting import items_export
from .import_runs import ImportRun, StoredReport, import_run_start
from .import_uploads import import_upload_exists, import_upload_store, import_uploads_forget
from .spreadsheet import csv_writer, neutralise
from .spreadsheet_guide import column_guide

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
        checked = ImportRun.load(token) if TOKEN.match(token) else None
        if (checked is None or not checked.importable or checked.user_id != request.user.pk
                or not import_upload_exists(token=token)):
            raise Http404("That upload has expired; upload the file again.")
        import_run_start(token=token, user=request.user, create_missing=request.POST.get("create_missing") == "1")
        return redirect("admin:archive_item_import_run", token=token)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = _store(form)
        import_run_start(token=token, user=request.user, dry_run=True)
        return redirect("admin:archive_item_import_run", token=token)
    return TemplateResponse(request, "admin/archive/item/import.html", {**context, "form": form})


def import_run_view(model_admin, request, token):
    """The progress of a background import, for the curator who started it; the page reloads itself (a meta
    refresh, no script) until the run is done."""
    run = ImportRun.load(token) if TOKEN.match(token) else None
    if run is None or run.user_id != request.user.pk:
        raise Http404("No such import.")
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta, "run": run}
    if run.dry_run and run.finished and run.report:  # the check's report, and "Import now" if it may go on
        return TemplateResponse(request, "admin/archive/item/import.html", {
            **context, "title": _("Import items from a spreadsheet"), "form": ImportForm(),
            "report": StoredReport(run.report), "token": token if run.importable else "",
            "offer_create": run.report["offer_create"]})
    title = (_("Checking the spreadsheet") if run.dry_run else _("Importing the spreadsheet")) if not run.finished \
        else _("Import finished")
    return TemplateResponse(request, "admin/archive/item/import_run.html", {**context, "title": title})


def template_view(model_admin, request):
    """A spreadsheet to start from: the columns, headed in the curator's language, and one example row."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    guides = column_guide()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="items-template-{request.LANGUAGE_CODE}.csv"'
    response.write("\ufeff")  # Excel reads the file as UTF-8 only with the mark
    writer = csv_writer(response)
    writer.writerow([guide.label for guide in guides])
    writer.writerow([neutralise(guide.example) for guide in guides])
    return response


def columns_view(model_admin, request):
    """Every column explained in the curator's language, then the whole format reference (docs/csv.md)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    reference = (Path(settings.BASE_DIR) / "docs" / "csv.md").read_text(encoding="utf-8")
    return TemplateResponse(request, "admin/archive/item/import_columns.html", {
        **model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
        "title": _("The spreadsheet's columns"), "guides": column_guide(),
        # Our own document, not user input: rendered as it is.
        "reference": mark_safe(markdown.markdown(reference, extensions=["tables", "fenced_code"])),
    })


def export_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    spool = tempfile.TemporaryFile(mode="w+b")
    with open(spool.fileno(), "w", encoding="utf-8-sig", newline="", closefd=False) as text:
        items_export(out=text)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"items-{timezone.localdate():%Y-%m-%d}.csv",
                        content_type="text/csv; charset=utf-8")


class SpreadsheetPages:
    """The item admin's spreadsheet pages: import (check, then a background run and its progress page), the
    template, the column guide, and the export."""

    def get_urls(self):
        pages = [
            ("import/", import_view, "archive_item_import"),
            ("import/template.csv", template_view, "archive_item_import_template"),
            ("import/columns/", columns_view, "archive_item_import_columns"),
            ("import/<str:token>/", import_run_view, "archive_item_import_run"),
            ("export/", export_view, "archive_item_export"),
        ]
        return [path(route, self.admin_site.admin_view(partial(view, self)), name=name)
                for route, view, name in pages] + super().get_urls()
