"""Peak memory while ingesting large files: it must not grow with the file's size.

    .venv/bin/python bench/media_ingest_memory.py [--sizes-mb 200,2048] [--s3]

Each size is ingested by a fresh process (a real `asset_ingest` into a scratch SQLite database and private
folder: streaming copy with SHA-256, content sniffing with ffprobe, the Asset row, the queued job). The file is a
WAV whose silent samples are a sparse region, so making a 2 GB file costs no disk until it is copied. With --s3
the private storage is a bucket on a SeaweedFS started for the run, and the process then also copies the stored
original back to a local temporary file, as a media job does (`archive.storage.local_copy`).
"""

import argparse
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent

CHILD = """
import os, resource, sys, time
import django
django.setup()
from tests.factories import make_item
from media_pipeline.ingest import asset_ingest
item = make_item(accession_number="BENCH-" + os.path.basename(sys.argv[1]))
start = time.perf_counter()
asset = asset_ingest(item=item, source=sys.argv[1], original_name="ການສໍາພາດ.wav")
if sys.argv[2] == "s3":
    from archive.storage import is_local, local_copy, private_storage
    assert not is_local(private_storage)
    with local_copy(private_storage, asset.original.name) as copy:
        assert copy.stat().st_size == asset.size
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(asset.size, asset.kind, own, f"{elapsed:.1f}")
"""


def make_wav(path, size):
    """A valid 16-bit mono WAV of `size` bytes; the samples are a hole in the file (zeros, silence)."""
    data = size - 44
    header = b"RIFF" + struct.pack("<I", size - 8) + b"WAVE" + b"fmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, 48000, 96000, 2, 16) + b"data" + struct.pack("<I", data)
    with open(path, "wb") as file:
        file.write(header)
        file.truncate(size)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", default="200,2048")
    parser.add_argument("--s3", action="store_true", help="private storage on a SeaweedFS bucket")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as work:
        work = Path(work)
        server = None
        if args.s3:
            sys.path.insert(0, str(BASE))
            from tests.seaweedfs import start

            (work / "s3").mkdir()
            server, s3 = start(work / "s3")
        try:
            run(args, work, s3 if server else None)
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)


def run(args, work, s3):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test",
               DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}", ARCHIVE_TEST_TASKS_BACKEND="database",
               ARCHIVE_PRIVATE_MEDIA_ROOT=str(work / "private"), ARCHIVE_MEDIA_ROOT=str(work / "media"),
               ARCHIVE_MAX_UPLOAD_BYTES=str(8 * 1024**3))
    env.pop("REDIS_URL", None)
    if s3:
        env.update(ARCHIVE_S3_ENDPOINT_URL=s3.endpoint_url, ARCHIVE_S3_BUCKET=s3.bucket,
                   ARCHIVE_S3_PRIVATE_BUCKET=s3.private_bucket, ARCHIVE_S3_ACCESS_KEY=s3.access_key,
                   ARCHIVE_S3_SECRET_KEY=s3.secret_key, ARCHIVE_S3_PREFIX="bench")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=BASE, env=env, check=True)
    print(f"{'file':>8}  {'peak RSS of the ingesting process':>34}  {'time':>7}")
    for size_mb in [int(s) for s in args.sizes_mb.split(",")]:
        source = work / f"interview-{size_mb}.wav"
        make_wav(source, size_mb * 1024**2)
        done = subprocess.run([sys.executable, "-c", CHILD, str(source), "s3" if s3 else "local"], cwd=BASE,
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        size, kind, own_kb, elapsed = done.stdout.split()[-4:]
        assert int(size) == size_mb * 1024**2 and kind == "audio", done.stdout
        print(f"{size_mb:>6}MB  {int(own_kb) / 1024:>31.1f} MB  {float(elapsed):>6.1f}s", flush=True)
        source.unlink()
        for stored in (work / "private").rglob("*.wav"):
            stored.unlink()  # on S3 the originals stay in the bucket until the server's folder goes


if __name__ == "__main__":
    main()
