"""The address that failed sign-ins are counted against (django-axes' AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_ip(request):
    """The visitor's address: from the header the reverse proxy sets when ARCHIVE_CLIENT_IP_HEADER names one,
    otherwise the address the request came from. Only a header the proxy overwrites can be trusted."""
    header = settings.ARCHIVE_CLIENT_IP_HEADER
    return (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")


def client_username(request, credentials=None):
    """The name a failed sign-in is counted against: what the admin's form calls "username" and the contributors'
    form (django-allauth) calls "login", or the email address allauth tried when the login looked like one."""
    credentials = credentials or {}
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return (credentials.get("username") or credentials.get("email") or data.get("login")
            or data.get("username"))
