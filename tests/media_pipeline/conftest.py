import pytest
from PIL import Image


@pytest.fixture(scope="session")
def sources(tmp_path_factory):
    """Generated source files, made once per session and copied by each ingest."""
    root = tmp_path_factory.mktemp("media-sources")
    made = {}

    def get(name, builder):
        if name not in made:
            made[name] = builder(root / name)
        return made[name]

    return get

@pytest.fixture
def cover(tmp_path):
    path = tmp_path / "cover.jpg"
    Image.new("RGB", (300, 300), "orange").save(path)
    return path
