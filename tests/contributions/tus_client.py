"""Speaking tus to the live test server as a signed-in contributor's browser would: its session cookie and the
CSRF token in a header."""

import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

CSRF_TOKEN = "k" * 32


def browser_headers(user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}",
            "X-CSRFToken": CSRF_TOKEN}


def patch_then_cut(url, headers, *, offset, data, declared):
    """A PATCH that promises `declared` bytes, sends `data` (fewer) and then the connection breaks: the client
    shuts its side and reads what the server answers about the bytes it kept."""
    parts = urlsplit(url)
    lines = [f"PATCH {parts.path} HTTP/1.1", f"Host: {parts.netloc}", "Tus-Resumable: 1.0.0",
             "Content-Type: application/offset+octet-stream", f"Upload-Offset: {offset}",
             f"Content-Length: {declared}", *[f"{name}: {value}" for name, value in headers.items()], "", ""]
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as connection:
        connection.sendall("\r\n".join(lines).encode() + data)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.decode("latin-1")
