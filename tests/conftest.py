from contextlib import contextmanager

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

from search.upkeep import search_hand_over_later

from tests.factories import grant, make_oral_history, make_recording

# The `task_worker` fixture: a real background worker process for the tests about workers. `s3_server` and
# `object_storage`: a real S3 server (SeaweedFS) for the tests about object storage.
pytest_plugins = ["tests.seaweedfs", "tests.workers"]


@pytest.fixture
def django_capture_on_commit_callbacks(django_capture_on_commit_callbacks):
    """Django's capture of on_commit callbacks, which runs (or lists) only those registered inside its block. The
    search index waits with one callback per transaction, perhaps registered before the block (by a fixture's
    saves): it is let go at the block's start, so a mark made inside registers the one the block runs."""

    @contextmanager
    def capture(*, using=DEFAULT_DB_ALIAS, execute=False):
        search_hand_over_later(using=using)
        with django_capture_on_commit_callbacks(using=using, execute=execute) as callbacks:
            yield callbacks

    return capture


@pytest.fixture(autouse=True)
def isolated_files(request, settings, tmp_path):
    """Each test gets its own media folders (or, in the object storage pass, its own key prefix on the S3 server)
    and its own search index."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    from tests import seaweedfs  # a plugin of this suite: imported once pytest has registered it

    if seaweedfs.in_object_storage_pass(request):
        seaweedfs.use_object_storage(settings, request.getfixturevalue("s3_server"))
    elif settings.ARCHIVE_S3_BUCKET:
        settings.STORAGES = {**settings.STORAGES, **LOCAL_STORAGES}
        settings.ARCHIVE_S3_BUCKET = ""
    settings.WHOOSH_PATH = tmp_path / "whoosh"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "whoosh")}
    }
    from haystack import connections

    connections.reload("default")
    yield tmp_path
    connections.reload("default")


LOCAL_STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                  "private": {"BACKEND": "archive.storage.PrivateFileSystemStorage"}}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back database can give a later test the same history ids, and
    so the same keys, as an earlier one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each test starts in the default language: a page request in Burmese must not decide the next test's."""
    translation.activate("en")
    yield
    translation.deactivate()




@pytest.fixture
def staff_user(django_user_model):
    """A curator with every permission (a superuser)."""
    return django_user_model.objects.create_user("curator", password="pw", is_staff=True, is_superuser=True)


@pytest.fixture
def registered_user(django_user_model):
    """A registered researcher: a curator put the account in the Researchers group."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("researcher", password="pw")
    user.groups.add(Group.objects.get(name="Researchers"))
    return user


@pytest.fixture
def reader(django_user_model):
    """An account anyone could make for themselves: signed in, with no permission at all."""
    return django_user_model.objects.create_user("reader", password="pw")


EXHIBIT_EDITING = [f"exhibits.{action}_{model}" for model in ("exhibit", "block", "blockitem")
                   for action in ("add", "change", "delete", "view")]


@pytest.fixture
def volunteer(django_user_model):
    """A volunteer given staff status only to edit exhibits: no permission on items, transcripts or segments."""
    return grant(django_user_model.objects.create_user("volunteer", password="pw", is_staff=True), *EXHIBIT_EDITING)


@pytest.fixture
def item_viewer(django_user_model):
    """Staff allowed to view items (and so hidden ones) and nothing else."""
    return grant(django_user_model.objects.create_user("viewer", password="pw", is_staff=True), "archive.view_item")


@pytest.fixture
def curator(client, staff_user):
    """A test client signed in as a curator (a superuser)."""
    client.force_login(staff_user)
    return client


@pytest.fixture
def oral_history(db):
    """A public interview with one recording (the oral-history and search tests share it)."""
    item = make_oral_history(title="Life on the boats", title_th="ชีวิตบนเรือ", original_language="th")
    make_recording(item)
    return item
