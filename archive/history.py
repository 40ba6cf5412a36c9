"""Every change to a catalogue record is kept: who changed which field, when, and the value before.

Tracked models remember their field values as loaded from the database, and on save write one ChangeRecord per
field that differs. Who acted comes from `acting_as` (the admin's middleware, the import command, the shell).
Relations edited as lists (places, subjects, tags, languages) are recorded with `record_relation_change`.
"""

import contextvars
from contextlib import contextmanager

from django.apps import apps
from django.db import models

_actor = contextvars.ContextVar("archive_actor", default=(None, "shell"))


@contextmanager
def acting_as(user, source):
    token = _actor.set((user if user is not None and user.is_authenticated else None, source))
    try:
        yield
    finally:
        _actor.reset(token)


class ActorMiddleware:
    """Records changes made through the web (the admin) as made by the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None), "web"):
            return self.get_response(request)


def _as_text(value):
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _write(instance, action, changes):
    user, source = _actor.get()
    ChangeRecord = apps.get_model("archive", "ChangeRecord")
    ChangeRecord.objects.bulk_create(
        ChangeRecord(
            model=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            action=action,
            field=field,
            old_value=_as_text(old),
            new_value=_as_text(new),
            user=user,
            source=source,
        )
        for field, old, new in changes
    )


def record_relation_change(instance, field, old_values, new_values):
    """Record a change to a list-like relation, given the sorted display values before and after."""
    old, new = "; ".join(sorted(map(str, old_values))), "; ".join(sorted(map(str, new_values)))
    if old != new:
        _write(instance, "update", [(field, old, new)])


class TrackedModel(models.Model):
    tracked_fields = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = {name: getattr(instance, name) for name in cls.tracked_fields
                                   if name in instance.__dict__}
        return instance

    def save(self, *args, **kwargs):
        creating = self._state.adding
        super().save(*args, **kwargs)
        current = {name: getattr(self, name) for name in self.tracked_fields}
        if creating:
            _write(self, "create", [("", None, None)])
        else:
            loaded = getattr(self, "_loaded_values", {})
            changes = [(name, loaded[name], value) for name, value in current.items()
                       if name in loaded and loaded[name] != value]
            if changes:
                _write(self, "update", changes)
        self._loaded_values = current

    def delete(self, *args, **kwargs):
        pk = self.pk
        result = super().delete(*args, **kwargs)
        self.pk = pk
        _write(self, "delete", [("", None, None)])
        self.pk = None
        return result
