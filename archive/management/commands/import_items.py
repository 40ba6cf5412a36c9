from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from archive.importing import items_import
from archive.spreadsheet import normalisation_notes


class Command(BaseCommand):
    help = ("Import or update catalogue items from a CSV file (format: docs/csv.md). All rows or none. With --user "
            "the import acts as that user and needs their permissions; without it, it acts as the system.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file; media_files paths are relative to its folder")
        parser.add_argument("--dry-run", action="store_true", help="check every row and report, write nothing")
        parser.add_argument("--create-missing", action="store_true",
                            help="create the subjects and collections the file names that the archive lacks, in "
                                 "the same transaction (with --user, they need the permission to add them)")
        parser.add_argument("--user", metavar="USERNAME",
                            help="act as this user: the history names them, and every record the file would create "
                                 "or change needs their permission (default: the system, no permission checks)")

    def handle(self, *args, file, dry_run, user, create_missing, **options):
        by = self._user(user) if user is not None else None
        try:
            report = items_import(path=file, dry_run=dry_run, by=by, create_missing=create_missing)
        except FileNotFoundError:
            raise CommandError(f"no such file: {file}") from None
        for problem in report.permission_problems:
            self.stderr.write(f"{user}: {problem}")
        for error in report.errors:
            self.stderr.write(str(error))
        for note in normalisation_notes(file):
            self.stdout.write(str(note))
        if not report.ok:
            raise CommandError(report.summary())
        for row in report.hidden:
            self.stdout.write(f"not public after the import: {row}")
        self.stdout.write(report.summary())

    def _user(self, username):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"no user called “{username}”") from None
        if not user.is_active:
            raise CommandError(f"the user “{username}” is not active")
        return user
