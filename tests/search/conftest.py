import pytest
from haystack import connections

ENGINES = {
    "whoosh": "search.whoosh_backend.MultilingualWhooshEngine",
    "xapian": "search.xapian_engine.ArchiveXapianEngine",
}


def _use(settings, engine, path):
    """Point haystack at `engine`: it reads each connection's engine class from the settings it saw at startup,
    so the connection table itself is swapped, and given back afterwards."""
    settings.HAYSTACK_CONNECTIONS = {"default": {"ENGINE": ENGINES[engine], "PATH": str(path)}}
    started_with = connections.connections_info
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")
    return started_with


@pytest.fixture(params=sorted(ENGINES))
def engine(request, settings, isolated_files):
    """The test runs once on each embedded engine, each with its own empty index."""
    started_with = _use(settings, request.param, isolated_files / f"index-{request.param}")
    assert type(connections["default"].get_backend()).__module__.startswith(f"search.{request.param}")
    yield request.param
    connections.connections_info = started_with
    connections.reload("default")


@pytest.fixture
def whoosh(settings, isolated_files):
    """For tests of the Whoosh backend itself (its write lock), whatever engine the suite runs on."""
    started_with = _use(settings, "whoosh", isolated_files / "whoosh")
    yield
    connections.connections_info = started_with
    connections.reload("default")
