"""System checks for a deployment, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register

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
