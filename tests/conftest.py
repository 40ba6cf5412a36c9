import pytest
from django.utils import translation

# The `task_worker` fixture: a real background worker process for the tests about workers.
pytest_plugins = ["tests.workers"]


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Each test gets its own media folders and its own search index."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.WHOOSH_PATH = tmp_path / "whoosh"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(tmp_path / "whoosh")}
    }
    from haystack import connections

    connections.reload("default")
    yield tmp_path
    connections.reload("default")


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each test starts in the default language: a page request in Burmese must not decide the next test's."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("curator", password="pw", is_staff=True, is_superuser=True)


@pytest.fixture
def registered_user(django_user_model):
    return django_user_model.objects.create_user("reader", password="pw")
