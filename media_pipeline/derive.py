"""Making one profile's derivatives of an asset and swapping them in atomically.

The original is copied out of private storage into a temporary file and the tools write into a temporary folder
on this machine (ffmpeg and Pillow need real files); only when every file is made is the folder uploaded to a new
folder of the public storage, `derivatives/<asset>/<profile>/<job>-<token>`, and the Derivative rows replaced in
one transaction. Readers see the old set or the new one, never a mixture: the media view serves only folders a
row points to. A worker killed halfway leaves at most an unpublished folder, which the next run of the profile
(or `media_sweep`) removes. Older published folders are removed once the new rows are committed.
"""

import tempfile
import uuid
from pathlib import Path

from django.db import transaction

from archive.storage import delete_folder, local_copy, private_storage, public_storage, subfolders, upload_folder

from . import audio, captions, images, video
from .models import Derivative, MediaJob
from .profiles import profile as get_profile
from .profiles import profiles_for

# Share of a job's progress each profile takes: the ladder is nearly all of a video's work.
WEIGHTS = {"video-hls": 85, "video-poster": 2, "video-sprite": 13, "audio-aac": 70, "audio-peaks": 30}


def asset_derive(*, asset, source: Path | None = None, profile_names=(), poster_time=None, job_id=None,
                 on_progress=None):
    """Make the named profiles (default: every profile for the asset's kind) and publish them. `source` is a
    local copy of the original when the caller has one; otherwise one is made for the run."""
    if source is None:
        with local_copy(private_storage, asset.original.name) as copy:
            return asset_derive(asset=asset, source=copy, profile_names=profile_names, poster_time=poster_time,
                                job_id=job_id, on_progress=on_progress)
    chosen = [get_profile(name) for name in profile_names] if profile_names else profiles_for(asset.kind)
    chosen = [p for p in chosen if p.kind == asset.kind]
    total = sum(WEIGHTS.get(p.name, 10) for p in chosen) or 1
    done = 0
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
    base = f"derivatives/{asset.pk}/{profile.name}"
    _remove_leftovers(asset, profile.name, base, job_id)
    folder = f"{base}/{job_id or 0}-{uuid.uuid4().hex[:16]}"
    with tempfile.TemporaryDirectory(prefix="archive-derive-") as work:
        outputs = _run(profile, source, Path(work), poster_time=poster_time, on_progress=on_progress)
        try:
            sizes = upload_folder(public_storage, Path(work), folder)
        except BaseException:
            delete_folder(public_storage, folder)
            raise
    rows = [
        Derivative(asset=asset, profile=profile.name, profile_version=profile.version, role=out.role,
                   path=f"{folder}/{out.name}", mime_type=out.mime_type, width=out.width, height=out.height,
                   size=sizes[out.name], duration=out.duration, bitrate=out.bitrate)
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
    """Delete folders no Derivative row points at, except the folder of another job still running."""
    live = {Path(path).parts[3] for path in
            Derivative.objects.filter(asset=asset, profile=profile_name).values_list("path", flat=True)}
    running = {str(pk) for pk in MediaJob.objects.running().exclude(pk__in=MediaJob.objects.stale().values("pk"))
               .values_list("pk", flat=True)} - {str(job_id)}
    for name in subfolders(public_storage, base):
        if name in live or name.split("-")[0] in running:
            continue
        delete_folder(public_storage, f"{base}/{name}")
