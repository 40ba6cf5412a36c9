"""Every change curators make to the catalogue is kept: who changed which field of which record, when, and the value
before.

A model joins the history with `track()`, declared beside it in its app's models.py. From then on Django's own
signals record its changes, whatever made them (the admin, the import, a management command, the shell):

- a save writes one ChangeRecord per field that differs from the row in the database, a first save a "created"
  record and a delete a "deleted" one;
- lists edited as many-to-many relations (an item's places, subjects, tags and languages; a segment's places) are
  recorded as the whole list before and after; replacing a list (`set()`, the admin's form) is one record;
- parts edited only inside their owner (an item's people and roles, its files, a block's items, a transcript's
  lines) are recorded on the owner, so its history page tells the whole story;
- `QuerySet.update()` on a tracked model's queryset (`RecordedQuerySet`) records each row it changed and sends
  `archive.signals.records_updated`;
- rows inserted in bulk (`bulk_create` sends no signals) get the records a save would have written from
  `history_of_inserted` and `history_of_filled_list`, written together by `history_write` (the spreadsheet
  import's new items).

Who acted comes from `acting_as`: the signed-in user for the web (ActorMiddleware) and the admin, the importing
user for a spreadsheet import, nobody for the shell.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import connections, models, router
from django.db.models import signals
from django.utils import timezone

from .bulk_insert import rows_insert
from .signals import records_updated

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


@dataclass(frozen=True)
class Tracking:
    fields: tuple  # the model's tracked concrete fields
    relations: dict  # its many-to-many relations recorded as lists: name -> how a member is named
    part_of: str = ""  # the foreign key to the record whose history holds this one's changes
    as_field: str = ""  # the name the owner's history gives this kind of part


_tracked = {}
_relations = {}  # (through model, tracked model) -> relation name


def track(model, *, exclude=(), fields=None, relations=None, part_of="", as_field=""):
    """Keep the history of `model`: its editable fields (or just `fields`), minus `exclude`, and the
    many-to-many `relations` ({name: the attribute or method naming a member, as the spreadsheet does}). With
    `part_of`, changes are recorded on the record that foreign key points to, under the name `as_field`."""
    chosen = [field for field in model._meta.concrete_fields
              if not field.primary_key and field.editable and not getattr(field, "auto_now", False)
              and not getattr(field, "auto_now_add", False) and field.name not in exclude
              and (fields is None or field.name in fields) and field.name != part_of]
    _tracked[model] = Tracking(tuple(chosen), dict(relations or {}), part_of, as_field)
    uid = f"archive.history.{model._meta.label_lower}"
    signals.pre_save.connect(_remember, sender=model, dispatch_uid=uid)
    signals.post_save.connect(_saved, sender=model, dispatch_uid=uid)
    signals.post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for name in relations or ():
        through = getattr(model, name).through
        _relations[(through, model)] = name
        signals.m2m_changed.connect(_relation_changed, sender=through, dispatch_uid=f"{uid}.{name}")
    return model


def recorded_on(instance):
    """The record whose history holds `instance`'s changes: itself, or for a part its owner."""
    return _owner(instance)[0] if type(instance) in _tracked else instance


def part_models(model):
    """{name in the owner's history: the part model} for the parts recorded on `model`."""
    return {tracking.as_field: part for part, tracking in _tracked.items()
            if tracking.part_of and part._meta.get_field(tracking.part_of).related_model is model}


# --- writing ------------------------------------------------------------------------------------------------

def _as_text(value):
    if value is None:
        return None
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _field_text(field, raw):
    """A field's value as the history keeps it; a foreign key is kept as the record's name."""
    if raw is None or raw == "":
        return None if raw is None else ""
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=raw).first()
        return str(related) if related is not None else str(raw)
    return _as_text(raw)


def _owner(instance):
    """(the record whose history holds the change, the name the change goes under, the part's name): for a part
    of a part (an item in an exhibit's block) the top record, "blocks.items" and "3. Text › Working lives"."""
    tracking = _tracked[type(instance)]
    if not tracking.part_of:
        return instance, "", ""
    return _owner_of(instance, tracking, getattr(instance, tracking.part_of))


def _owner_of(instance, tracking, parent):
    top, field, label = _owner(parent)
    field = f"{field}.{tracking.as_field}" if field else tracking.as_field
    label = f"{label} › {instance}" if label else str(instance)
    return top, field, label[:300]


