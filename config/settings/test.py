"""Settings for the test suite: the base settings with tasks run in-process and fast password hashing.

Tests about the workers switch TASKS to a real worker backend themselves (see tests/workers.py).
DATABASE_URL and REDIS_URL still come from the environment, so CI runs the same suite on PostgreSQL and RQ.
"""

import os
import tempfile

from .base import *  # noqa: F403
from .base import _TASK_BACKENDS, DATABASES, TASK_QUEUES

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Real worker processes started by tests/workers.py run these same settings, told by the environment which task
# backend to use and which (test) database and folders the test that started them is using.
if os.environ.get("ARCHIVE_TEST_TASKS_BACKEND"):
    TASKS = {"default": {"BACKEND": _TASK_BACKENDS[os.environ["ARCHIVE_TEST_TASKS_BACKEND"]], "QUEUES": TASK_QUEUES}}
if os.environ.get("ARCHIVE_TEST_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["ARCHIVE_TEST_DATABASE_NAME"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite test database is a file (in memory where /dev/shm exists) so a worker process can open it too.
    _shm = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_shm, f"archive-test-{os.getpid()}.sqlite3")}
