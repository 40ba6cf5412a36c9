"""An admin import in the background: the uploaded spreadsheet is checked, then imported, by tasks
(archive/tasks.py) while the curator watches a progress page, so a long file never meets the web server's
timeout. A check run ends with the report the import page shows; an import run with the catalogue written.

A run's state is a small JSON file beside its upload in private storage (imports/<token>/run-<n>.json): the
task writes it outside the import's transaction, so the progress page sees the rows checked and written while the
database still holds nothing of the import. The import itself keeps its rule: one transaction, all or nothing.
Each state is written under a new number before the older one is removed, so a reader on any storage (local
folders or object storage, neither of which replaces a file in one step) always finds a whole file.
"""

import json
import re
import time
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from .import_permissions import IMPORT_PERMISSIONS
from .import_uploads import IMPORT_UPLOAD_FOLDER, import_upload_local
from .import_visibility import HiddenRow
from .importing import items_import
from .spreadsheet import normalisation_notes
from .storage import private_storage, walk

RUN_FILE = re.compile(r"^run-(\d{1,9})\.json$")
SAVE_EVERY_SECONDS = 0.5
FINISHED = ("done", "failed")


@dataclass
class ImportRun:
    token: str
    user_id: int
    language: str = "en"
    create_missing: bool = False
    dry_run: bool = False  # a check: every row read, nothing written
    state: str = "queued"  # queued, checking, writing, done, failed
    rows: int = 0  # the rows of the file, known once they are all checked
    rows_checked: int = 0
    rows_written: int = 0
    summary: str = ""
    problems: list[str] = field(default_factory=list)
    report: dict | None = None  # a check's report (report_data), for the import page
    version: int = 0  # the number of the run file written last

    @classmethod
    def load(cls, token):
        """The run of an upload, or None when there is none (never started, or forgotten after a day)."""
        for _attempt in range(3):  # a newer state may replace the one listed between listing and reading
            versions = _run_files(token)
            if not versions:
                return None
            try:
                with private_storage.open(versions[-1][1], "rb") as stored:
                    return cls(**json.loads(stored.read().decode("utf-8")))
            except (FileNotFoundError, ValueError):
                continue
        return None

    def save(self):
        older = _run_files(self.token)
        self.version = (older[-1][0] if older else 0) + 1
        content = ContentFile(json.dumps(asdict(self), ensure_ascii=False).encode("utf-8"))
        private_storage.save(f"{IMPORT_UPLOAD_FOLDER}/{self.token}/run-{self.version}.json", content)
        for _number, name in older:
            private_storage.delete(name)

    @property
    def finished(self):
        return self.state in FINISHED

    @property
    def importable(self):
        """Whether this is a finished check whose file may now be imported (as it is, or creating terms)."""
        return bool(self.dry_run and self.state == "done" and self.report
                    and (self.report["ok"] or self.report["offer_create"]))

    @property
    def percent(self):
        """How far the run is: checking is the first half, writing the second."""
        if self.state == "done":
            return 100
        if not self.rows:
            return min(49, self.rows_checked // 100)
        return min(99, 50 * (self.rows_checked + self.rows_written) // self.rows)


def _run_files(token):
    """[(number, name)] of the run files of an upload, oldest first."""
    folder = f"{IMPORT_UPLOAD_FOLDER}/{token}"
    try:
        names = private_storage.listdir(folder)[1]
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = ((RUN_FILE.match(name), name) for name in names)
    return sorted((int(match.group(1)), f"{folder}/{name}") for match, name in found if match)


class StoredReport:
    """A check's report as the run file keeps it, read by the import page as it reads an ImportReport."""

    def __init__(self, data):
        self.__dict__.update(data)
        self.grouped_errors = self.errors
        self.hidden = [HiddenRow(*row) for row in self.hidden]


def report_data(report, *, offer_create, notes):
    return {"ok": report.ok, "summary": report.summary(), "errors": report.grouped_errors(),
            "permission_problems": [str(problem) for problem in report.permission_problems],
            "unknown_terms": [str(term) for term in report.unknown_terms], "create_missing": report.create_missing,
            "hidden": [[row.line, row.accession_number, row.reasons] for row in report.hidden],
            "hidden_count": report.hidden_count, "offer_create": offer_create, "notes": [str(note) for note in notes]}


def may_create_terms(report, user):
    """Whether to offer `user` to create the unknown subjects and collections the check found, and import: when
    they are the only problems and the user may add every kind of them."""
    return report.only_unknown_terms and all(user.has_perm(IMPORT_PERMISSIONS[term.kind][0])
                                             for term in report.unknown_terms)


def import_run_start(*, token, user, create_missing=False, dry_run=False):
    """Start checking (dry_run) or importing the upload `token` as `user`: the task is enqueued once the
    request's transaction commits. Returns the run, in state "queued"."""
    from .tasks import items_import_run

    run = ImportRun(token=token, user_id=user.pk, language=translation.get_language() or "en",
                    create_missing=create_missing, dry_run=dry_run)
    run.save()
    transaction.on_commit(lambda: items_import_run.enqueue(token))
    return run


def import_run_execute(*, token):
    """Import the upload of a run and record how it goes; the spreadsheet and media files are removed after."""
    run = ImportRun.load(token)
    if run is None or run.state != "queued":
        return None
    folder = f"{IMPORT_UPLOAD_FOLDER}/{token}"
    user = get_user_model().objects.filter(pk=run.user_id, is_active=True).first()
    last_saved = 0.0

    def progress(phase, rows):
        nonlocal last_saved
        run.state = phase
        if phase == "checking":
            run.rows_checked = rows
        else:
            run.rows, run.rows_written = max(run.rows, run.rows_checked), rows
        if time.monotonic() - last_saved >= SAVE_EVERY_SECONDS:
            run.save()
            last_saved = time.monotonic()

    with translation.override(run.language):
        try:
            if user is None:
                run.state, run.problems = "failed", [gettext("The account that started this import is no longer "
                                                             "active; nothing was imported.")]
                return run
            with import_upload_local(token=token) as sheet:
                report = items_import(path=sheet, by=user, create_missing=run.create_missing,
                                      dry_run=run.dry_run, progress=progress)
                if run.dry_run:
                    run.report = report_data(report, offer_create=may_create_terms(report, user),
                                             notes=normalisation_notes(sheet))
            run.state = "done" if report.ok or run.dry_run else "failed"
            run.summary = report.summary()
            run.problems = [str(problem) for problem in report.permission_problems] + [str(e) for e in report.errors]
        except Exception:
            run.state, run.problems = "failed", [gettext("The import stopped on an unexpected error; nothing was "
                                                         "imported. The server's log has the details.")]
            raise
        finally:
            if not run.importable:  # a checked file waits for the curator's "Import now"; nothing else does
                for name in list(walk(private_storage, folder)):
                    if not RUN_FILE.match(name.rsplit("/", 1)[-1]):
                        private_storage.delete(name)
            run.save()
    return run