def _part_of_quiet(owner):
    return (owner._meta.label_lower, owner.pk) in _quiet.get()


# A ChangeRecord's columns, in the order _rows gives their values.
COLUMNS = ("model", "object_id", "object_repr", "action", "field", "part", "old_value", "new_value", "user_id",
           "source", "at")


def _rows(instance, action, changes, *, part=""):
    """The values of the ChangeRecords for `changes` of `instance`, one tuple per change (COLUMNS)."""
    user, source = _actor.get()
    model, object_id, text, at = instance._meta.label_lower, str(instance.pk), str(instance)[:300], timezone.now()
    user_id = user.pk if user else None
    return [(model, object_id, text, action, name, part, old, new, user_id, source, at) for name, old, new in changes]


def _write(instance, action, changes, *, part=""):
    ChangeRecord = apps.get_model("archive", "ChangeRecord")
    return ChangeRecord.objects.bulk_create(
        ChangeRecord(**dict(zip(COLUMNS, row, strict=True))) for row in _rows(instance, action, changes, part=part))


_quiet = contextvars.ContextVar("archive_history_quiet", default=frozenset())


@contextmanager
def parts_replaced(owner, as_field, describe):
    """Record the replacement of all of `owner`'s parts `as_field` (a transcript's lines from a file) as one
    change, `describe(owner)` before and after, instead of one per part."""
    before = describe(owner)
    token = _quiet.set(_quiet.get() | {(owner._meta.label_lower, owner.pk)})
    try:
        yield
    finally:
        _quiet.reset(token)
    after = describe(owner)
    if before != after:
        _write(owner, "update", [(as_field, before, after)])


# --- saves and deletes --------------------------------------------------------------------------------------

def _stored_values(model, pk, using, fields):
    return model._base_manager.using(using).filter(pk=pk).values(*[f.attname for f in fields]).first()


