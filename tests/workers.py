"""Real background worker processes for tests about workers.

Tests normally run tasks in-process (the immediate backend of config/settings/test.py). A test about the worker
itself (a job surviving a killed worker, an index or import task running where it will run in production) uses
the `task_worker` fixture instead. It switches TASKS in the test process to the real backend and runs real
`manage.py` worker processes on the same test database and the same per-test MEDIA_ROOT, PRIVATE_MEDIA_ROOT
and Whoosh index:

- without REDIS_URL: the database backend (django_tasks_db), workers are `manage.py db_worker`;
- with REDIS_URL (CI's PostgreSQL pass): RQ (django_tasks_rq), workers are `manage.py rqworker`.

tests/conftest.py loads this module as a pytest plugin (`pytest_plugins = ["tests.workers"]`), so every test can
ask for the fixture by name; nothing needs importing::

    @pytest.mark.worker
    @pytest.mark.django_db(transaction=True)      # the worker must see committed rows
    def test_index_task_runs_on_a_worker(task_worker):
        with transaction.atomic():
            ...                                   # code that enqueues with transaction.on_commit
        task_worker.run_until_idle(["search"])    # a worker in batch/burst mode: runs what is queued, exits
        ...                                       # assert on the results

    def test_worker_killed_mid_task(task_worker):
        with task_worker.start(["media"]) as worker:   # a long-running worker
            wait_until(lambda: ..., timeout=30)        # poll, never sleep a fixed time
            worker.kill()                              # SIGKILL to the worker and every process it started

`wait_until(condition, timeout=...)` polls a callable until it returns something truthy; import it from here.
The subprocesses read DJANGO_SETTINGS_MODULE=config.settings.test plus ARCHIVE_TEST_TASKS_BACKEND and
ARCHIVE_TEST_DATABASE_NAME (see config/settings/test.py); their output goes to a log file that a failure
message includes.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.seaweedfs import worker_environment

BASE_DIR = Path(__file__).resolve().parent.parent
BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}


def worker_backend():
    """"rq" when REDIS_URL is set (as in CI's PostgreSQL pass), else "database"."""
    return "rq" if os.environ.get("REDIS_URL") else "database"


def wait_until(condition, *, timeout=30.0, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {message}")
        time.sleep(interval)


def descendants(pid):
    """Pids of every process below `pid`, read from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class WorkerProcess:
    def __init__(self, process, log):
        self.process, self.log = process, log

    @property
    def pid(self):
        return self.process.pid

    def kill(self):
        """SIGKILL the worker and everything it started (its RQ work horse, its ffmpeg), as a crash would.

        RQ's work horse runs in a session of its own, so descendants are found by parent pid, not by group.
        """
        for pid in [self.process.pid, *descendants(self.process.pid)]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout=30):
        """Ask the worker to finish its current task and exit; kill it if it does not."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""


class TaskWorkers:
    def __init__(self, backend, log_dir):
        self.backend, self.log_dir = backend, log_dir
        self.started = []

    def environment(self):
        env = dict(os.environ)
        env.update({
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "ARCHIVE_TEST_TASKS_BACKEND": self.backend,
            "ARCHIVE_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
            "ARCHIVE_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "ARCHIVE_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "ARCHIVE_WHOOSH_PATH": str(settings.WHOOSH_PATH),
            # The test's own index, whichever engine the suite runs on (ARCHIVE_SEARCH_ENGINE is inherited).
            "ARCHIVE_XAPIAN_PATH": str(settings.HAYSTACK_CONNECTIONS["default"]["PATH"]),
            "ARCHIVE_MAX_UPLOAD_BYTES": str(settings.ARCHIVE_MAX_UPLOAD_BYTES),
            "PYTHONUNBUFFERED": "1",
        })
        env.update(worker_environment(settings))
        env = {name: value for name, value in env.items() if value is not None}
        return env

    def command(self, queues, *, until_idle):
        manage = [sys.executable, str(BASE_DIR / "manage.py")]
        if self.backend == "rq":
            return [*manage, "rqworker", *queues, "--job-class", "django_tasks_rq.backend.Job",
                    *(["--burst"] if until_idle else [])]
        names = [arg for queue in queues for arg in ("--queue-name", queue)]
        return [*manage, "db_worker", *names, "--interval", "0.1", "--no-startup-delay",
                *(["--batch"] if until_idle else [])]

    def spawn(self, queues, *, until_idle):
        log = self.log_dir / f"worker-{len(self.started) + 1}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(self.command(queues, until_idle=until_idle), cwd=BASE_DIR,
                                       env=self.environment(), stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        worker = WorkerProcess(process, log)
        self.started.append(worker)
        return worker

    def run_until_idle(self, queues=("default",), *, timeout=120):
        """Run a worker that does every queued task of `queues`, then exits; fails the test if it fails."""
        worker = self.spawn(list(queues), until_idle=True)
        try:
            code = worker.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            raise AssertionError(f"the worker did not finish in {timeout} s:\n{worker.output()}") from None
        assert code == 0, f"the worker exited with {code}:\n{worker.output()}"
        return worker

    @contextlib.contextmanager
    def start(self, queues=("default",)):
        """A long-running worker for the block; stopped (or already killed) when the block ends."""
        worker = self.spawn(list(queues), until_idle=False)
        try:
            yield worker
        finally:
            worker.stop()

    def close(self):
        for worker in self.started:
            if worker.process.poll() is None:
                worker.kill()


@pytest.fixture
def task_worker(settings, transactional_db, tmp_path):
    """Real worker processes on this test's database and folders, with TASKS switched to their backend."""
    backend = worker_backend()
    settings.TASKS = {"default": {"BACKEND": BACKENDS[backend], "QUEUES": list(settings.TASK_QUEUES)}}
    log_dir = tmp_path / "worker-logs"
    log_dir.mkdir(exist_ok=True)
    workers = TaskWorkers(backend, log_dir)
    yield workers
    workers.close()
