"""CPU one browse request costs at 2,000 and at 20,000 items: does browsing grow with the collection?

    .venv/bin/python bench/browse_cpu.py                       # 2,000 and 20,000 items, 20 rounds each
    .venv/bin/python bench/browse_cpu.py --sizes 2000,20000 --rounds 30

Each size is built in a fresh process on a fresh SQLite database in a temporary folder (DATABASE_URL is honoured
if set), with the same collection as bench/pages_rps.py (items with places, people, subjects, tags, pictures),
and each browse address is called through the WSGI application in that process, as the next visitor after
another gets it (the public's counts cached) and as the first after a change to the catalogue (cache emptied
before each call): the figure is the process's CPU time per request (queries included, since SQLite runs in the process), which other programs on the machine move
much less than wall time. The goal (issue 10, part 5) is at most 1.5 times as much CPU at 20,000 items as at
2,000.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [("all items", "/browse/"), ("one kind", "/browse/?kind=film"),
         ("kind and subject", "/browse/?kind=film&subject=s-1"),
         ("kind, subject and decade", "/browse/?kind=photograph&subject=s-2&decade=1990"),
         ("Thai, one place", "/th/browse/?place=3"), ("page 20", "/browse/?page=20")]


def measure(items, rounds):
    """Build `items` items here and print {path: CPU ms per request} as JSON."""
    folder = tempfile.mkdtemp(prefix="browse-bench-")
    os.environ.update({"ARCHIVE_VAR_DIR": folder, "DJANGO_SETTINGS_MODULE": "config.settings.base",
                       "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "TASKS_BACKEND": "immediate",
                       "DJANGO_LOG_LEVEL": "WARNING"})
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from bench.pages_rps import build, call, cpu_per_request

    call_command("migrate", verbosity=0)
    build(items)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    warm = cpu_per_request(PAGES, rounds=rounds)
    cold = {}
    for _label, path in PAGES:  # the first request after a change to the catalogue: counted afresh
        spent = 0.0
        for _ in range(rounds):
            cache.clear()
            started = time.process_time()
            call(path)
            spent += time.process_time() - started
        cold[path] = spent / rounds * 1000
    print(json.dumps({"warm": warm, "cold": cold}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # one size, in a child process
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.rounds)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {}
    for size in sizes:
        started = time.perf_counter()
        output = subprocess.run([sys.executable, __file__, "--measure", str(size), "--rounds", str(args.rounds)],
                                check=True, capture_output=True, text=True, cwd=ROOT).stdout
        results[size] = json.loads(output.strip().splitlines()[-1])
        print(f"{size} items measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    first, last = sizes[0], sizes[-1]
    print(f"| browse page | {' | '.join(f'{size:,} items: CPU ms' for size in sizes)} | ratio | "
          f"{' | '.join(f'after a change, {size:,}' for size in sizes)} | ratio |  (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, {args.rounds} rounds)")
    print("|---|" + "---:|" * (2 * len(sizes) + 2))
    for label, path in PAGES:
        row = []
        for state in ("warm", "cold"):
            row += [f"{results[size][state][path]:.1f}" for size in sizes]
            row.append(f"{results[last][state][path] / results[first][state][path]:.2f}")
        print(f"| {label} `{path}` | {' | '.join(row)} |")


if __name__ == "__main__":
    main()
