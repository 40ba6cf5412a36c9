"""Finding the kit a kit address names, for every kit surface (page, slideshow, handout, pack).

A published kit of the archive is addressed by its slug; a teacher's private kit by its share link's key, which
its teacher hands to whoever should see it. People the admin lets view kits (`lessons.view_kit`) also open
drafts by slug, to preview them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from archive.access import may_view

from .models import Kit


def find_kit(request, *, slug=None, token=None) -> Kit:
    key = token if token is not None else slug
    if len(key) > 200 or "\x00" in key:  # names no kit; PostgreSQL refuses a NUL byte in any query
        raise Http404
    if token is not None:
        return get_object_or_404(Kit, share_token=token)
    kits = Kit.objects.filter(owner__isnull=True)
    if not may_view(request.user, "lessons.kit"):
        kits = kits.public()
    kit = kits.filter(slug=slug).first()
    if kit is None:
        raise Http404
    return kit


def kit_url(kit: Kit, surface: str = "kit") -> str:
    """The address of one surface of `kit` ("kit", "slides", "handout", "handout_pdf", "pack")."""
    if kit.owner_id is not None:
        return reverse(f"lessons:shared_{surface}", kwargs={"token": kit.share_token})
    return reverse(f"lessons:{surface}", kwargs={"slug": kit.slug})
