from django.core.management.base import BaseCommand, CommandError

from media_pipeline.timed_text import TimedTextError
from oral_histories.services import RecordingError, segments_import

from ._recordings import as_command, item_by_accession, read_file


class Command(BaseCommand):
    help = "Replace the segment index of a recording with the segments in a WebVTT or CSV file."

    def add_arguments(self, parser):
        parser.add_argument("accession", help="the item's accession number")
        parser.add_argument("file", help="the segments file (WebVTT or CSV; UTF-8 is best)")
        parser.add_argument("--recording", type=int, default=1,
                            help="which of the item's audio or video files, counting from 1 (default 1)")

    def handle(self, *args, accession, file, recording, **options):
        item = item_by_accession(accession)
        data = read_file(file)
        try:
            with as_command():
                segments = segments_import(item=item, recording_index=recording, text=data)
        except (TimedTextError, RecordingError) as error:
            raise CommandError(f"{file}: {error}") from None
        self.stdout.write(f"{accession} recording {recording}: {len(segments)} segments")
