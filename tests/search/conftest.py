import pytest
from haystack import connections

ENGINES = {
    "whoosh": "search.whoosh_backend.MultilingualWhooshEngine",
    "xapian": "xapian_backend.XapianEngine",
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
