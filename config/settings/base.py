"""Settings for the archive.

Every setting reads the environment and falls back to the embedded default: SQLite, a Whoosh index, local
files and the database task worker, all under var/. Integrations switch on only when their variables exist.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from archive import languages as archive_languages
from archive import storage_settings as archive_storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ARCHIVE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# The fallback key is public (it is in this file): fine on a laptop, refused by `check --deploy` (config/checks.py).
EMBEDDED_SECRET_KEY = "embedded-default-insecure-key-set-DJANGO_SECRET_KEY"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", EMBEDDED_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "haystack",
    "django_tasks",
    "config.apps.BackgroundTasksConfig",  # django_tasks_db, named in the curator's language
    "config.apps.SignInAttemptsConfig",  # axes, named in the curator's language
    "csp",
    "config.apps.DeploymentConfig",
    "rest_framework",
    "drf_spectacular",
    "archive",
    "media_pipeline",
    "exhibits",
    "oral_histories",
    "search",
    "interop",
    "demo",
    # Contributor accounts: django-allauth's local accounts only (no social sign-in), and the contributions app.
    "allauth",
    "allauth.account",
    "contributions",
    "lessons",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "exhibits.language_choice.PreferredLanguageMiddleware",
    "archive.admin_language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "archive.history.ActorMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL at scale).
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'archive.sqlite3'}")}
# PostgreSQL connections are kept open between requests and tasks (DATABASE_CONN_MAX_AGE seconds) and checked before
# reuse, so a restarted database server costs no failed request; a SQLite file costs nothing to open.
_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60" if _POSTGRESQL else "0"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = _POSTGRESQL
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web server and task worker share the file: wait for the other's write instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    # SQLite creates the file but not its folder: make var/ here, so a fresh checkout migrates whatever runs first.
    if DATABASES["default"]["NAME"] and DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work goes through the django_tasks API only. TASKS_BACKEND picks the backend:
# "database" (embedded default, run `manage.py db_worker`), "rq" (needs REDIS_URL, run `manage.py rqworker`),
# or "immediate" (runs in the request; tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "rq" if REDIS_URL else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASK_QUEUES = ["default", "media", "search"]
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": TASK_QUEUES}}
# A media job may run MEDIA_JOB_BASE_MINUTES plus MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE for each minute of its film or
# recording; the archive stops it there on every backend (media_pipeline/jobs.py), so RQ never times out the media
# queue (-1) and a long film is not killed at RQ's hour.
MEDIA_JOB_BASE_MINUTES = float(os.environ.get("ARCHIVE_MEDIA_JOB_BASE_MINUTES", "30"))
MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE = float(os.environ.get("ARCHIVE_MEDIA_JOB_MINUTES_PER_SOURCE_MINUTE", "10"))
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {queue: {"URL": REDIS_URL or "redis://127.0.0.1:6379/0",
                         "DEFAULT_TIMEOUT": -1 if queue == "media" else 3600} for queue in TASK_QUEUES}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages of the interface and of catalogue text. English at /, the others under their prefix.
# They are listed once, in archive/languages.py; Django learns the name of any it does not know (Lao) from there.
LANGUAGE_CODE = "en"
LANGUAGES = [(language.code, language.name) for language in archive_languages.LANGUAGES]
for language in archive_languages.LANGUAGES:
    LANG_INFO.setdefault(language.code, {"bidi": False, "code": language.code, "name": language.english_name,
                                         "name_local": language.own_name})
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("ARCHIVE_TIME_ZONE", "Asia/Bangkok")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))

# Files. Derivatives for the public site live under MEDIA_ROOT and are still served through the access-checking
# media view; originals, consent evidence and everything staff-only live in PRIVATE_MEDIA_ROOT, never served.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ARCHIVE_MEDIA_ROOT", VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("ARCHIVE_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Largest accepted upload, in bytes (default 8 GiB: feature films from phones are large).
ARCHIVE_MAX_UPLOAD_BYTES = int(os.environ.get("ARCHIVE_MAX_UPLOAD_BYTES", str(8 * 1024**3)))
# Largest offline pack of a lesson kit (a zip of its sources' small renditions) made in one download: 500 MB.
ARCHIVE_PACK_MAX_BYTES = int(os.environ.get("ARCHIVE_PACK_MAX_BYTES", str(500 * 1024**2)))
# In production nginx sends the bytes: set to the internal location prefix, e.g. "/protected/".
ARCHIVE_ACCEL_REDIRECT_PREFIX = os.environ.get("ARCHIVE_ACCEL_REDIRECT_PREFIX", "")
FILE_UPLOAD_TEMP_DIR = None
# Where those files are kept: the "default" storage holds the public derivatives, "private" the originals, consent
# evidence and spreadsheet uploads (it has no URL). Local folders unless ARCHIVE_S3_BUCKET names a bucket on an
# S3-compatible object store (docs/deploy.md, "Object storage"): then both live there, the private ones in
# ARCHIVE_S3_PRIVATE_BUCKET (or under private/ in the same bucket), and the media view answers with presigned
# addresses that expire after ARCHIVE_S3_URL_SECONDS.
ARCHIVE_S3_BUCKET = os.environ.get("ARCHIVE_S3_BUCKET", "")
ARCHIVE_S3_URL_SECONDS = int(os.environ.get("ARCHIVE_S3_URL_SECONDS", "600"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "archive.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if ARCHIVE_S3_BUCKET:
    STORAGES.update(archive_storage_settings.s3_storages(
        endpoint_url=os.environ.get("ARCHIVE_S3_ENDPOINT_URL", ""), bucket=ARCHIVE_S3_BUCKET,
        private_bucket=os.environ.get("ARCHIVE_S3_PRIVATE_BUCKET", ""),
        access_key=os.environ.get("ARCHIVE_S3_ACCESS_KEY", ""), secret_key=os.environ.get("ARCHIVE_S3_SECRET_KEY", ""),
        region=os.environ.get("ARCHIVE_S3_REGION", ""), prefix=os.environ.get("ARCHIVE_S3_PREFIX", ""),
        url_seconds=ARCHIVE_S3_URL_SECONDS))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Search: ARCHIVE_SEARCH_ENGINE picks the engine. "whoosh" (the embedded default, var/whoosh) or "xapian" (faster
# on one machine, var/xapian). HAYSTACK_URL points haystack at an Elasticsearch/OpenSearch cluster instead (see
# docs/search.md: configured and documented, but no server runs in CI, so untested). Text reaches every engine
# already segmented into words (search/analysis.py).
ARCHIVE_SEARCH_ENGINE = os.environ.get("ARCHIVE_SEARCH_ENGINE", "whoosh")
SEARCH_ENGINES = {
    "whoosh": "search.whoosh_backend.MultilingualWhooshEngine",
    "xapian": "search.xapian_engine.ArchiveXapianEngine",
}
if ARCHIVE_SEARCH_ENGINE not in SEARCH_ENGINES:
    raise ImproperlyConfigured(f"ARCHIVE_SEARCH_ENGINE must be one of {', '.join(SEARCH_ENGINES)}, "
                               f"not {ARCHIVE_SEARCH_ENGINE!r}")
WHOOSH_PATH = Path(os.environ.get("ARCHIVE_WHOOSH_PATH", VAR_DIR / "whoosh"))
XAPIAN_PATH = Path(os.environ.get("ARCHIVE_XAPIAN_PATH", VAR_DIR / "xapian"))
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": SEARCH_ENGINES[ARCHIVE_SEARCH_ENGINE],
        "PATH": str(XAPIAN_PATH if ARCHIVE_SEARCH_ENGINE == "xapian" else WHOOSH_PATH),
    }
}
if os.environ.get("HAYSTACK_URL"):
    HAYSTACK_CONNECTIONS["default"] = {
        "ENGINE": os.environ.get(
            "HAYSTACK_ENGINE", "search.elasticsearch_engine.ArchiveElasticsearchEngine"
        ),
        "URL": os.environ["HAYSTACK_URL"],
        "INDEX_NAME": os.environ.get("HAYSTACK_INDEX_NAME", "archive"),
    }
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# No haystack signal processor: search.upkeep keeps the index in step, one task per transaction, from what each
# app's search_indexes.py declares.
# Haystack's {% highlight %} tag marks words with the same segmentation as the index.
HAYSTACK_CUSTOM_HIGHLIGHTER = "search.analysis.MultilingualHighlighter"

LOGIN_URL = "admin:login"

# Failed sign-ins are throttled by django-axes, on every login form that uses Django's authentication: after
# AXES_FAILURE_LIMIT failures for one username from one address, that pair is refused for the cool-off time
# (each further try restarts it). `manage.py axes_reset_username NAME` lifts a lockout early; see docs/deploy.md.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend",
                           "allauth.account.auth_backends.AuthenticationBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("ARCHIVE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ARCHIVE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Behind a proxy every request comes from the proxy's address: name the header it sets to the visitor's own
# address (nginx: `proxy_set_header X-Real-IP $remote_addr;` and ARCHIVE_CLIENT_IP_HEADER=HTTP_X_REAL_IP).
ARCHIVE_CLIENT_IP_HEADER = os.environ.get("ARCHIVE_CLIENT_IP_HEADER", "")
AXES_CLIENT_IP_CALLABLE = "config.throttling.client_ip"
# The admin's form sends "username", the contributors' sign-in form (allauth) "login": axes counts either.
AXES_USERNAME_CALLABLE = "config.throttling.client_username"

# Contributor accounts (django-allauth, docs/contributions.md). A username and password are enough to sign up;
# an email address is optional and, when given, is verified before the archive writes to it. Sign-in by username
# or email. allauth's rate limits stay on (sign-ups, reset emails...), except its count of failed sign-ins:
# django-axes above throttles those, with the same lockout page and `axes_reset_username` as for the admin.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_USERNAME_VALIDATORS = "contributions.accounts.USERNAME_VALIDATORS"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "contributions.accounts.ContributorAccountAdapter"
ACCOUNT_FORMS = {"signup": "contributions.accounts.ContributorSignupForm",
                 "login": "contributions.accounts.ContributorLoginForm",
                 "reset_password": "contributions.accounts.ContributorResetPasswordForm",
                 "reset_password_from_key": "contributions.accounts.ContributorResetPasswordKeyForm"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
LOGIN_REDIRECT_URL = "my_uploads"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "archive@localhost")
# The public address of the site, for links in emails to contributors.
ARCHIVE_SITE_URL = os.environ.get("ARCHIVE_SITE_URL", "http://localhost:8000")
# An invitation link (made by a curator in the admin) works once, until it expires.
ARCHIVE_INVITATION_DAYS = int(os.environ.get("ARCHIVE_INVITATION_DAYS", "14"))
# Contributions' resumable (tus) uploads: the largest file, each account's total, new uploads an account may
# start per hour, and how long rejected or abandoned uploads are kept before `purge_contributions` removes them.
ARCHIVE_CONTRIBUTION_MAX_BYTES = int(os.environ.get("ARCHIVE_CONTRIBUTION_MAX_BYTES", str(4 * 1024**3)))
ARCHIVE_CONTRIBUTOR_QUOTA_BYTES = int(os.environ.get("ARCHIVE_CONTRIBUTOR_QUOTA_BYTES", str(20 * 1024**3)))
ARCHIVE_UPLOADS_PER_HOUR = int(os.environ.get("ARCHIVE_UPLOADS_PER_HOUR", "20"))
ARCHIVE_CONTRIBUTION_RETENTION_DAYS = int(os.environ.get("ARCHIVE_CONTRIBUTION_RETENTION_DAYS", "30"))
# The contribution page sends a file in requests of this many bytes; each is a point an upload can resume from.
ARCHIVE_TUS_CHUNK_BYTES = int(os.environ.get("ARCHIVE_TUS_CHUNK_BYTES", str(4 * 1024**2)))
# Without JavaScript the contribution form takes a file in the request itself, up to this size.
ARCHIVE_PLAIN_UPLOAD_MAX_BYTES = int(os.environ.get("ARCHIVE_PLAIN_UPLOAD_MAX_BYTES", str(100 * 1024**2)))

# `manage.py load_demo` (run by `make run`) adds sample records and a demo superuser; production turns it off.
ARCHIVE_DEMO_CONTENT = True
# The demo's superuser; its password is the same word, so `check --deploy` fails while it exists (config.E002).
ARCHIVE_DEMO_CURATOR = "demo-curator"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes announces itself at the start of every command; its warnings about failed sign-ins still show.
    "loggers": {"axes.apps": {"level": "WARNING"}},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp). Pages load scripts, styles, fonts, images and media from
# this site only, and nothing inline: no inline script, no event handler attribute, no style element or attribute.
# Django's admin keeps to that too, as long as no ModelAdmin turns off both actions_on_top and actions_on_bottom
# (its change list then writes an inline style). A page that loads static/js/hls-player.js will need "blob:" in
# media-src, for the stream it builds. tests/test_security_headers.py and tests/e2e/test_csp.py check the policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    },
}
if ARCHIVE_S3_BUCKET:
    # Derivatives on object storage reach the browser from the bucket's own address (presigned).
    _bucket_origin = archive_storage_settings.s3_origin(endpoint_url=os.environ.get("ARCHIVE_S3_ENDPOINT_URL", ""),
                                                        bucket=ARCHIVE_S3_BUCKET,
                                                        region=os.environ.get("ARCHIVE_S3_REGION", ""))
    for _directive in ("img-src", "media-src", "connect-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] = [SELF, _bucket_origin]

# The read-only JSON API at /api/ (docs/api.md). Public records only, so no sign-in: every client is anonymous
# and throttled per address in the default cache (per process unless CACHES names a shared one). Behind nginx,
# API_TRUSTED_PROXIES=1 makes the address the one nginx puts in X-Forwarded-For.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "interop.api.pagination.PagePagination",
    "DEFAULT_THROTTLE_CLASSES": ["interop.api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anonymous": os.environ.get("API_ANONYMOUS_RATE", "120/minute")},
    "NUM_PROXIES": int(os.environ.get("API_TRUSTED_PROXIES", "0")),
    "DEFAULT_SCHEMA_CLASS": "interop.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "interop.api.errors.api_exception_handler",
    "UNICODE_JSON": True,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Migrant Labour History Archive API",
    "DESCRIPTION": "Read-only access to the archive's public items, exhibits, collections, places and subjects, "
                   "and its search. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "interop.api.schema.add_error_responses"],
}
