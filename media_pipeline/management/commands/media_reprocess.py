"""Queue derivatives to be made again: for one item, for one profile, for outdated profiles, or for everything."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.models import Asset
from media_pipeline.jobs import media_job_enqueue
from media_pipeline.profiles import PROFILES, makes_nothing_for, profile


class Command(BaseCommand):
    help = "Queue media jobs that remake derivatives (by item, by profile, outdated ones, or all)."

    def add_arguments(self, parser):
        parser.add_argument("--item", action="append", default=[], metavar="ACCESSION",
                            help="an item's accession number (repeatable)")
        parser.add_argument("--profile", action="append", default=[], metavar="NAME", dest="profiles",
                            help=f"a profile name (repeatable): {', '.join(p.name for p in PROFILES)}")
        parser.add_argument("--outdated", action="store_true",
                            help="only assets with derivatives from an older version of the profile(s)")
        parser.add_argument("--all", action="store_true", dest="everything", help="every asset")
        parser.add_argument("--poster-time", type=float, help="seconds into the video for a new poster")

    def handle(self, *args, item, profiles, outdated, everything, poster_time, **options):
        if not (item or profiles or outdated or everything):
            raise CommandError("Say what to reprocess: --item ACCESSION, --profile NAME, --outdated or --all.")
        try:
            chosen = [profile(name) for name in profiles]
        except ValueError as error:
            raise CommandError(str(error)) from None
        assets = Asset.objects.select_related("item").exclude(original="")
        if item:
            assets = assets.filter(item__accession_number__in=item)
            missing = set(item) - set(assets.values_list("item__accession_number", flat=True))
            if missing:
                raise CommandError(f"No files for item(s): {', '.join(sorted(missing))}")
        if chosen:
            assets = assets.filter(kind__in={p.kind for p in chosen})
        queued = 0
        with transaction.atomic():
            for asset in assets.order_by("pk"):
                names = [p.name for p in chosen if p.kind == asset.kind]
                if outdated:
                    names = self.outdated(asset, chosen)
                    if not names:
                        continue
                media_job_enqueue(asset=asset, profiles=names, poster_time=poster_time)
                queued += 1
        self.stdout.write(f"Queued {queued} media job(s).")

    def outdated(self, asset, chosen):
        current = {p.name: p.version for p in (chosen or PROFILES) if p.kind == asset.kind}
        made = dict(asset.derivatives.values_list("profile", "profile_version").distinct())
        derivatives = list(asset.derivatives.all())
        return [name for name, version in current.items() if made.get(name) != version
                and not (name not in made and makes_nothing_for(profile(name), derivatives))]
