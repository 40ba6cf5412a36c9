"""Settings come from the environment with embedded defaults; these run Django in a fresh process to see them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'tasks': s.TASKS['default']['BACKEND'], "
    "'haystack': s.HAYSTACK_CONNECTIONS['default']['ENGINE'], 'media': str(s.MEDIA_ROOT), "
    "'private': str(s.PRIVATE_MEDIA_ROOT)}))"
)


def run_django(code_or_args, **env):
    inherited = {"DATABASE_URL", "REDIS_URL", "TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE", "ARCHIVE_SEARCH_ENGINE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", **env})
    clean = {k: v for k, v in clean.items() if v is not None}  # None unsets a variable
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_embedded_default_is_sqlite_whoosh_local_files_and_database_worker(tmp_path):
    result = run_django(PRINT_SETTINGS, ARCHIVE_VAR_DIR=str(tmp_path))
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["haystack"] == "search.whoosh_backend.MultilingualWhooshEngine"
    assert values["media"] == str(tmp_path / "media") and values["private"] == str(tmp_path / "private")


def test_database_url_and_redis_url_move_to_postgresql_and_rq():
    result = run_django(
        PRINT_SETTINGS, DATABASE_URL="postgres://archive@db.internal/archive", REDIS_URL="redis://queue:6379/0"
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["tasks"] == "django_tasks_rq.RQBackend"


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qp9" * 10,
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
}


def test_deploy_check_is_clean_with_production_variables(tmp_path):
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION,
                        ARCHIVE_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_while_the_demo_curator_keeps_its_public_password(tmp_path):
    """A database that ran the demo and then moved to production settings."""
    env = {**PRODUCTION, "ARCHIVE_VAR_DIR": str(tmp_path)}
    assert run_django(["manage.py", "migrate", "--noinput", "-v", "0"], **env).returncode == 0
    make_curator = ("import django; django.setup(); from django.contrib.auth import get_user_model; "
                    "get_user_model().objects.create_superuser('demo-curator', password='demo-curator')")
    assert run_django(make_curator, **env).returncode == 0
    result = run_django(["manage.py", "check", "--deploy"], **env)
    assert result.returncode != 0 and "config.E002" in result.stderr

    change = ("import django; django.setup(); from django.contrib.auth import get_user_model; "
              "u = get_user_model().objects.get(username='demo-curator'); u.set_password('x8#long-and-private'); "
              "u.save()")
    assert run_django(change, **env).returncode == 0
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_on_the_built_in_secret_key():
    result = run_django(["manage.py", "check", "--deploy"], DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "config.E001" in result.stderr and "built-in development key, which is public" in result.stderr


def test_deploy_check_fails_when_production_is_given_the_built_in_secret_key():
    from config.settings.base import EMBEDDED_SECRET_KEY

    result = run_django(["manage.py", "check", "--deploy"], **{**PRODUCTION, "DJANGO_SECRET_KEY": EMBEDDED_SECRET_KEY})
    assert result.returncode != 0 and "config.E001" in result.stderr


PRINT_SETTINGS_MODULE = "from django.conf import settings; print(settings.SETTINGS_MODULE)"


def test_the_web_server_entry_points_default_to_production_settings():
    for entry_point in ("config.wsgi", "config.asgi"):
        result = run_django(f"import {entry_point}; {PRINT_SETTINGS_MODULE}",
                            **{**PRODUCTION, "DJANGO_SETTINGS_MODULE": None})
        assert result.stdout.strip() == "config.settings.production", result.stderr

        result = run_django(f"import {entry_point}", DJANGO_SETTINGS_MODULE=None, DJANGO_SECRET_KEY=None)
        assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_manage_py_keeps_the_embedded_default(tmp_path):
    result = run_django(["manage.py", "shell", "--no-imports", "-v", "0", "-c", PRINT_SETTINGS_MODULE],
                        DJANGO_SETTINGS_MODULE=None, ARCHIVE_VAR_DIR=str(tmp_path))
    assert result.stdout.strip() == "config.settings.base", result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(["manage.py", "check"], DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_migrate_on_a_fresh_checkout_creates_the_folder_of_the_embedded_database(tmp_path):
    var = tmp_path / "checkout" / "var"
    result = run_django(["manage.py", "migrate", "--noinput"], ARCHIVE_VAR_DIR=str(var))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (var / "archive.sqlite3").stat().st_size > 0


PRINT_CONNECTIONS = (
    "import django, json; django.setup(); from django.conf import settings as s; d = s.DATABASES['default']; "
    "print(json.dumps({'max_age': d['CONN_MAX_AGE'], 'health_checks': d['CONN_HEALTH_CHECKS'], "
    "'rq_timeouts': {q: c['DEFAULT_TIMEOUT'] for q, c in getattr(s, 'RQ_QUEUES', {}).items()}}))"
)


def test_postgresql_connections_are_kept_and_checked_and_rq_leaves_media_jobs_to_the_archives_limit():
    result = run_django(PRINT_CONNECTIONS, DATABASE_URL="postgres://archive@db.internal/archive",
                        REDIS_URL="redis://queue:6379/0")
    values = json.loads(result.stdout)
    assert values["max_age"] == 60 and values["health_checks"] is True
    # RQ would kill a long film's job at its hour; the archive stops media jobs at their own limit instead.
    assert values["rq_timeouts"] == {"default": 3600, "media": -1, "search": 3600}

    result = run_django(PRINT_CONNECTIONS, DATABASE_URL="postgres://archive@db.internal/archive",
                        DATABASE_CONN_MAX_AGE="0")
    assert json.loads(result.stdout)["max_age"] == 0, "DATABASE_CONN_MAX_AGE=0 closes a connection after use"


def test_sqlite_opens_a_connection_per_request(tmp_path):
    result = run_django(PRINT_CONNECTIONS, ARCHIVE_VAR_DIR=str(tmp_path))
    values = json.loads(result.stdout)
    assert values == {"max_age": 0, "health_checks": False, "rq_timeouts": {}}


PRINT_SEARCH = ("import django, json; django.setup(); from django.conf import settings as s; "
                "print(json.dumps(s.HAYSTACK_CONNECTIONS['default']))")


def test_archive_search_engine_moves_search_to_xapian_in_var(tmp_path):
    result = run_django(PRINT_SEARCH, ARCHIVE_VAR_DIR=str(tmp_path), ARCHIVE_SEARCH_ENGINE="xapian")
    assert json.loads(result.stdout) == {"ENGINE": "search.xapian_engine.ArchiveXapianEngine",
                                         "PATH": str(tmp_path / "xapian")}


def test_an_unknown_search_engine_is_refused_by_name(tmp_path):
    result = run_django(PRINT_SEARCH, ARCHIVE_VAR_DIR=str(tmp_path), ARCHIVE_SEARCH_ENGINE="elasticsearch")
    assert result.returncode != 0
    assert "ARCHIVE_SEARCH_ENGINE must be one of whoosh, xapian, not 'elasticsearch'" in result.stderr


def test_haystack_url_moves_search_to_an_elasticsearch_cluster_with_the_archives_mapping(tmp_path):
    result = run_django(PRINT_SEARCH, ARCHIVE_VAR_DIR=str(tmp_path), HAYSTACK_URL="http://search.internal:9200/")
    assert json.loads(result.stdout) == {"ENGINE": "search.elasticsearch_engine.ArchiveElasticsearchEngine",
                                         "URL": "http://search.internal:9200/", "INDEX_NAME": "archive"}
