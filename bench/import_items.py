"""Spreadsheet import benchmark: time and peak memory of `items_import` for generated files of growing size.

    .venv/bin/python bench/import_items.py                 # 10,000 and 100,000 rows, embedded SQLite
    .venv/bin/python bench/import_items.py --rows 2000     # a quick run
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench .venv/bin/python bench/import_items.py

By default the search index's change tracking (search.upkeep) is switched off in the benchmark process, so the
figures are the importer's own. `--search-signals` keeps it on to measure its cost too: the import's one
transaction then enqueues one search task after it commits, and the index is written later by the worker.

Each size runs in a fresh process on a fresh database (a temporary SQLite file unless BENCH_DATABASE_URL names
an empty PostgreSQL database), so the peak resident memory (ru_maxrss) belongs to that import alone. The check
pass is measured a second time under tracemalloc, which counts the Python objects it holds at its peak.
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = [f"Thailand > {province} > District {n}" for province in
          ("Samut Sakhon", "Tak", "Ranong", "Chiang Mai", "Bangkok", "Songkhla") for n in range(1, 9)]
PLACES += ["Myanmar > Mon State", "Myanmar > Shan State", "Cambodia > Battambang", "Laos > Savannakhet"]
TAGS = ["boats", "nets", "wages", "housing", "festival", "school", "ประมง", "แรงงาน", "ငါး", "ការងារ", "ວຽກ"]
SUBJECTS = ["fishing", "construction", "factory-work", "agriculture", "domestic-work"]
LANGUAGES = ["tha", "mya", "khm", "lao", "shn", "kar", "eng"]
ACCESS = ["public", "public", "public", "registered", "staff", "embargoed:2031-06-30"]
KINDS = ["oral_history", "photograph", "film", "document"]
DATES = ["1995", "199X", "1995~", "1990/1999", "2003-05", "2001-03-15", "2012", ""]
HEADER = ["accession_number", "kind", "status", "title", "title_th", "title_my", "title_km", "title_lo",
          "description", "description_th", "date", "places", "agents", "subjects", "tags", "languages", "rights",
          "licence", "access", "collection"]


def generate(path, rows, seed=1):
    pick = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow([
                f"BENCH-{n:07d}", KINDS[n % 4], "published", f"Working life, record {n}", f"ชีวิตการทำงาน {n}",
                f"အလုပ်ဘဝ {n}", f"ជីវិតការងារ {n}", f"ຊີວິດການເຮັດວຽກ {n}",
                f"A generated record for the import benchmark.\nSecond line of record {n}.",
                "ระเบียนที่สร้างขึ้นสำหรับการวัดประสิทธิภาพ", pick.choice(DATES),
                "; ".join(pick.sample(PLACES, 2)),
                f"narrator: Narrator {n % 20000}; interviewer: Interviewer {n % 25}",
                pick.choice(SUBJECTS), "; ".join(pick.sample(TAGS, 3)), "; ".join(pick.sample(LANGUAGES, 2)),
                "InC-EDU", "CC-BY-NC-4.0", pick.choice(ACCESS), "bench",
            ])


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path):
    """Runs in its own process: migrate a fresh database, then check, import and re-import `path`."""
    import django

    django.setup()
    import tracemalloc

    from django.core.management import call_command

    from archive.models import Collection, Subject
    from archive.importing import items_import

    if not os.environ.get("BENCH_SEARCH_SIGNALS"):
        from search.upkeep import search_stop_tracking

        search_stop_tracking()
    call_command("migrate", verbosity=0)
    Collection.objects.create(slug="bench", title="Benchmark")
    for slug in SUBJECTS:
        Subject.objects.create(slug=slug, title=slug.replace("-", " ").capitalize())
    results = {"rss_before_mib": peak_rss_mib()}

    started, cpu = time.perf_counter(), cpu_seconds()
    report = items_import(path=path, dry_run=True)
    results["check_seconds"] = time.perf_counter() - started
    results["check_cpu"] = cpu_seconds() - cpu
    assert report.ok, report.errors[:5]
    results["rss_after_check_mib"] = peak_rss_mib()

    started, cpu = time.perf_counter(), cpu_seconds()
    report = items_import(path=path, dry_run=False)
    results["import_seconds"] = time.perf_counter() - started
    results["import_cpu"] = cpu_seconds() - cpu
    assert report.ok and report.created > 0, report.errors[:5]
    results["rss_after_import_mib"] = peak_rss_mib()

    if os.environ.get("BENCH_REIMPORT", "1") == "1":
        started, cpu = time.perf_counter(), cpu_seconds()
        report = items_import(path=path, dry_run=False)
        results["reimport_seconds"] = time.perf_counter() - started
        results["reimport_cpu"] = cpu_seconds() - cpu
        assert report.ok and report.unchanged == report.created + report.updated + report.unchanged
        results["rss_after_reimport_mib"] = peak_rss_mib()

    tracemalloc.start()
    items_import(path=path, dry_run=True)
    results["check_traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 1024**2
    tracemalloc.stop()
    print(json.dumps(results))


def run(rows, search_signals=False, reimport=True):
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as folder:
        path = Path(folder) / "items.csv"
        generate(path, rows)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "ARCHIVE_VAR_DIR": folder,
               "DJANGO_LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        env.pop("BENCH_SEARCH_SIGNALS", None)
        if search_signals:
            env["BENCH_SEARCH_SIGNALS"] = "1"
        env["BENCH_REIMPORT"] = "1" if reimport else "0"
        if os.environ.get("BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        output = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, cwd=ROOT, check=True,
                                capture_output=True, text=True, timeout=6 * 3600).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["file_mib"] = path.stat().st_size / 1024**2
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--search-signals", action="store_true", help="keep the search index signals on")
    parser.add_argument("--reimport-up-to", type=int, default=10_000,
                        help="also time a second import of the same file (nothing changes) up to this many rows")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child(args.child)
        return
    print("| rows | file | check pass | import | rows per CPU s | re-import (no changes) | "
          "peak RSS before → after import | check pass traced peak |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rows in args.rows:
        r = run(rows, search_signals=args.search_signals, reimport=rows <= args.reimport_up_to)
        reimport = (f"{r['reimport_seconds']:.0f} s ({r['reimport_cpu']:.0f} s CPU)" if "reimport_seconds" in r
                    else "not run")
        print(f"| {rows:,} | {r['file_mib']:.1f} MiB | {r['check_seconds']:.1f} s ({r['check_cpu']:.1f} s CPU) | "
              f"{r['import_seconds']:.0f} s ({r['import_cpu']:.1f} s CPU) | {rows / r['import_cpu']:,.0f} | "
              f"{reimport} | "
              f"{r['rss_before_mib']:.0f} → {r['rss_after_import_mib']:.0f} MiB | "
              f"{r['check_traced_peak_mib']:.1f} MiB |", flush=True)


if __name__ == "__main__":
    main()
