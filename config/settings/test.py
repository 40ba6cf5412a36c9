"""Settings for the test suite: the base settings with tasks run in-process and fast password hashing.

Tests about the workers switch TASKS to a real worker backend themselves (see tests/workers.py).
DATABASE_URL and REDIS_URL still come from the environment, so CI runs the same suite on PostgreSQL and RQ.
"""

from .base import *  # noqa: F403
from .base import TASK_QUEUES

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
