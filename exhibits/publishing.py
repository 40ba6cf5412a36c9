"""Publishing an exhibit: the one workflow with a side effect beyond a field (its date), kept out of save()."""

from django.utils import timezone

from .models import Exhibit


def exhibit_publish(*, exhibit, at=None):
    """Publish `exhibit` at `at` (now by default; a future time schedules it). Returns the exhibit."""
    exhibit.status = Exhibit.Status.PUBLISHED
    exhibit.published_at = at or timezone.now()
    exhibit.save(update_fields=["status", "published_at", "updated_at"])
    return exhibit


def exhibit_unpublish(*, exhibit):
    exhibit.status = Exhibit.Status.DRAFT
    exhibit.save(update_fields=["status", "updated_at"])
    return exhibit
