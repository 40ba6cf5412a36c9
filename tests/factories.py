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


def make_recording(item, *, kind=Asset.Kind.AUDIO, position=0, original_name="interview.m4a", **fields):
    return Asset.objects.create(item=item, kind=kind, position=position, original_name=original_name, **fields)


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


def make_child_artwork(*, guardian_consent=True, covers_pictures=False, **fields):
    """A published drawing by a minor (ဖြိုး ဝေ, born 2014), with an image file; with a standing guardian's consent
    unless `guardian_consent` is False, covering pictures in lists when `covers_pictures`."""
    item = make_item(kind=Item.Kind.ARTWORK, title=fields.pop("title", "ပန်းချီ: My school"),
                     medium="crayon", medium_th="สีเทียน", dimensions="30 × 42 cm", **fields)
    child = make_agent(display_name=f"ဖြိုး ဝေ Kyaw {item.pk}", is_minor=True, birth_year=2014,
                       minor_public_name="ဖြိုး")
    ItemAgent.objects.create(item=item, agent=child, role=ItemAgent.Role.ARTIST)
    if guardian_consent:
        make_consent(item, agent=child, by_guardian=True, covers_pictures_in_lists=covers_pictures)
    image = Asset.objects.create(item=item, kind=Asset.Kind.IMAGE, original_name="ရုပ်ပုံ.jpg")
    make_derivative(image, "image", path=f"derivatives/{image.pk}/image-sizes/t/child-640.jpg", mime_type="image/jpeg",
                    width=640, height=480)
    return item


def make_picture(item, *, width=160, colour=(200, 120, 40)):
    """An image file of `item` with the small WebP derivative the pipeline would write, on disk under MEDIA_ROOT."""
    from pathlib import Path

    from django.conf import settings
    from PIL import Image

    asset = Asset.objects.create(item=item, kind=Asset.Kind.IMAGE, original_name="ภาพ.jpg")
    path = f"derivatives/{asset.pk}/image-sizes/t/{width}.webp"
    full = Path(settings.MEDIA_ROOT) / path
    full.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, width * 3 // 4), colour).save(full, "WEBP")
    make_derivative(asset, "image", path=path, mime_type="image/webp", width=width, height=width * 3 // 4)
    return asset


# Stored files, read through the storages so a test runs the same on local folders and on object storage.
def stored_names(folder, *, private=False):
    """Every file name under `folder` in the public (or private) storage."""
    from django.core.files.storage import default_storage

    from archive.storage import private_storage, walk

    return list(walk(private_storage if private else default_storage, folder))


def derivative_folders(asset):
    """`<profile>/<folder>` of every folder in the public storage under the asset's derivatives."""
    from django.core.files.storage import default_storage

    from archive.storage import subfolders

    root = f"derivatives/{asset.pk}"
    return [f"{profile}/{name}" for profile in subfolders(default_storage, root)
            for name in subfolders(default_storage, f"{root}/{profile}")]


def replace_stored(name, data, *, private=False):
    """Put `data` in place of a stored file (a disk gone bad, a file put back)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from archive.storage import private_storage

    storage = private_storage if private else default_storage
    storage.delete(name)
    assert storage.save(name, ContentFile(data)) == name


def stored_local_copy(name):
    """A context manager giving a local path with a public stored file's bytes (for ffprobe and Pillow)."""
    from django.core.files.storage import default_storage

    from archive.storage import local_copy

    return local_copy(default_storage, name)


def make_invitation(role="Contributors", **fields):
    from django.contrib.auth.models import Group

    from contributions.models import Invitation

    return Invitation.objects.create(role=Group.objects.get(name=role), **fields)


def make_contributor(username=None, **fields):
    """An account in the Contributors group, as sign-up makes one."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username or f"ผู้ส่ง{next(_numbers)}", password="pw", **fields)
    # Tests on a live server empty the database after migrations made the group: make it again if so.
    group, created = Group.objects.get_or_create(name="Contributors")
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="contributions", codename="contribute"))
    user.groups.add(group)
    return user


def make_submission(contributor, **fields):
    from contributions.models import Submission

    values = {"title": "ชีวิตในโรงงานแปรรูปปลา", "text_language": "th", "pseudonym": "มิน", "consent_public_web": True}
    values.update(fields)
    return Submission.objects.create(contributor=contributor, **values)


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


def add_subtitles(item, tmp_path, name, text, **fields):
    """A subtitle file named `name` with `text`, ingested into `item` by the real pipeline, its WebVTT made."""
    from django.test import TestCase

    from media_pipeline.ingest import asset_ingest

    source = tmp_path / "upload.txt"
    source.write_text(text, encoding="utf-8")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the pipeline's job runs once the upload commits
        asset = asset_ingest(item=item, source=source, original_name=name)
    assert asset.kind == Asset.Kind.CAPTION and asset.derivatives.filter(role="captions").exists()
    if fields:
        Asset.objects.filter(pk=asset.pk).update(**fields)
    return asset


def served(response):
    """(status, body) of a media answer as a browser ends up with it: a redirect to a presigned address on object
    storage is followed, from outside the site (no cookies)."""
    if response.status_code == 302 and "X-Amz-Signature=" in response.get("Location", ""):
        import requests

        answer = requests.get(response["Location"], timeout=30)
        return answer.status_code, answer.content
    return response.status_code, b"".join(response.streaming_content) if response.streaming else response.content


def make_spoken_interview(folder, *, seconds, name="สัมภาษณ์.wav", **fields):
    """A public oral history with a recording of `seconds` (a generated tone, as a WAV file named `name` in
    `folder`) taken in by the real media pipeline; returns the item and its recording."""
    import subprocess

    from media_pipeline.ingest import asset_ingest
    from media_pipeline.models import Derivative

    source = folder / name
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    f"sine=frequency=330:duration={seconds}", "-ac", "1", "-ar", "16000", str(source)],
                   check=True, timeout=60)
    item = make_oral_history(**{"title": "Ten years on the boats", "title_th": "สิบปีบนเรือ", **fields})
    recording = asset_ingest(item=item, source=str(source), original_name=source.name)
    assert Derivative.objects.filter(asset=recording, role="audio").exists(), "the pipeline made no audio"
    return item, recording


def make_kit(*sources, **fields):
    """A published lesson kit of the archive, in Thai and English, with `sources`: items (whole), exhibits, or
    (item, start, end) tuples for clips."""
    from exhibits.models import Exhibit
    from lessons.models import Kit, KitSource

    n = next(_numbers)
    values = {"slug": f"kit-{n}", "title": f"Lesson kit {n}", "title_th": f"ชุดการสอน {n}",
              "age_band": Kit.AgeBand.SECONDARY_LOWER, "subject_area": Kit.Subject.HISTORY,
              "status": Kit.Status.PUBLISHED}
    values.update(fields)
    if values["status"] == Kit.Status.PUBLISHED and values.get("owner") is None:
        from django.utils import timezone

        values.setdefault("published_at", timezone.now())
    kit = Kit.objects.create(**values)
    for position, source in enumerate(sources):
        if isinstance(source, tuple):
            item, start, end = source
            KitSource.objects.create(kit=kit, position=position, kind=KitSource.Kind.CLIP, item=item,
                                     clip_start=start, clip_end=end)
        elif isinstance(source, Exhibit):
            KitSource.objects.create(kit=kit, position=position, kind=KitSource.Kind.EXHIBIT, exhibit=source)
        else:
            KitSource.objects.create(kit=kit, position=position, kind=KitSource.Kind.ITEM, item=source)
    return kit
