"""Reconcile the search index with the access policy. Run it daily: embargoes lift and exhibits go public by
date, without any save to announce it. Example cron line: `15 0 * * * cd /srv/archive && .venv/bin/python
manage.py search_sync` (or a systemd timer). `--enqueue` hands the work to the background worker instead."""

from django.core.management.base import BaseCommand

from search.upkeep import search_index_sync, search_sync


class Command(BaseCommand):
    help = ("Add public objects missing from the search index, rewrite stale documents and remove those no "
            "longer public.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Run as a background task on the search queue.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = search_sync.enqueue()
            self.stdout.write(f"search sync enqueued as task {result.id}")
            return
        for label, (added, rewritten, removed) in search_index_sync().items():
            self.stdout.write(f"{label}: {added} added, {rewritten} rewritten, {removed} removed")
