from django.core.management.base import BaseCommand, CommandError

from media_pipeline.timed_text import TimedTextError
from oral_histories.services import LanguageError, RecordingError, transcript_import

from ._recordings import as_command, item_by_accession, read_file


class Command(BaseCommand):
    help = ("Attach a transcript (WebVTT, SRT, or text with [HH:MM:SS] markers; recognised from the content) to a "
            "recording of an item. Importing the same language again replaces that transcript.")

    def add_arguments(self, parser):
        parser.add_argument("accession", help="the item's accession number")
        parser.add_argument("file", help="the transcript file: UTF-8 is best; UTF-16 and Thai TIS-620 are read too")
        parser.add_argument("--language", required=True, help="ISO 639-3 code of the transcript's language (tha)")
        parser.add_argument("--recording", type=int, default=1,
                            help="which of the item's audio or video files, counting from 1 (default 1)")
        visibility = parser.add_mutually_exclusive_group()
        visibility.add_argument("--staff-only", dest="staff_only", action="store_true", default=None,
                                help="hide the transcript from the public")
        visibility.add_argument("--public", dest="staff_only", action="store_false",
                                help="show the transcript to whoever may see the item")

    def handle(self, *args, accession, file, language, recording, staff_only, **options):
        item = item_by_accession(accession)
        data = read_file(file)
        try:
            with as_command():
                transcript = transcript_import(item=item, recording_index=recording, language=language, text=data,
                                               staff_only=staff_only)
        except (TimedTextError, LanguageError, RecordingError) as error:
            raise CommandError(f"{file}: {error}") from None
        count = transcript.cues.count()
        self.stdout.write(f"{accession} recording {recording}: {count} lines in {transcript.language.name} "
                          f"({transcript.get_source_format_display()})"
                          + (", staff only" if transcript.staff_only else ""))
