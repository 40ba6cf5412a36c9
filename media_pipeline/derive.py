"""Making one profile's derivatives of an asset and swapping them in atomically.

A profile writes into a hidden folder beside its published ones (`.part-<job>-<token>`); only when every file is
written is the folder renamed into place and the Derivative rows replaced in one transaction. Readers see the
old set or the new one, never a mixture; a worker killed halfway leaves only a hidden folder, which the next run
of the profile removes. Older published folders are removed once the new rows are committed.
"""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction

from archive.storage import private_storage

from . import audio, captions, images, video
from .models import Derivative, MediaJob
from .profiles import profile as get_profile
from .profiles import profiles_for

# Share of a job's progress each profile takes: the ladder is nearly all of a video's work.
WEIGHTS = {"video-hls": 85, "video-poster": 2, "video-sprite": 13, "audio-aac": 70, "audio-peaks": 30}


def asset_derive(*, asset, profile_names=(), poster_time=None, job_id=None, on_progress=None):
    """Make the named profiles (default: every profile for the asset's kind) and publish them."""
    chosen = [get_profile(name) for name in profile_names] if profile_names else profiles_for(asset.kind)
    chosen = [p for p in chosen if p.kind == asset.kind]
    total = sum(WEIGHTS.get(p.name, 10) for p in chosen) or 1
    done = 0
    source = private_storage.path(asset.original.name)
    for profile in chosen:
        weight = WEIGHTS.get(profile.name, 10)

        def report(fraction, done=done, weight=weight):
            if on_progress:
                on_progress((done + weight * fraction) / total)

        _derive_profile(asset, profile, source, poster_time=poster_time, job_id=job_id, on_progress=report)
        done += weight
        if on_progress:
            on_progress(done / total)


def _derive_profile(asset, profile, source, *, poster_time, job_id, on_progress):
    root = Path(settings.MEDIA_ROOT)
    base = root / "derivatives" / str(asset.pk) / profile.name
    base.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(asset, profile.name, base, job_id)
    token = uuid.uuid4().hex[:16]
    work = base / f".part-{job_id or 0}-{token}"
    work.mkdir()
    try:
        outputs = _run(profile, source, work, poster_time=poster_time, on_progress=on_progress)
        final = base / token
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    folder = final.relative_to(root).as_posix()
    rows = [
        Derivative(asset=asset, profile=profile.name, profile_version=profile.version, role=out.role,
                   path=f"{folder}/{out.name}", mime_type=out.mime_type, width=out.width, height=out.height,
                   size=(final / out.name).stat().st_size, duration=out.duration, bitrate=out.bitrate)
        for out in outputs
    ]
    with transaction.atomic():
        Derivative.objects.filter(asset=asset, profile=profile.name).delete()
        Derivative.objects.bulk_create(rows)
        transaction.on_commit(lambda: _remove_leftovers(asset, profile.name, base, job_id))


def _run(profile, source, work, *, poster_time, on_progress):
    options = profile.options
    if profile.name == "image-sizes":
        return images.image_sizes(source, work, **options, on_progress=on_progress)
    if profile.name == "video-hls":
        return video.video_hls(source, work, options=options, on_progress=on_progress)
    if profile.name == "video-poster":
        return video.video_poster(source, work, **options, at=poster_time)
    if profile.name == "video-sprite":
        return video.video_sprite(source, work, **options, on_progress=on_progress)
    if profile.name == "audio-aac":
        return audio.audio_aac(source, work, **options, on_progress=on_progress)
    if profile.name == "audio-peaks":
        return audio.audio_peaks(source, work, **options, on_progress=on_progress)
    if profile.name == "captions-vtt":
        return captions.captions_vtt(source, work)
    if profile.name == "iiif-tiles":
        return images.iiif_tiles(source, work, **options, on_progress=on_progress)
    raise ValueError(f"no transform for profile {profile.name!r}")


def _remove_leftovers(asset, profile_name, base, job_id):
    """Delete folders no Derivative row points at, except the hidden work folder of another job still running."""
    if not base.exists():
        return
    live = {Path(path).parts[3] for path in
            Derivative.objects.filter(asset=asset, profile=profile_name).values_list("path", flat=True)}
    running = {str(pk) for pk in MediaJob.objects.running().exclude(pk__in=MediaJob.objects.stale().values("pk"))
               .values_list("pk", flat=True)} - {str(job_id)}
    for folder in base.iterdir():
        if folder.name in live:
            continue
        if folder.name.startswith(".part-") and folder.name.split("-")[1] in running:
            continue
        shutil.rmtree(folder, ignore_errors=True)
