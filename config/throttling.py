"""The address that failed sign-ins are counted against (django-axes' AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_ip(request):
    """The visitor's address: from the header the reverse proxy sets when ARCHIVE_CLIENT_IP_HEADER names one,
    otherwise the address the request came from. Only a header the proxy overwrites can be trusted."""
    header = settings.ARCHIVE_CLIENT_IP_HEADER
    return (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")