def _remember(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        instance._history_before = None
        return
    instance._history_before = _stored_values(sender, instance.pk, using, _tracked[sender].fields)


def _changes(fields, before, instance, update_fields=None, *, prefix=""):
    """(field, old text, new text) for each field that differs; a part's fields are named `<prefix>.<field>`
    (agents.role)."""
    prefix = f"{prefix}." if prefix else ""
    for field in fields:
        if update_fields is not None and field.name not in update_fields and field.attname not in update_fields:
            continue
        old, new = before[field.attname], getattr(instance, field.attname)
        try:
            new = field.to_python(new) if new is not None else None
        except Exception:  # a value the database accepted but to_python does not: compare as stored
            pass
        if old != new and _as_text(old) != _as_text(new):
            yield prefix + field.name, _field_text(field, old), _field_text(field, new)


def _saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    before = getattr(instance, "_history_before", None)
    instance._history_before = None
    owner, as_field, part = _owner(instance)
    if part and _part_of_quiet(owner):
        return
    if created or before is None:
        if part:
            _write(owner, "update", [(as_field, None, str(instance))], part=part)
        else:
            _write(instance, "create", [("", None, None)])
        return
    changes = list(_changes(_tracked[sender].fields, before, instance, update_fields, prefix=as_field))
    if changes:
        _write(owner, "update", changes, part=part)


def _deleted(sender, instance, **kwargs):
    tracking = _tracked[sender]
    if tracking.part_of:
        parent_model = sender._meta.get_field(tracking.part_of).related_model
        parent_id = getattr(instance, f"{tracking.part_of}_id")
        if (parent_model._meta.label_lower, parent_id) in _quiet.get():
            return
        parent = parent_model._base_manager.filter(pk=parent_id).first()
        if parent is not None:  # else the part went with its owner, whose deletion is recorded
            owner, as_field, part = _owner_of(instance, tracking, parent)
            if not _part_of_quiet(owner):
                _write(owner, "update", [(as_field, str(instance), None)], part=part)
        return
    _write(instance, "delete", [("", None, None)])


# --- lists --------------------------------------------------------------------------------------------------

def _list_text(instance, name):
    getattr(instance, "_prefetched_objects_cache", {}).pop(name, None)
    return _members_text(type(instance), name, getattr(instance, name).all())


def _members_text(model, name, members):
    naming = _tracked[model].relations[name]
    values = (getattr(member, naming) for member in members)
    return "; ".join(sorted(str(value() if callable(value) else value) for value in values))


def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if reverse:
        tracked_model, targets = model, None
    else:
        tracked_model, targets = type(instance), [instance]
    name = _relations.get((sender, tracked_model))
    if name is None:
        return
    if reverse:
        if action == "pre_clear":
            pk_set = set(getattr(instance, _reverse_accessor(tracked_model, name)).values_list("pk", flat=True))
            instance._history_cleared = pk_set
        elif action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", set())
        # The same objects before and after, so each remembers its list in between.
        known = instance.__dict__.setdefault("_history_targets", {})
        missing = set(pk_set or ()) - set(known)
        known.update(tracked_model._base_manager.in_bulk(missing))
        targets = [known[pk] for pk in pk_set or () if pk in known]
    for target in targets:
        _relation_step(target, name, action)


def _reverse_accessor(model, name):
    return model._meta.get_field(name).remote_field.get_accessor_name()


def _relation_step(target, name, action):
    """Before a change, remember the list; after it, record before and after. A removal followed by an addition
    (how `set()` replaces a list) is one record."""
    pending = target.__dict__.setdefault("_history_lists", {})
    stage, kind = action.split("_", 1)
    if stage == "pre":
        entry = pending.get(name)
        if kind != "add" or entry is None or entry.get("record") is None:
            pending[name] = {"before": _list_text(target, name), "record": None}
        return
    entry = pending.get(name)
    if entry is None:
        return
    after = _list_text(target, name)
    record = entry["record"]
    if record is not None:  # the addition after a removal: one record for the replacement
        if after == record.old_value:
            record.delete()
        else:
            record.new_value = after
            record.save(update_fields=["new_value"])
    elif after != entry["before"]:
        record = _write(target, "update", [(name, entry["before"], after)])[0]
    if kind == "add" or record is None:
        pending.pop(name, None)
    else:
        entry["record"] = record


# --- bulk updates -------------------------------------------------------------------------------------------

class RecordedQuerySet(models.QuerySet):
    """`update()` keeps the history of every row it changes and announces the change (`records_updated`)."""

    def update(self, **kwargs):
        tracking = _tracked.get(self.model)
        fields = [f for f in tracking.fields if f.name in kwargs or f.attname in kwargs] if tracking else []
        attnames = [f.attname for f in fields]
        before = {row["pk"]: row for row in self.values("pk", *attnames)}
        count = super().update(**kwargs)
        if before:
            if fields:
                _record_update(self.model, tracking, fields, before)
            records_updated.send(sender=self.model, pks=list(before))
        return count


def _record_update(model, tracking, fields, before):
    after = model._base_manager.filter(pk__in=list(before)).in_bulk()
    for pk, row in before.items():
        instance = after.get(pk)
        if instance is None:
            continue
        owner, as_field, part = _owner(instance)
        changes = list(_changes(fields, row, instance, prefix=as_field))
        if changes:
            _write(owner, "update", changes, part=part)


# --- records inserted in bulk -------------------------------------------------------------------------------

def history_of_inserted(instance):
    """The history a save would have written for `instance`, inserted without its signals (`bulk_create`):
    "created", or for a part its addition on the owner; rows for history_write. A part needs its owner, and
    whatever its name shows, already loaded (an ItemAgent its item and agent), or naming it costs a query."""
    owner, as_field, part = _owner(instance)
    if not part:
        return _rows(instance, "create", [("", None, None)])
    if _part_of_quiet(owner):
        return []
    return _rows(owner, "update", [(as_field, None, str(instance))], part=part)


def history_of_filled_list(instance, name, members):
    """The history `getattr(instance, name).set(members)` would have written on a record whose list was empty,
    for a list filled by inserting its through rows in bulk (none for no members); rows for history_write."""
    after = _members_text(type(instance), name, {member.pk: member for member in members}.values())
    return _rows(instance, "update", [(name, "", after)]) if after else []


def history_write(rows):
    """Insert the rows history_of_inserted and history_of_filled_list made, in their order, as ChangeRecords
    straight to the table (archive.bulk_insert): an import writes about ten records an item. Records written
    together carry one time, the time they are written."""
    if not rows:
        return
    ChangeRecord = apps.get_model("archive", "ChangeRecord")
    connection = connections[router.db_for_write(ChangeRecord)]
    at = ChangeRecord._meta.get_field("at").get_db_prep_save(timezone.now(), connection)
    rows_insert(ChangeRecord, COLUMNS, [(*row[:-1], at) for row in rows])
