"""Files do not outlive their records: deleting an item, an asset or a consent record removes its files once the
deletion commits (not when it rolls back), replaced evidence goes, and media_sweep removes what nothing points
to, including spreadsheet uploads never imported."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from archive.models import Asset, ConsentRecord, Item
from media_pipeline.ingest import asset_ingest
from tests.archive.admin_forms import form_data
from tests.factories import make_consent, make_item, stored_names

from . import media


def files_under(root):
    """The files under MEDIA_ROOT or PRIVATE_MEDIA_ROOT (or a folder inside either), relative to it, read through
    the storage they stand for: on object storage, the same keys in the buckets."""
    root = Path(root)
    for base, private in ((Path(settings.PRIVATE_MEDIA_ROOT), True), (Path(settings.MEDIA_ROOT), False)):
        if root == base or base in root.parents:
            folder = root.relative_to(base).as_posix() if root != base else ""
            return sorted(name[len(folder) + 1:] if folder else name
                          for name in stored_names(folder, private=private))
    raise ValueError(f"{root} is in neither storage")


def make_evidence(record, name="ใบยินยอม.pdf", content=b"%PDF-1.4 signed consent form"):
    record.evidence.save(name, ContentFile(content))
    return record.evidence.name


@pytest.fixture
def film_and_photo(ingest_photo_and_film):
    """An item with a photograph and a film (HLS segments included), its derivatives made."""
    item = make_item(kind="film", accession_number="RET-1")
    photo, film = ingest_photo_and_film(item, item)
    return item, photo, film


@pytest.fixture
def two_photos(sources, django_capture_on_commit_callbacks):
    item = make_item(accession_number="RET-2")
    with django_capture_on_commit_callbacks(execute=True):
        return item, *(asset_ingest(item=item, source=sources("sample-jpeg", lambda p: media.make_jpeg(p)),
                                    original_name=name) for name in ("เรือ.jpg", "ငါး.jpg"))


@pytest.mark.django_db(transaction=True)
def test_deleting_an_item_removes_its_originals_derivatives_and_evidence_after_commit(film_and_photo, settings):
    item, photo, film = film_and_photo
    other = make_item()
    kept_evidence = make_evidence(make_consent(other), "other.pdf")
    evidence = make_evidence(make_consent(item))
    assert any(name.endswith(".m4s") for name in files_under(settings.MEDIA_ROOT)), "HLS segments were made"
    assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == 4

    with pytest.raises(RuntimeError), transaction.atomic():
        Item.objects.get(pk=item.pk).delete()
        raise RuntimeError("the deletion rolls back")
    assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == 4
    assert files_under(Path(settings.MEDIA_ROOT) / "derivatives" / str(film.pk))

    with transaction.atomic():
        Item.objects.get(pk=item.pk).delete()
        assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == 4, "nothing goes before the commit"

    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [kept_evidence]
    assert files_under(settings.MEDIA_ROOT) == []
    assert evidence not in files_under(settings.PRIVATE_MEDIA_ROOT)


@pytest.mark.django_db(transaction=True)
def test_deleting_through_the_admin_removes_the_files(two_photos, settings, admin_client):
    item, _photo, _other = two_photos
    make_evidence(make_consent(item))

    response = admin_client.post(f"/admin/archive/item/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302 and not Item.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [] and files_under(settings.MEDIA_ROOT) == []


@pytest.mark.django_db
def test_queryset_delete_of_assets_and_consents_removes_just_their_files(two_photos, settings,
                                                                         django_capture_on_commit_callbacks):
    item, photo, film = two_photos
    first = make_consent(item)
    second = make_consent(item)
    first_evidence, second_evidence = make_evidence(first), make_evidence(second, "ဓာတ်ပုံ.jpg", b"\xff\xd8\xff")

    with django_capture_on_commit_callbacks(execute=True):
        Asset.objects.filter(pk=film.pk).delete()
        ConsentRecord.objects.filter(pk=first.pk).delete()

    assert files_under(settings.PRIVATE_MEDIA_ROOT) == sorted([photo.original.name, second_evidence])
    assert not files_under(Path(settings.MEDIA_ROOT) / "derivatives" / str(film.pk))
    assert files_under(Path(settings.MEDIA_ROOT) / "derivatives" / str(photo.pk))
    assert first_evidence not in files_under(settings.PRIVATE_MEDIA_ROOT)


@pytest.mark.django_db
def test_replacing_or_removing_evidence_in_the_admin_removes_the_old_file(admin_client, settings,
                                                                         django_capture_on_commit_callbacks):
    record = make_consent(make_item())
    old = make_evidence(record)
    change = f"/admin/archive/consentrecord/{record.pk}/change/"

    data = form_data(admin_client.get(change), "consentrecord_form")
    data["evidence"] = SimpleUploadedFile("แบบฟอร์มใหม่.pdf", b"%PDF-1.4 the signed form, scanned again")
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(change, data).status_code == 302

    record.refresh_from_db()
    assert record.evidence.name != old
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [record.evidence.name]

    data = form_data(admin_client.get(change), "consentrecord_form")
    data["evidence-clear"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(change, data).status_code == 302
    record.refresh_from_db()
    assert not record.evidence and files_under(settings.PRIVATE_MEDIA_ROOT) == []


@pytest.mark.django_db
def test_saving_a_record_without_touching_its_evidence_keeps_it(settings, django_capture_on_commit_callbacks):
    record = make_consent(make_item())
    evidence = make_evidence(record)
    with django_capture_on_commit_callbacks(execute=True):
        record = ConsentRecord.objects.get(pk=record.pk)
        record.research = False
        record.save()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [evidence]


def age(path, hours):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def sweep(*args):
    out = StringIO()
    call_command("media_sweep", *args, stdout=out)
    return out.getvalue()


@pytest.mark.local_files  # ages files by hand
@pytest.mark.django_db
def test_media_sweep_removes_stale_imports_orphaned_evidence_and_derivative_folders(two_photos, settings):
    item, photo, other = two_photos
    private, media_root = Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT)
    kept_evidence = make_evidence(make_consent(item))
    # Evidence of a consent form saved in a transaction that rolled back: the file stayed, the row did not.
    orphan_evidence = private / "consent" / "2026" / "0f1e2d3c4b5a69788796a5b4c3d2e1f0.pdf"
    orphan_evidence.parent.mkdir(parents=True, exist_ok=True)
    orphan_evidence.write_bytes(b"%PDF-1.4 nobody's form")
    # An upload checked in the admin, with a photograph carrying GPS, never imported; and one checked just now.
    stale_upload = private / "imports" / ("a" * 32)
    fresh_upload = private / "imports" / ("b" * 32)
    for upload in (stale_upload, fresh_upload):
        upload.mkdir(parents=True)
        (upload / "items.csv").write_text("accession_number,title\nX-1,เรือ\n", encoding="utf-8")
        media.make_jpeg(upload / "ภาพ.jpg")
    # The folder of an asset deleted while its job was still writing, and a profile folder nothing points to.
    gone_asset = media_root / "derivatives" / "999999" / "image-sizes" / "0123456789abcdef"
    gone_asset.mkdir(parents=True)
    (gone_asset / "640.webp").write_bytes(b"RIFF")
    replaced = media_root / "derivatives" / str(photo.pk) / "image-sizes" / "fedcba9876543210"
    replaced.mkdir(parents=True)
    (replaced / "640.jpg").write_bytes(b"\xff\xd8\xff")
    live_before = files_under(media_root / "derivatives" / str(photo.pk))

    assert sweep().endswith("0 unreferenced original(s) deleted.\n0 orphaned consent evidence file(s) deleted.\n"
                            "0 orphaned derivative folder(s) deleted.\n0 stale import upload(s) deleted.\n")

    # A derivative folder is as old as its newest file (object storage has no folders to date).
    for path in (orphan_evidence, gone_asset / "640.webp", replaced / "640.jpg"):
        age(path, 25)
    for path in stale_upload.iterdir():
        age(path, 25)
    dry = sweep("--dry-run")
    assert f"Would delete {orphan_evidence.relative_to(private).as_posix()}\n" in dry
    assert "Would delete derivatives/999999\n" in dry
    assert f"Would delete {replaced.relative_to(media_root).as_posix()}\n" in dry
    assert f"Would delete imports/{'a' * 32}\n" in dry
    assert ("0 unreferenced original(s) found.\n1 orphaned consent evidence file(s) found.\n"
            "2 orphaned derivative folder(s) found.\n1 stale import upload(s) found.\n") in dry
    assert orphan_evidence.exists() and stale_upload.exists() and gone_asset.exists() and replaced.exists()

    done = sweep()

    assert "1 orphaned consent evidence file(s) deleted." in done and "1 stale import upload(s) deleted." in done
    assert not orphan_evidence.exists() and not stale_upload.exists()
    assert not (media_root / "derivatives" / "999999").exists() and not replaced.exists()
    assert fresh_upload.exists() and (private / kept_evidence).exists()
    assert files_under(media_root / "derivatives" / str(photo.pk)) == [
        name for name in live_before if not name.startswith("image-sizes/fedcba9876543210/")]
    assert (private / photo.original.name).exists() and (private / other.original.name).exists()
    assert sweep("--hours", "0").endswith("0 orphaned derivative folder(s) deleted.\n0 stale import upload(s) "
                                          "deleted.\n"), "live derivatives and fresh uploads are never swept"
