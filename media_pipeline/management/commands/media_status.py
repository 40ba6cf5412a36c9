"""The state of every asset's media: its latest job and its derivatives."""

import json

from django.core.management.base import BaseCommand
from django.db.models import Prefetch

from archive.models import Asset
from media_pipeline.models import Derivative, MediaJob


class Command(BaseCommand):
    help = "Show each asset's media state, progress, error and derivatives (--json for a JSON list)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print a JSON list, one object per asset")
        parser.add_argument("--item", metavar="ACCESSION", help="only this item's files")

    def handle(self, *args, as_json, item, **options):
        assets = Asset.objects.select_related("item").order_by("item__accession_number", "position", "pk")
        if item:
            assets = assets.filter(item__accession_number=item)
        assets = assets.prefetch_related(
            Prefetch("jobs", queryset=MediaJob.objects.latest_per_asset(), to_attr="latest_jobs"),
            Prefetch("derivatives", queryset=Derivative.objects.order_by("profile", "path")),
        )
        rows = [self.row(asset) for asset in assets]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            line = f"{row['item']}  {row['original_name'] or '-'}  {row['kind']}  {row['state'] or 'no job'}"
            if row["state"] == "running":
                line += f" {row['progress']}%"
            if row["error"]:
                line += f"  error: {row['error']}"
            self.stdout.write(f"{line}  ({len(row['derivatives'])} derivatives)")

    def row(self, asset):
        job = asset.latest_jobs[0] if asset.latest_jobs else None
        return {
            "item": asset.item.accession_number,
            "original_name": asset.original_name,
            "kind": asset.kind,
            "state": job.state if job else None,
            "progress": job.progress if job else 0,
            "error": job.error if job else "",
            "derivatives": [{"profile": d.profile, "path": d.path, "mime_type": d.mime_type}
                            for d in asset.derivatives.all()],
        }
