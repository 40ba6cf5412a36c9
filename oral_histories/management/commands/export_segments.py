from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oral_histories.services import RecordingError, segments_export

from ._recordings import item_by_accession


class Command(BaseCommand):
    help = "Write the segment index of a recording as WebVTT or CSV (UTF-8), to a file or standard output."

    def add_arguments(self, parser):
        parser.add_argument("accession", help="the item's accession number")
        parser.add_argument("--recording", type=int, default=1,
                            help="which of the item's audio or video files, counting from 1 (default 1)")
        parser.add_argument("--format", choices=["vtt", "csv"], default=None,
                            help="vtt or csv (default: from the output file's name, else vtt)")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, accession, recording, format, output, **options):
        file_format = format or ("csv" if output and output.lower().endswith(".csv") else "vtt")
        item = item_by_accession(accession)
        try:
            text = segments_export(item=item, recording_index=recording, file_format=file_format)
        except RecordingError as error:
            raise CommandError(str(error)) from None
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
