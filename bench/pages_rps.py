"""Requests per second of the public pages under gunicorn on loopback, beside a trivial Django view.

    .venv/bin/python bench/pages_rps.py                      # 2,000 items, 2 workers, 10 s per page
    .venv/bin/python bench/pages_rps.py --items 20000 --seconds 20

Builds a fresh SQLite database in a temporary folder (nothing in var/ is touched; DATABASE_URL is honoured if
set), fills it with items (titles in five languages, places, people, subjects, tags, image derivatives) and one
exhibit whose blocks hold the items, starts gunicorn with sync workers on a free loopback port, and drives each
page with a pool of keep-alive-less HTTP clients for a fixed time. The trivial view runs through the same
middleware on the same server: it is the limit the pages are measured against. The load generator shares the
machine with the server, so both figures are lower than on separate hosts; their ratio is what to read.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def _urlpatterns():
    from django.urls import path

    from config.urls import urlpatterns as site

    return [path("bench-trivial/", trivial), *site]


def __getattr__(name):
    # This module is also the server's URLconf: the site's own URLs plus the trivial view.
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


def application(environ, start_response):
    """The WSGI entry point gunicorn loads: the archive's application with this module as its URLconf."""
    global _app
    if "_app" not in globals():
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        _app = get_wsgi_application()
        settings.ROOT_URLCONF = "bench.pages_rps"
    return _app(environ, start_response)


def build(items):
    from datetime import date

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from archive.models import Agent, Asset, Collection, Item, ItemAgent, Place, Subject
    from exhibits.models import Block, BlockItem, Exhibit
    from media_pipeline.models import Derivative

    collection = Collection.objects.create(slug="bench", title="Bench", title_th="ทดสอบ")
    places = Place.objects.bulk_create(Place(name=f"Place {i}", name_th=f"สถานที่ {i}", latitude=10 + i % 9,
                                             longitude=98 + i % 6) for i in range(60))
    subjects = Subject.objects.bulk_create(Subject(slug=f"s-{i}", title=f"Subject {i}", title_th=f"หัวเรื่อง {i}")
                                           for i in range(40))
    agents = Agent.objects.bulk_create(Agent(display_name=f"Narrator {i}") for i in range(200))
    tags = Tag.objects.bulk_create(Tag(name=f"tag {i}", slug=f"tag-{i}") for i in range(50))
    created = []
    for start in range(0, items, 2000):
        created += Item.objects.bulk_create(
            Item(kind=("photograph", "film", "document")[i % 3], accession_number=f"BENCH-{i:06d}",
                 title=f"Fishing boats at dawn {i}", title_th=f"เรือประมงยามรุ่งอรุณ {i}",
                 title_my=f"အရုဏ်ဦး ငါးဖမ်းလှေ {i}", description="Boats leave the harbour at night. " * 8,
                 status="published", access="public", date=str(1950 + i % 70),
                 date_lower=date(1950 + i % 70, 1, 1), date_upper=date(1950 + i % 70, 12, 31),
                 collection=collection)
            for i in range(start, min(start + 2000, items)))
    Item.places.through.objects.bulk_create(Item.places.through(item=it, place=places[i % 60])
                                            for i, it in enumerate(created))
    Item.subjects.through.objects.bulk_create(Item.subjects.through(item=it, subject=subjects[i % 40])
                                              for i, it in enumerate(created))
    ItemAgent.objects.bulk_create(ItemAgent(item=it, agent=agents[i % 200], role="photographer")
                                  for i, it in enumerate(created))
    kind = ContentType.objects.get_for_model(Item)
    TaggedItem.objects.bulk_create(TaggedItem(tag=tags[i % 50], content_type=kind, object_id=it.pk)
                                   for i, it in enumerate(created))
    assets = Asset.objects.bulk_create(Asset(item=it, kind="image") for it in created)
    Derivative.objects.bulk_create(
        Derivative(asset=a, profile="image", profile_version=1, role="image", mime_type=mime, width=w,
                   height=w * 2 // 3, path=f"derivatives/{a.pk}/image/t/{w}.{ext}")
        for a in assets for w in (320, 640, 1280) for mime, ext in (("image/jpeg", "jpg"), ("image/webp", "webp")))
    exhibit = Exhibit.objects.create(slug="bench", title="Working lives", title_th="ชีวิตการทำงาน",
                                     summary="Photographs and films.", status="published", featured=True,
                                     published_at=timezone.now(), cover=assets[0])
    shown = created[:24]
    for position, kind in enumerate(["text", "item", "gallery", "quote", "timeline", "map", "data"]):
        block = Block.objects.create(exhibit=exhibit, position=position, kind=kind, body="Boats **leave** at night.",
                                     data_csv="Year,Workers\n2014,1100000\n2016,1400000\n2018,2000000\n")
        BlockItem.objects.bulk_create(BlockItem(block=block, item=it, position=n) for n, it in enumerate(shown))
    return created[len(created) // 2].accession_number


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on port {port} within {timeout} s")


def drive(port, path, seconds, clients):
    """Run `clients` threads requesting `path` for `seconds`; return (requests per second, p50 ms, p95 ms)."""
    latencies, errors, stop = [], [], time.monotonic() + seconds
    lock = threading.Lock()

    def client():
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(response.status)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} responses were not 200 (first: {errors[0]})")
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p95 * 1000


def call(path):
    """One GET of `path` through the WSGI application in this process; RuntimeError unless it answers 200."""
    import io

    target, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": target, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr}
    statuses = []
    body = application(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()
    if not statuses[0].startswith("200"):
        raise RuntimeError(f"{path}: {statuses[0]}")


def cpu_per_request(pages, rounds=20):
    """CPU milliseconds one request costs, through the WSGI application in this process: unlike req/s, this
    figure does not move when other programs share the machine."""
    costs = {}
    for _label, path in pages:
        call(path)
        started = time.process_time()
        for _ in range(rounds):
            call(path)
        costs[path] = (time.process_time() - started) / rounds * 1000
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="pages-bench-")
    env = {**os.environ, "ARCHIVE_VAR_DIR": folder, "DJANGO_SETTINGS_MODULE": "config.settings.base",
           "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "TASKS_BACKEND": "immediate",
           "DJANGO_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    accession = build(args.items)
    from django.db import connection

    if connection.vendor == "sqlite":  # statistics, as a live database has them (PostgreSQL's autovacuum keeps its own)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {args.items} items in {time.perf_counter() - started:.1f} s ({folder})")

    pages = [("trivial Django view (the limit)", "/bench-trivial/"), ("item page", f"/items/{accession}/"),
             ("item page, Thai", f"/th/items/{accession}/"), ("exhibit page (7 blocks, 24 items)", "/exhibits/bench/"),
             ("home", "/"), ("browse", "/browse/"), ("search", "/search/?q=boats")]
    costs = cpu_per_request(pages)
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "bench.pages_rps:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--worker-class", "sync", "--log-level", "warning", "--chdir", str(ROOT)],
        env=env)
    try:
        wait_until_up(port)
        for _label, path in pages:  # warm every worker
            drive(port, path, 1, args.workers)
        print(f"| page | req/s | p50 ms | p95 ms | CPU ms per request |  ({args.items} items, {args.workers} sync "
              f"workers, {args.clients} clients, {args.seconds:g} s each; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print("|---|---:|---:|---:|---:|")
        for label, path in pages:
            rps, p50, p95 = drive(port, path, args.seconds, args.clients)
            print(f"| {label} `{path}` | {rps:.0f} | {p50:.1f} | {p95:.1f} | {costs[path]:.1f} |", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
