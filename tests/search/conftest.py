import pytest
from haystack import connections

ENGINES = {
    "whoosh": "search.whoosh_backend.MultilingualWhooshEngine",
    "xapian": "search.xapian_engine.ArchiveXapianEngine",
}


@pytest.fixture(params=sorted(ENGINES))
def engine(request, settings, isolated_files):
    """The test runs once on each embedded engine, each with its own empty index."""
    settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": ENGINES[request.param], "PATH": str(isolated_files / f"index-{request.param}")}
    }
    connections.reload("default")
    yield request.param
    connections.reload("default")


@pytest.fixture
def whoosh(settings, isolated_files):
    """For tests of the Whoosh backend itself (its write lock), whatever engine the suite runs on."""
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": ENGINES["whoosh"], "PATH": str(isolated_files / "whoosh")}}
    connections.reload("default")
    yield
    connections.reload("default")
