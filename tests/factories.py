"""Builders for test records: each makes the smallest valid object and takes overrides as keyword arguments."""

import itertools

from archive.models import Agent, Asset, Collection, ConsentRecord, Item, ItemAgent, Place, Subject
from media_pipeline.models import Derivative
from media_pipeline.profiles import profile

_numbers = itertools.count(1)


def make_item(**fields):
    n = next(_numbers)
    values = {
        "kind": Item.Kind.PHOTOGRAPH,
        "accession_number": f"TEST-{n:05d}",
        "title": f"Test item {n}",
        "status": Item.Status.PUBLISHED,
        "access": "public",
    }
    values.update(fields)
    return Item.objects.create(**values)


def make_agent(**fields):
    n = next(_numbers)
    return Agent.objects.create(**{"display_name": f"Person {n}", **fields})


def add_agent(item, agent=None, role=ItemAgent.Role.NARRATOR):
    agent = agent or make_agent()
    ItemAgent.objects.create(item=item, agent=agent, role=role)
    return agent


def make_consent(item, **fields):
    agent = fields.pop("agent", None) or make_agent()
    values = {"public_web": True, "exhibits": True, "classroom": True, "research": True}
    values.update(fields)
    return ConsentRecord.objects.create(item=item, agent=agent, **values)


def make_place(path):
    """A place from a path such as "Thailand > Samut Sakhon", creating the missing levels."""
    parent = None
    for name in [part.strip() for part in path.split(">")]:
        parent, _ = Place.objects.get_or_create(name=name, parent=parent)
    return parent


def make_collection(**fields):
    n = next(_numbers)
    return Collection.objects.create(**{"slug": f"collection-{n}", "title": f"Collection {n}", **fields})


def make_subject(**fields):
    n = next(_numbers)
    return Subject.objects.create(**{"slug": f"subject-{n}", "title": f"Subject {n}", **fields})


def make_oral_history(**fields):
    """A published oral history with a narrator's standing consent: public unless the fields say otherwise."""
    item = make_item(**{"kind": Item.Kind.ORAL_HISTORY, **fields})
    make_consent(item)
    return item


def make_recording(item, *, kind=Asset.Kind.AUDIO, position=0, **fields):
    return Asset.objects.create(item=item, kind=kind, position=position, original_name="interview.m4a", **fields)


# The profile (media_pipeline/profiles.py) that makes each derivative role.
PROFILE_OF_ROLE = {
    "image": "image-sizes",
    "hls-master": "video-hls", "hls-variant": "video-hls", "mp4": "video-hls",
    "poster": "video-poster",
    "sprite": "video-sprite", "sprite-vtt": "video-sprite",
    "audio": "audio-aac", "peaks": "audio-peaks",
    "captions": "captions-vtt",
}


def make_derivative(asset, role, *, path, mime_type, **fields):
    """A Derivative row as the pipeline would record it: the real profile and version for its role."""
    made_by = profile(PROFILE_OF_ROLE[role])
    return Derivative.objects.create(asset=asset, profile=made_by.name, profile_version=made_by.version, role=role,
                                     path=path, mime_type=mime_type, **fields)


def attach_audio(recording):
    """The derivative the media pipeline writes for a recording, so the item page has a player for it."""
    return make_derivative(recording, "audio", path=f"derivatives/{recording.pk}/audio-aac/t/audio.m4a",
                           mime_type="audio/mp4")


def grant(user, *permissions):
    """Give `user` these permissions ("app_label.codename") and return the user fresh from the database, so no
    permission cache hides them."""
    from django.contrib.auth.models import Permission

    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return type(user).objects.get(pk=user.pk)


def admin_import_check(client, spreadsheet, *, media=(), name="items.csv"):
    """Upload a spreadsheet (text or bytes) to the admin's Import page as a curator does, and return the page
    that shows the check's report. The check runs as a task, here at once when the request commits."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import TestCase

    body = spreadsheet.encode("utf-8") if isinstance(spreadsheet, str) else spreadsheet
    data = {"spreadsheet": SimpleUploadedFile(name, body), **({"media": list(media)} if media else {})}
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post("/admin/archive/item/import/", data)
    if started.status_code != 302:
        return started  # the form itself was refused
    return client.get(started["Location"])


def admin_import_confirm(client, token, **fields):
    """Press "Import now" (or "Create these and import") on a checked upload; returns the run's page, or the
    refusal."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post("/admin/archive/item/import/", {"token": token, **fields})
    return client.get(started["Location"]) if started.status_code == 302 else started
