"""System checks for a deployment, run by `manage.py check --deploy`."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from config.settings.base import EMBEDDED_SECRET_KEY


@register(Tags.security, deploy=True)
def secret_key_is_not_the_embedded_one(app_configs, **kwargs):
    """The embedded default's key is published with the code: anyone could sign sessions and reset tokens."""
    if EMBEDDED_SECRET_KEY not in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        return []
    return [Error(
        "SECRET_KEY is the archive's built-in development key, which is public.",
        hint="Set DJANGO_SECRET_KEY to a long random value, for example the output of "
             "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`, and keep it out of the repository.",
        id="config.E001",
    )]


@register(Tags.security, deploy=True)
def demo_curator_is_gone(app_configs, **kwargs):
    """A database that once ran the demo keeps its superuser, whose password is public, until someone deletes it."""
    try:
        curator = get_user_model().objects.filter(username=settings.ARCHIVE_DEMO_CURATOR, is_active=True).first()
    except DatabaseError:  # no database yet, or not migrated: no account either
        return []
    if curator is None or not curator.check_password(settings.ARCHIVE_DEMO_CURATOR):
        return []
    return [Error(
        f"The demo superuser {settings.ARCHIVE_DEMO_CURATOR} exists with its public password.",
        hint=f"Delete the account (manage.py shell -c \"from django.contrib.auth import get_user_model; "
             f"get_user_model().objects.filter(username='{settings.ARCHIVE_DEMO_CURATOR}').delete()\") "
             f"or give it a new password with manage.py changepassword {settings.ARCHIVE_DEMO_CURATOR}.",
        id="config.E002",
    )]
