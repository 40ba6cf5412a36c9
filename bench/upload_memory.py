"""Peak memory of the server while it receives a large contribution through the tus endpoint.

    .venv/bin/python bench/upload_memory.py [--size-mb 2048] [--chunks-mb 64,2048]

A real server process (`manage.py runserver --noreload`, one process, a scratch SQLite database and private
folder) receives the file from a real HTTP client as a signed-in contributor: once in pieces of 64 MiB (as the
contribution page sends them, with a smaller piece), once as a single PATCH of the whole file (tus-js-client's
default). The bytes are generated on the fly (zeros), so the client holds no file. The server's peak resident
memory (VmHWM) is read from /proc before and after. Completed uploads are queued for ingest, not ingested, so
this measures receiving only (bench/media_ingest_memory.py measures the ingest).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

BASE = Path(__file__).resolve().parent.parent
MIB = 1024**2

SETUP = """
from django.test import Client
from tests.factories import make_contributor, make_submission
user = make_contributor("bench")
submission = make_submission(user)
client = Client()
client.force_login(user)
print()
print(client.cookies["sessionid"].value, submission.pk)
"""


class Zeros:
    """`size` bytes of zeros, read in pieces: a body that costs the client nothing."""

    block = bytes(MIB)

    def __init__(self, size):
        self.left = size
        self.len = size

    def read(self, n=-1):
        n = self.left if n is None or n < 0 else min(n, self.left)
        n = min(n, MIB)
        self.left -= n
        return self.block[:n]


def peak_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url):
    for _ in range(200):
        try:
            requests.options(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def upload(endpoint, headers, submission, size, chunk):
    created = requests.post(endpoint, headers={**headers, "Upload-Length": str(size),
                                               "Upload-Metadata": "submission " + _b64(submission)})
    created.raise_for_status()
    url, offset = created.headers["Location"], 0
    while offset < size:
        length = min(chunk, size - offset)
        response = requests.patch(url, data=Zeros(length), headers={
            **headers, "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream",
            "Content-Length": str(length)})
        response.raise_for_status()
        offset = int(response.headers["Upload-Offset"])
    return offset


def _b64(value):
    import base64

    return base64.b64encode(str(value).encode()).decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--chunks-mb", default="64,2048")
    args = parser.parse_args()
    size = args.size_mb * MIB
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as work:
        work = Path(work)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test",
                   DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}", ARCHIVE_TEST_TASKS_BACKEND="database",
                   ARCHIVE_PRIVATE_MEDIA_ROOT=str(work / "private"), ARCHIVE_MEDIA_ROOT=str(work / "media"),
                   ARCHIVE_CONTRIBUTION_MAX_BYTES=str(8 * 1024**3), ARCHIVE_CONTRIBUTOR_QUOTA_BYTES=str(64 * 1024**3))
        env.pop("REDIS_URL", None)
        python = str(BASE / ".venv" / "bin" / "python") if (BASE / ".venv").exists() else sys.executable
        subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=BASE, env=env, check=True)
        session, submission = subprocess.run([python, "manage.py", "shell", "-c", SETUP], cwd=BASE, env=env,
                                             check=True, capture_output=True, text=True).stdout.split()[-2:]
        port = free_port()
        server = subprocess.Popen([python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                                  cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            endpoint = f"http://127.0.0.1:{port}/contribute/tus/"
            wait_for(endpoint)
            headers = {"Tus-Resumable": "1.0.0", "X-CSRFToken": "b" * 32,
                       "Cookie": f"sessionid={session}; csrftoken={'b' * 32}"}
            print(f"server at start: peak RSS {peak_kib(server.pid) / 1024:.0f} MiB")
            print(f"{'file':>8}  {'PATCH size':>10}  {'server peak RSS after':>22}  {'time':>7}")
            for chunk_mb in [int(c) for c in args.chunks_mb.split(",")]:
                start = time.perf_counter()
                received = upload(endpoint, headers, submission, size, chunk_mb * MIB)
                assert received == size
                elapsed = time.perf_counter() - start
                print(f"{args.size_mb:>5} MiB  {chunk_mb:>6} MiB  {peak_kib(server.pid) / 1024:>18.0f} MiB  "
                      f"{elapsed:>6.1f}s")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
